// One programme of a society (/society/:org/programmes/:id): edit it, or retire it. The page
// says what each does to the certificates already issued: they keep their serial and status
// and stay verifiable; a retired programme issues nothing new.
import { api, catalogue } from '../api.js';
import { tracks } from '../catalog.js';
import { programmeForm } from '../components/programme-form.js';
import { announce, dateText, h } from '../dom.js';
import { reload } from '../router.js';

function retirePanel(p) {
  const status = h('div', { className: 'retire-status', role: 'status' });
  const confirm = h('label', { className: 'choice' },
    h('input', { type: 'checkbox', id: 'retire-confirm' }),
    h('span', {}, `I want to stop issuing “${p.title}”`));
  const button = h('button', { type: 'button', className: 'button button-danger', id: 'retire-button' }, 'Retire the programme');
  button.addEventListener('click', async () => {
    if (!/** @type {HTMLInputElement} */ (confirm.querySelector('input')).checked) {
      status.replaceChildren(h('p', { className: 'form-error' }, 'Tick the box first: a retired programme cannot be brought back.'));
      return;
    }
    button.disabled = true;
    try {
      await api(`/programmes/${encodeURIComponent(p.id)}/retire`, { method: 'POST' });
      announce('Programme retired.');
      reload();
    } catch (err) {
      button.disabled = false;
      status.replaceChildren(h('p', { className: 'form-error' }, err.message));
    }
  });
  return h('div', {},
    h('p', {}, 'Retire a programme when your society stops awarding it. From then on:'),
    h('ul', {},
      h('li', {}, 'learners no longer find it, and nobody can claim, be offered, accept or be re-issued its certificate;'),
      h('li', {}, `the ${p.certificates_issued === 1 ? 'certificate' : `${p.certificates_issued} certificates`} it issued keep their serial and status: valid ones stay valid until they expire, and every one stays verifiable, with its PDF and signed credential;`),
      h('li', {}, 'you can still revoke a certificate it issued.')),
    h('p', {}, 'Retiring cannot be undone. To award something similar later, define a new programme.'),
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
    const node = h('div', { className: 'page narrow' }, h('h1', {}, 'Programme not found'),
      h('p', {}, 'Your society has no programme at this address.'), h('p', {}, h('a', { href: `/society/${encodeURIComponent(org)}` }, 'Back to your society')));
    return { title: 'Programme not found', node };
  }
  const issued = p.certificates_issued > 0;
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: `/society/${encodeURIComponent(org)}` }, p.issuer.name)),
    h('h1', {}, p.title),
    h('p', { className: 'lede' },
      h('a', { href: `/society/${encodeURIComponent(org)}/certificates?programme=${encodeURIComponent(p.id)}` },
        p.certificates_issued === 1 ? '1 certificate issued' : `${p.certificates_issued} certificates issued`)),
    p.retired_at
      ? h('section', { className: 'notice', 'aria-labelledby': 'retired-heading', 'data-result': 'retired' },
        h('h2', { id: 'retired-heading' }, `Retired on ${dateText(p.retired_at)}`),
        h('p', {}, 'This programme issues nothing new. The certificates it issued keep their status and stay verifiable; you can still revoke one.'))
      : [
        h('section', { className: 'panel', 'aria-labelledby': 'edit-heading' },
          h('h2', { id: 'edit-heading' }, 'Edit the programme'),
          issued ? null : h('p', {}, 'No certificate has been issued yet, so every field can change. Learners see the changes at once.'),
          programmeForm({ id: 'edit', all, exercises: exercises.items, programme: p, label: 'Save the programme', locked: issued, send: async (body) => {
            await api(`/programmes/${encodeURIComponent(p.id)}`, { method: 'PATCH', body });
            announce('Programme saved.');
            return 'Saved.';
          } })),
        h('section', { className: 'panel', 'aria-labelledby': 'retire-heading' },
          h('h2', { id: 'retire-heading' }, 'Retire the programme'),
          retirePanel(p)),
      ]);
  return { title: p.title, node };
}
