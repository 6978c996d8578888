// Choosing what a course of a learning platform links to (/lti/deep-links/:id): the
// instructor opened Tandem from the platform's "select content"; they tick modules and quizzes,
// Tandem signs the choice, and the browser carries it back to the platform.
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** returnForm posts the signed answer to Tandem's page that hands it on to the platform. */
function returnForm(id, jwt) {
  const form = h('form', { method: 'post', action: `/lti/deep-links/${encodeURIComponent(id)}/return`, hidden: true },
    h('input', { type: 'hidden', name: 'jwt', value: jwt }));
  document.body.append(form);
  form.submit();
}

export default async function ltiDeepLinkPage({ id }) {
  const request = await api(`/lti/deep-links/${encodeURIComponent(id)}`);
  const type = request.accept_multiple ? 'checkbox' : 'radio';
  const problem = h('p', { className: 'error', role: 'alert', hidden: true });
  const choices = request.items.map((item, i) => h('li', {},
    h('input', { type, name: 'item', id: `pick-${i}`, value: `${item.kind}:${item.slug}` }),
    ' ',
    h('label', { for: `pick-${i}` }, t(item.kind === 'quiz' ? 'staff2.deeplink.quiz' : 'staff2.deeplink.module', { Title: item.title }))));
  const form = h('form', { id: 'deep-link-form', className: 'stack' },
    h('fieldset', {}, h('legend', {}, t(request.accept_multiple ? 'staff2.deeplink.pick_many' : 'staff2.deeplink.pick_one')),
      h('ul', { className: 'plain' }, choices)),
    problem,
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('staff2.deeplink.add'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const items = [...form.querySelectorAll('input[name=item]:checked')].map((input) => {
      const [kind, slug] = /** @type {HTMLInputElement} */ (input).value.split(':');
      return { kind, slug };
    });
    if (items.length === 0) {
      problem.textContent = t('staff2.deeplink.none_chosen');
      problem.hidden = false;
      return;
    }
    try {
      const answer = await api(`/lti/deep-links/${encodeURIComponent(id)}/response`, { method: 'POST', body: { items } });
      returnForm(id, answer.jwt);
    } catch (err) {
      problem.textContent = err.message;
      problem.hidden = false;
    }
  });
  const node = h('div', { className: 'page' },
    h('h1', {}, t('staff2.deeplink.title')),
    h('p', { className: 'lede' }, t('staff2.deeplink.lede')),
    form);
  return { title: t('staff2.deeplink.title'), node };
}
