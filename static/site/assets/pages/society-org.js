// One society's administration (/society/:org): its certificate programmes (retired ones
// marked), each with a form that offers a learner its certificate by email (the learner
// accepts before anything is issued), the applications it has received (the only learners
// whose standing the society sees) and a link to edit or retire it; links to the certificates
// it issued and to its members; a form that defines a new programme; revocation of a
// certificate with a reason; and rotation of the society's signing keys.
import { api, catalogue, newIdempotencyKey } from '../api.js';
import { tracks } from '../catalog.js';
import { certificateFacts, normaliseSerial } from '../components/certificate.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { programmeForm } from '../components/programme-form.js';
import { textArea, textField } from '../components/text-field.js';
import { announce, dateText, h, uid } from '../dom.js';
import { lastSocietyKey } from './society.js';

export default async function societyOrgPage({ org }) {
  const [profile, programmes, all, exercises] = await Promise.all([
    api(`/issuers/${encodeURIComponent(org)}`),
    api(`/organisations/${encodeURIComponent(org)}/programmes`),
    tracks(),
    catalogue('/exercises'),
  ]);
  localStorage.setItem(lastSocietyKey(), org);
  const titles = new Map([...all.map((t) => [t.slug, t.title]), ...exercises.items.map((x) => [x.slug, x.title])]);
  const list = h('div', { className: 'programme-list' });
  let mine = programmes.items;
  const drawList = () => {
    list.replaceChildren(mine.length
      ? h('ul', { className: 'card-list programmes' }, mine.map((p) => h('li', {}, programmeCard(org, p, titles))))
      : h('p', {}, 'Your society has no programme yet. Define one below.'));
  };
  drawList();
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/society' }, 'Society')),
    h('h1', {}, profile.name),
    h('p', { className: 'staff-links' },
      h('a', { className: 'button button-secondary', href: `/society/${encodeURIComponent(org)}/certificates` }, 'Certificates issued'),
      h('a', { className: 'button button-secondary', href: `/admin/organisations/${encodeURIComponent(org)}` }, 'Members and roles')),
    h('section', { 'aria-labelledby': 'programmes-heading' },
      h('h2', { id: 'programmes-heading' }, 'Programmes'),
      list),
    h('section', { className: 'panel', 'aria-labelledby': 'define-heading' },
      h('h2', { id: 'define-heading' }, 'Define a programme'),
      programmeForm({ id: 'programme', all, exercises: exercises.items, label: 'Define the programme', send: async (body) => {
        const p = await api(`/organisations/${encodeURIComponent(org)}/programmes`, { method: 'POST', body });
        announce('Programme defined.');
        mine = [{ ...p, certificates_issued: 0 }, ...mine];
        drawList();
        return `“${p.title}” is defined. Learners who meet it can now claim its certificate.`;
      } })),
    h('section', { className: 'panel', 'aria-labelledby': 'revoke-heading' },
      h('h2', { id: 'revoke-heading' }, 'Revoke a certificate'),
      h('p', {}, 'A revoked certificate shows as revoked, with your reason, to anyone who verifies it. This cannot be undone; to correct a certificate, revoke it and re-issue it under a new serial from ',
        h('a', { href: `/society/${encodeURIComponent(org)}/certificates?status=revoked` }, 'the certificates issued'), '.'),
      revokeForm()),
    h('section', { className: 'panel', 'aria-labelledby': 'keys-heading' },
      h('h2', { id: 'keys-heading' }, 'Signing keys'),
      keysPanel(org)));
  return { title: profile.name, node };
}

