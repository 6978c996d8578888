// One programme of a society (/society/:org/programmes/:id): edit it, or retire it. The page
// says what each does to the certificates already issued: they keep their serial and status
// and stay verifiable; a retired programme issues nothing new.
import { api, catalogue } from '../api.js';
import { tracks } from '../catalog.js';
import { programmeForm } from '../components/programme-form.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';
import { reload } from '../router.js';

function retirePanel(p) {
  const status = h('div', { className: 'retire-status', role: 'status' });
  const confirm = h('label', { className: 'choice' },
    h('input', { type: 'checkbox', id: 'retire-confirm' }),
    h('span', {}, t('society.retire.confirm', { Title: p.title })));
  const button = h('button', { type: 'button', className: 'button button-danger', id: 'retire-button' }, t('society.retire.title'));
  button.addEventListener('click', async () => {
    if (!/** @type {HTMLInputElement} */ (confirm.querySelector('input')).checked) {
      status.replaceChildren(h('p', { className: 'form-error' }, t('society.retire.tick')));
      return;
    }
    button.disabled = true;
    try {
      await api(`/programmes/${encodeURIComponent(p.id)}/retire`, { method: 'POST' });
      announce(t('society.retire.done'));
      reload();
    } catch (err) {
      button.disabled = false;
      status.replaceChildren(h('p', { className: 'form-error' }, err.message));
    }
  });
  return h('div', {},
    h('p', {}, t('society.retire.intro')),
    h('ul', {},
      h('li', {}, t('society.retire.learners')),
      h('li', {}, t('society.retire.issued', { Count: p.certificates_issued })),
      h('li', {}, t('society.retire.revoke'))),
    h('p', {}, t('society.retire.final')),
    h('div', { className: 'choice-group' }, confirm),
    h('p', {}, button),
    status);
}

export default async function societyProgrammePage({ org, id }) {
  const [{ items }, all, exercises] = await Promise.all([
    api(`/organisations/${encodeURIComponent(org)}/programmes`),
    tracks(),
    catalogue('/exercises'),
  ]);
  const p = items.find((x) => x.id === id);
  if (!p) {
    const node = h('div', { className: 'page narrow' }, h('h1', {}, t('society.programme.not_found')),
      h('p', {}, t('society.programme.not_found_body')), h('p', {}, h('a', { href: `/society/${encodeURIComponent(org)}` }, t('society.programme.back'))));
    return { title: t('society.programme.not_found'), node };
  }
  const issued = p.certificates_issued > 0;
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: `/society/${encodeURIComponent(org)}` }, p.issuer.name)),
    h('h1', {}, p.title),
    h('p', { className: 'lede' },
      h('a', { href: `/society/${encodeURIComponent(org)}/certificates?programme=${encodeURIComponent(p.id)}` },
        t('society.issued_count', { Count: p.certificates_issued }))),
    p.retired_at
      ? h('section', { className: 'notice', 'aria-labelledby': 'retired-heading', 'data-result': 'retired' },
        h('h2', { id: 'retired-heading' }, t('society.programme.retired_on', { Date: dateText(p.retired_at) })),
        h('p', {}, t('society.programme.retired_body')))
      : [
        h('section', { className: 'panel', 'aria-labelledby': 'edit-heading' },
          h('h2', { id: 'edit-heading' }, t('society.programme.edit')),
          issued ? null : h('p', {}, t('society.programme.edit_free')),
          programmeForm({ id: 'edit', all, exercises: exercises.items, programme: p, label: t('society.programme.save'), locked: issued, send: async (body) => {
            await api(`/programmes/${encodeURIComponent(p.id)}`, { method: 'PATCH', body });
            announce(t('society.programme.saved'));
            return t('common.saved');
          } })),
        h('section', { className: 'panel', 'aria-labelledby': 'retire-heading' },
          h('h2', { id: 'retire-heading' }, t('society.retire.title')),
          retirePanel(p)),
      ]);
  return { title: p.title, node };
}
