// Arriving from a learning platform (/lti/signed-in#code=...&next=...): Tandem checked the
// platform's launch and put a single-use code after the #, which never reaches a server log.
// The page trades it for a session, asks a new account its discipline once when the platform
// did not send it, and opens the page the course linked to.
import { adoptSession, publicApi } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { navigate, safeNext } from '../router.js';
import { disciplineOptions, updateMe } from '../session.js';

/** launchFragment takes code, next and ask from the address bar's # and removes them from there. */
export function launchFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return { code: params.get('code') || '', next: safeNext(params.get('next'), '/'), ask: params.get('ask') === 'discipline' };
}

/** disciplineForm asks a new account its discipline, then opens next. */
export function disciplineForm(next) {
  const problem = h('p', { className: 'error', role: 'alert', hidden: true });
  const select = h('select', { id: 'lti-discipline', name: 'discipline', required: true },
    h('option', { value: '' }, t('register.choose')),
    disciplineOptions());
  const form = h('form', { id: 'lti-discipline-form', className: 'stack' },
    h('div', { className: 'field' }, h('label', { for: 'lti-discipline' }, t('register.discipline')), select),
    problem,
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('staff2.signedin.continue'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!select.value) {
      problem.textContent = t('register.missing_discipline');
      problem.hidden = false;
      return;
    }
    try {
      await updateMe({ discipline: select.value });
      navigate(next, { replace: true });
    } catch (err) {
      problem.textContent = err.message;
      problem.hidden = false;
    }
  });
  return form;
}

export default async function ltiSignedInPage() {
  const { code, next, ask } = launchFragment();
  try {
    if (!code) throw new Error(t('staff2.signedin.incomplete'));
    adoptSession(await publicApi('/auth/exchange', { method: 'POST', body: { code } }));
  } catch (err) {
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, t('staff2.signedin.failed_title')),
      h('p', { className: 'lede' }, err.message),
      h('p', {}, t('staff2.signedin.open_again')));
    return { title: t('staff2.signedin.failed'), node };
  }
  if (!ask) {
    queueMicrotask(() => navigate(next, { replace: true }));
    return { title: t('pages.signed_in'), node: h('div', { className: 'page narrow' }, h('h1', {}, t('pages.signed_in')), h('p', {}, t('staff2.signedin.opening'))) };
  }
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, t('pages.welcome_title')),
    h('p', { className: 'lede' }, t('staff2.signedin.one_question')),
    disciplineForm(next));
  return { title: t('pages.welcome'), node };
}