function programmeCard(org, p, titles) {
  const reqs = [
    ...p.tracks.map((t) => `Complete ${titles.get(t) || t}`),
    p.min_quiz_percent ? `Quiz average of at least ${p.min_quiz_percent}%` : null,
    ...p.exercises.map((x) => `Team work on ${titles.get(x) || x} accepted`),
  ].filter(Boolean);
  const issued = p.certificates_issued === 1 ? '1 certificate issued' : `${p.certificates_issued} certificates issued`;
  return h('article', { className: `card programme${p.retired_at ? ' retired' : ''}`, 'data-programme': p.id },
    h('h3', { className: 'card-title' }, p.title, p.retired_at ? [' ', h('span', { className: 'badge badge-retired' }, 'Retired')] : null),
    p.description ? h('p', { className: 'card-summary' }, p.description) : null,
    h('p', { className: 'card-meta' }, [p.credits ? `${p.credits} ${p.credit_unit}` : 'No credits', p.validity_days ? `valid ${p.validity_days} days` : 'no expiry'].join(' · ')),
    h('ul', { className: 'requirements', 'aria-label': 'Requirements' }, reqs.map((r) => h('li', {}, r))),
    h('p', { className: 'card-meta' },
      h('a', { href: `/society/${encodeURIComponent(org)}/certificates?programme=${encodeURIComponent(p.id)}` }, issued),
      ' · ',
      h('a', { href: `/society/${encodeURIComponent(org)}/programmes/${encodeURIComponent(p.id)}` }, p.retired_at ? 'Details' : 'Edit or retire', h('span', { className: 'visually-hidden' }, ` ${p.title}`))),
    p.retired_at ? h('p', { className: 'hint' }, `Retired on ${dateText(p.retired_at)}: it issues nothing new; what it issued stays verifiable.`) : h('details', { className: 'issue' },
      h('summary', {}, 'Offer a certificate', h('span', { className: 'visually-hidden' }, ` of ${p.title}`)),
      issueForm(p)),
    applicationsPanel(p));
}

// applicationsPanel lists, once opened, who claimed the programme's certificate and what each
// claim showed.
function applicationsPanel(p) {
  const area = h('div', { className: 'applications-area' });
  const details = h('details', { className: 'issue applications' },
    h('summary', {}, 'Applications', h('span', { className: 'visually-hidden' }, ` to ${p.title}`)),
    h('p', { className: 'hint' }, 'Learners who claimed this certificate, or accepted your offer, with their standing at their latest claim. Nobody else’s standing is shown to you.'),
    area);
  details.addEventListener('toggle', async () => {
    if (!details.open || area.childElementCount) return;
    try {
      const { items } = await api(`/programmes/${encodeURIComponent(p.id)}/applications`);
      area.replaceChildren(items.length
        ? h('ul', { className: 'plain-list application-list' }, items.map((a) => h('li', { className: 'application', 'data-user': a.user_id },
          h('p', {}, h('strong', {}, a.name), ` · ${a.email} · claimed ${dateText(a.applied_at)} · `, a.eligible ? 'met the programme' : 'not yet eligible'),
          a.unmet.length ? h('ul', {}, a.unmet.map((u) => h('li', {}, u.detail))) : null)))
        : h('p', {}, 'Nobody has applied yet.'));
    } catch (err) {
      area.replaceChildren(h('p', { className: 'notice', role: 'alert' }, err.message));
    }
  });
  return details;
}

function issueForm(p) {
  const inputId = uid('learner');
  const result = h('div', { className: 'issue-result', tabindex: '-1' });
  const form = h('form', { className: 'issue-form', id: uid('issue'), novalidate: true },
    textField('email', 'Learner’s email address', { type: 'email', required: true, id: inputId, autocomplete: 'off', spellcheck: 'false' },
      'The learner sees the offer on their Certificate offers page and accepts it, if they meet the programme; nothing is issued or public before. You are not told whether the address has an account.'),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Offer the certificate')),
    result);
  const errors = fieldErrors(form);
  let key = null;
  let keyFor = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const learner = /** @type {HTMLInputElement} */ (form.querySelector(`#${inputId}`)).value.trim();
    if (!learner) {
      errors.show({ email: 'Enter the learner’s email address.' });
      return;
    }
    errors.clear();
    if (keyFor !== learner) {
      key = newIdempotencyKey();
      keyFor = learner;
    }
    result.replaceChildren();
    await sendForm(form, errors, async () => {
      await api(`/programmes/${encodeURIComponent(p.id)}/certificates`, { method: 'POST', body: { email: learner }, idempotencyKey: key });
      result.replaceChildren(h('div', { className: 'notice notice-good', 'data-result': 'offered' },
        h('p', { className: 'reply-title' }, `Offer sent to ${learner}`),
        h('p', {}, 'The certificate is issued when the learner accepts it and meets the programme.')));
      result.focus();
      announce('Offer sent.');
    });
  });
  return form;
}

