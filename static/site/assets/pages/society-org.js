// One society's administration (/society/:org): its certificate programmes, each with a form
// that issues a learner's certificate; a form that defines a new programme; revocation of a
// certificate with a reason; and rotation of the society's signing keys.
import { api, catalogue, newIdempotencyKey } from '../api.js';
import { tracks } from '../catalog.js';
import { certificateFacts, certificateStatus, normaliseSerial } from '../components/certificate.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textArea, textField } from '../components/text-field.js';
import { announce, badge, dateText, h, uid } from '../dom.js';
import { lastSocietyKey } from './society.js';

export default async function societyOrgPage({ org }) {
  const [profile, programmes, all, exercises] = await Promise.all([
    api(`/issuers/${encodeURIComponent(org)}`),
    api('/programmes'),
    tracks(),
    catalogue('/exercises'),
  ]);
  localStorage.setItem(lastSocietyKey(), org);
  const titles = new Map([...all.map((t) => [t.slug, t.title]), ...exercises.items.map((x) => [x.slug, x.title])]);
  const list = h('div', { className: 'programme-list' });
  let mine = programmes.items.filter((p) => p.issuer.id === org);
  const drawList = () => {
    list.replaceChildren(mine.length
      ? h('ul', { className: 'card-list programmes' }, mine.map((p) => h('li', {}, programmeCard(p, titles))))
      : h('p', {}, 'Your society has no programme yet. Define one below.'));
  };
  drawList();
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/society' }, 'Society')),
    h('h1', {}, profile.name),
    h('section', { 'aria-labelledby': 'programmes-heading' },
      h('h2', { id: 'programmes-heading' }, 'Programmes'),
      list),
    h('section', { className: 'panel', 'aria-labelledby': 'define-heading' },
      h('h2', { id: 'define-heading' }, 'Define a programme'),
      programmeForm(org, all, exercises.items, (p) => {
        mine = [...mine, p];
        drawList();
      })),
    h('section', { className: 'panel', 'aria-labelledby': 'revoke-heading' },
      h('h2', { id: 'revoke-heading' }, 'Revoke a certificate'),
      h('p', {}, 'A revoked certificate shows as revoked, with your reason, to anyone who verifies it. This cannot be undone.'),
      revokeForm()),
    h('section', { className: 'panel', 'aria-labelledby': 'keys-heading' },
      h('h2', { id: 'keys-heading' }, 'Signing keys'),
      keysPanel(org)));
  return { title: profile.name, node };
}

function programmeCard(p, titles) {
  const reqs = [
    ...p.tracks.map((t) => `Complete ${titles.get(t) || t}`),
    p.min_quiz_percent ? `Quiz average of at least ${p.min_quiz_percent}%` : null,
    ...p.exercises.map((x) => `Team work on ${titles.get(x) || x} accepted`),
  ].filter(Boolean);
  return h('article', { className: 'card programme', 'data-programme': p.id },
    h('h3', { className: 'card-title' }, p.title),
    p.description ? h('p', { className: 'card-summary' }, p.description) : null,
    h('p', { className: 'card-meta' }, [p.credits ? `${p.credits} ${p.credit_unit}` : 'No credits', p.validity_days ? `valid ${p.validity_days} days` : 'no expiry'].join(' · ')),
    h('ul', { className: 'requirements', 'aria-label': 'Requirements' }, reqs.map((r) => h('li', {}, r))),
    h('details', { className: 'issue' },
      h('summary', {}, 'Issue a certificate', h('span', { className: 'visually-hidden' }, ` of ${p.title}`)),
      issueForm(p)));
}