function revokeForm() {
  const found = h('div', { className: 'revoke-found', tabindex: '-1' });
  const lookup = h('form', { id: 'revoke-lookup', className: 'stack', novalidate: true },
    textField('serial', 'Certificate serial', { required: true, id: 'revoke-serial', autocomplete: 'off', spellcheck: 'false' }, 'Like TND-XXXX-XXXX-XXXX.'),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, 'Find the certificate')));
  const errors = fieldErrors(lookup);
  lookup.addEventListener('submit', async (event) => {
    event.preventDefault();
    const serial = normaliseSerial(lookup.querySelector('#revoke-serial').value);
    if (!serial) {
      errors.show({ serial: 'Enter the certificate’s serial.' });
      return;
    }
    errors.clear();
    found.replaceChildren();
    try {
      const v = await api(`/certificates/${encodeURIComponent(serial)}/verify`);
      found.replaceChildren(h('h3', {}, 'Certificate found'), certificateFacts(v), v.status === 'revoked'
        ? h('p', { className: 'notice' }, 'This certificate is revoked already.')
        : confirmRevoke(v, found));
      found.focus();
    } catch (err) {
      errors.show(err.status === 404 ? { serial: 'No certificate has this serial.' } : {}, err.message);
    }
  });
  return h('div', {}, lookup, found);
}

function confirmRevoke(v, found) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const revoke = h('form', { id: 'revoke-form', className: 'stack', novalidate: true },
    textArea('reason', 'Reason for revocation', { required: true, id: 'revoke-reason', rows: '3', maxlength: '1000' }, 'Anyone who verifies the certificate reads it.'),
    h('p', {}, h('button', { type: 'submit', className: 'button button-danger' }, 'Revoke this certificate')),
    status);
  const errors = fieldErrors(revoke);
  revoke.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = revoke.querySelector('#revoke-reason').value.trim();
    if (!reason) {
      errors.show({ reason: 'Give the reason: verifiers read it.' });
      return;
    }
    errors.clear();
    const button = revoke.querySelector('button');
    button.disabled = true;
    try {
      const cert = await api(`/certificates/${encodeURIComponent(v.serial)}/revoke`, { method: 'POST', body: { reason } });
      found.replaceChildren(h('div', { className: 'notice notice-good', 'data-result': 'revoked' },
        h('p', { className: 'reply-title' }, `Certificate ${cert.serial} is revoked`),
        h('p', {}, `Reason given: ${cert.revoked_reason || reason}`),
        h('p', {}, h('a', { href: `/verify/${encodeURIComponent(cert.serial)}` }, 'See its verification page'))));
      found.focus();
      announce('Certificate revoked.');
    } catch (err) {
      button.disabled = false;
      errors.show(err.details || {}, err.status === 403 ? 'Only an administrator of the society that issued this certificate can revoke it.' : err.message);
    }
  });
  return revoke;
}

function keysPanel(org) {
  const status = h('div', { className: 'keys-status', role: 'status' });
  const confirm = h('label', { className: 'choice' },
    h('input', { type: 'checkbox', id: 'rotate-confirm' }),
    h('span', {}, 'I want new signing keys for my society'));
  const button = h('button', { type: 'button', className: 'button button-secondary' }, 'Rotate the signing keys');
  button.addEventListener('click', async () => {
    if (!confirm.querySelector('input').checked) {
      status.replaceChildren(h('p', { className: 'form-error' }, 'Tick the box first: rotation cannot be undone.'));
      return;
    }
    button.disabled = true;
    status.replaceChildren(h('p', { className: 'form-status' }, 'Rotating…'));
    try {
      await api(`/organisations/${encodeURIComponent(org)}/keys/rotate`, { method: 'POST' });
      status.replaceChildren(h('p', { className: 'notice notice-good', 'data-result': 'rotated' }, 'New keys are in use. Credentials served from now on are signed with them; the old public keys stay published, so earlier credentials still verify.'));
      confirm.querySelector('input').checked = false;
      announce('Signing keys rotated.');
    } catch (err) {
      status.replaceChildren(h('p', { className: 'form-error' }, err.message));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {},
    h('p', {}, 'Rotate the keys when a key may have leaked, or on a schedule your society sets. Verifiers find every key in ',
      h('a', { href: `/api/v1/issuers/${encodeURIComponent(org)}/jwks.json` }, 'your society’s public key set'), '.'),
    h('div', { className: 'choice-group' }, confirm),
    h('p', {}, button),
    status);
}