function issueForm(p) {
  const inputId = uid('learner');
  const result = h('div', { className: 'issue-result', tabindex: '-1' });
  const form = h('form', { className: 'issue-form', id: uid('issue'), novalidate: true },
    textField('user_id', 'Learner’s Tandem id', { required: true, id: inputId, autocomplete: 'off', spellcheck: 'false' },
      'The learner finds it on their dashboard, under Certificates. They must meet the programme’s requirements.'),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Issue the certificate')),
    result);
  const errors = fieldErrors(form);
  let key = null;
  let keyFor = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const userId = form.querySelector(`#${inputId}`).value.trim();
    if (!userId) {
      errors.show({ user_id: 'Enter the learner’s Tandem id.' });
      return;
    }
    errors.clear();
    if (keyFor !== userId) {
      key = newIdempotencyKey();
      keyFor = userId;
    }
    const button = form.querySelector('button');
    button.disabled = true;
    result.replaceChildren();
    try {
      const cert = await api(`/programmes/${encodeURIComponent(p.id)}/certificates`, { method: 'POST', body: { user_id: userId }, idempotencyKey: key });
      result.replaceChildren(h('div', { className: 'notice notice-good', 'data-serial': cert.serial },
        h('p', { className: 'reply-title' }, `Certificate ${cert.serial} for ${cert.holder_name}`),
        h('p', {}, certificateStatus(cert.status), ` Issued on ${dateText(cert.issued_at)}`, cert.expires_at ? `, valid until ${dateText(cert.expires_at)}.` : '.'),
        h('p', {}, h('a', { href: `/verify/${encodeURIComponent(cert.serial)}` }, 'Open its verification page'))));
      result.focus();
      announce(`Certificate ${cert.serial} issued.`);
    } catch (err) {
      if (err.code === 'not_eligible' && err.details && err.details.unmet) {
        result.replaceChildren(h('div', { className: 'notice', role: 'alert' },
          h('p', { className: 'reply-title' }, 'This learner does not meet the programme yet'),
          h('ul', {}, err.details.unmet.map((u) => h('li', {}, u.detail)))));
      } else {
        errors.show(err.details || {}, err.message);
      }
    } finally {
      button.disabled = false;
    }
  });
  return form;
}

function programmeForm(org, all, exercises, onCreated) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'programme-form', className: 'stack', novalidate: true },
    textField('title', 'Title', { required: true, id: 'programme-title' }),
    textArea('description', 'Description', { id: 'programme-description', rows: '3' }, 'Who it is for and what it shows.'),
    h('fieldset', { className: 'choice-group', 'data-field': 'tracks' },
      h('legend', {}, 'Tracks to complete'),
      h('div', { className: 'choices' }, all.map((t) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'tracks', value: t.slug }), h('span', {}, badge(t.audience), ' ', t.title))))),
    h('fieldset', { className: 'choice-group', 'data-field': 'exercises' },
      h('legend', {}, 'Joint exercises whose team work must be accepted ', h('span', { className: 'optional' }, '(optional)')),
      h('div', { className: 'choices' }, exercises.map((x) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'exercises', value: x.slug }), h('span', {}, x.title))))),
    h('div', { className: 'field-row' },
      textField('min_quiz_percent', 'Minimum quiz average (%)', { type: 'number', inputmode: 'numeric', min: '0', max: '100', step: '1', id: 'programme-min', className: 'input-short' }),
      textField('validity_days', 'Valid for (days)', { type: 'number', inputmode: 'numeric', min: '0', max: '3650', step: '1', id: 'programme-validity', className: 'input-short' }, '0 or empty: no expiry.')),
    h('div', { className: 'field-row' },
      textField('credits', 'Credits', { type: 'number', inputmode: 'decimal', min: '0', max: '1000', step: '0.5', id: 'programme-credits', className: 'input-short' }),
      textField('credit_unit', 'Credit unit', { id: 'programme-unit', className: 'input-short' }, 'For example: CME hours.')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Define the programme')),
    status);
  const errors = fieldErrors(form);
  const value = (id) => form.querySelector(`#${id}`).value.trim();
  const number = (id) => (value(id) === '' ? 0 : Number(value(id)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      title: value('programme-title'),
      description: value('programme-description'),
      tracks: [...form.querySelectorAll('input[name="tracks"]:checked')].map((i) => i.value),
      exercises: [...form.querySelectorAll('input[name="exercises"]:checked')].map((i) => i.value),
      min_quiz_percent: number('programme-min'),
      validity_days: number('programme-validity'),
      credits: number('programme-credits'),
      credit_unit: value('programme-unit'),
    };
    const problems = {};
    if (!body.title) problems.title = 'Give the programme a title.';
    if (!body.tracks.length) problems.tracks = 'Choose at least one track.';
    for (const [field, n, max] of [['min_quiz_percent', body.min_quiz_percent, 100], ['validity_days', body.validity_days, 3650], ['credits', body.credits, 1000]]) {
      if (!Number.isFinite(n) || n < 0 || n > max || (field !== 'credits' && !Number.isInteger(n))) problems[field] = `Enter a number from 0 to ${max}.`;
    }
    if (body.credits > 0 && !body.credit_unit) problems.credit_unit = 'Name the unit of the credits, such as CME hours.';
    if (Object.keys(problems).length) {
      errors.show(problems);
      return;
    }
    errors.clear();
    await sendForm(form, errors, async () => {
      const p = await api(`/organisations/${encodeURIComponent(org)}/programmes`, { method: 'POST', body });
      form.reset();
      status.textContent = `“${p.title}” is defined. Learners who meet it can now claim its certificate.`;
      announce('Programme defined.');
      onCreated(p);
    }, { status, busy: 'Saving…' });
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
