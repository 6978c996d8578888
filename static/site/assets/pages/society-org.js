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
import { linkedText } from '../components/linked-text.js';
import { programmeForm } from '../components/programme-form.js';
import { textArea, textField } from '../components/text-field.js';
import { announce, dateText, h, percent, uid } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { lastSocietyKey } from './society.js';

export default async function societyOrgPage({ org }) {
  const [profile, programmes, all, exercises] = await Promise.all([
    api(`/issuers/${encodeURIComponent(org)}`),
    api(`/organisations/${encodeURIComponent(org)}/programmes`),
    tracks(),
    catalogue('/exercises'),
  ]);
  localStorage.setItem(lastSocietyKey(), org);
  const titles = new Map([...all.map((tr) => [tr.slug, tr.title]), ...exercises.items.map((x) => [x.slug, x.title])]);
  const list = h('div', { className: 'programme-list' });
  let mine = programmes.items;
  const drawList = () => {
    list.replaceChildren(mine.length
      ? h('ul', { className: 'card-list programmes' }, mine.map((p) => h('li', {}, programmeCard(org, p, titles))))
      : h('p', {}, t('society.org.no_programme')));
  };
  drawList();
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/society' }, t('header.society'))),
    h('h1', {}, profile.name),
    h('p', { className: 'staff-links' },
      h('a', { className: 'button button-secondary', href: `/society/${encodeURIComponent(org)}/certificates` }, t('society.certs.title')),
      h('a', { className: 'button button-secondary', href: `/admin/organisations/${encodeURIComponent(org)}` }, t('admin.organisation.members'))),
    h('section', { 'aria-labelledby': 'programmes-heading' },
      h('h2', { id: 'programmes-heading' }, t('admin.audit.programmes')),
      list),
    h('section', { className: 'panel', 'aria-labelledby': 'define-heading' },
      h('h2', { id: 'define-heading' }, t('society.org.define')),
      programmeForm({ id: 'programme', all, exercises: exercises.items, label: t('society.org.define_submit'), send: async (body) => {
        const p = await api(`/organisations/${encodeURIComponent(org)}/programmes`, { method: 'POST', body });
        announce(t('society.org.defined_announce'));
        mine = [{ ...p, certificates_issued: 0 }, ...mine];
        drawList();
        return t('society.org.defined', { Title: p.title });
      } })),
    h('section', { className: 'panel', 'aria-labelledby': 'revoke-heading' },
      h('h2', { id: 'revoke-heading' }, t('society.revoke.title')),
      h('p', {}, linkedText('society.revoke.lede', {}, {
        Link: h('a', { href: `/society/${encodeURIComponent(org)}/certificates?status=revoked` }, t('society.revoke.lede_link')),
      })),
      revokeForm()),
    h('section', { className: 'panel', 'aria-labelledby': 'keys-heading' },
      h('h2', { id: 'keys-heading' }, t('admin.audit.keys')),
      keysPanel(org)));
  return { title: profile.name, node };
}

function programmeCard(org, p, titles) {
  const reqs = [
    ...p.tracks.map((tr) => t('society.org.req_track', { Track: titles.get(tr) || tr })),
    p.min_quiz_percent ? t('society.org.req_quiz', { Percent: percent(p.min_quiz_percent) }) : null,
    ...p.exercises.map((x) => t('society.org.req_exercise', { Exercise: titles.get(x) || x })),
  ].filter(Boolean);
  const issued = t('society.issued_count', { Count: p.certificates_issued });
  return h('article', { className: `card programme${p.retired_at ? ' retired' : ''}`, 'data-programme': p.id },
    h('h3', { className: 'card-title' }, p.title, p.retired_at ? [' ', h('span', { className: 'badge badge-retired' }, t('society.org.retired'))] : null),
    p.description ? h('p', { className: 'card-summary' }, p.description) : null,
    h('p', { className: 'card-meta' }, [p.credits ? `${formatNumber(p.credits)} ${p.credit_unit}` : t('society.org.no_credits'), p.validity_days ? t('society.org.valid_days', { Count: p.validity_days }) : t('society.org.no_expiry')].join(' · ')),
    h('ul', { className: 'requirements', 'aria-label': t('society.org.requirements') }, reqs.map((r) => h('li', {}, r))),
    h('p', { className: 'card-meta' },
      h('a', { href: `/society/${encodeURIComponent(org)}/certificates?programme=${encodeURIComponent(p.id)}` }, issued),
      ' · ',
      h('a', { href: `/society/${encodeURIComponent(org)}/programmes/${encodeURIComponent(p.id)}` }, t(p.retired_at ? 'admin.audit.details' : 'society.org.edit_or_retire'), h('span', { className: 'visually-hidden' }, ` ${p.title}`))),
    p.retired_at ? h('p', { className: 'hint' }, t('society.org.retired_on', { Date: dateText(p.retired_at) })) : h('details', { className: 'issue' },
      h('summary', {}, t('society.offer.title'), h('span', { className: 'visually-hidden' }, ` ${t('society.offer.title_hidden', { Title: p.title })}`)),
      issueForm(p)),
    applicationsPanel(p));
}

// applicationsPanel lists, once opened, who claimed the programme's certificate and what each
// claim showed.
function applicationsPanel(p) {
  const area = h('div', { className: 'applications-area' });
  const details = h('details', { className: 'issue applications' },
    h('summary', {}, t('society.applications.title'), h('span', { className: 'visually-hidden' }, ` ${t('society.applications.title_hidden', { Title: p.title })}`)),
    h('p', { className: 'hint' }, t('society.applications.hint')),
    area);
  details.addEventListener('toggle', async () => {
    if (!details.open || area.childElementCount) return;
    try {
      const { items } = await api(`/programmes/${encodeURIComponent(p.id)}/applications`);
      area.replaceChildren(items.length
        ? h('ul', { className: 'plain-list application-list' }, items.map((a) => h('li', { className: 'application', 'data-user': a.user_id },
          h('p', {}, h('strong', {}, a.name), ` · ${a.email} · ${t('society.applications.claimed', { Date: dateText(a.applied_at) })} · `, t(a.eligible ? 'society.applications.met' : 'society.applications.not_eligible')),
          a.unmet.length ? h('ul', {}, a.unmet.map((u) => h('li', {}, u.detail))) : null)))
        : h('p', {}, t('society.applications.none')));
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
    textField('email', t('society.offer.email'), { type: 'email', required: true, id: inputId, autocomplete: 'off', spellcheck: 'false' },
      t('society.offer.email_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('society.offer.submit'))),
    result);
  const errors = fieldErrors(form);
  let key = null;
  let keyFor = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const learner = /** @type {HTMLInputElement} */ (form.querySelector(`#${inputId}`)).value.trim();
    if (!learner) {
      errors.show({ email: t('society.offer.missing_email') });
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
        h('p', { className: 'reply-title' }, t('society.offer.sent_to', { Email: learner })),
        h('p', {}, t('society.offer.sent_body'))));
      result.focus();
      announce(t('society.offer.sent'));
    });
  });
  return form;
}

function revokeForm() {
  const found = h('div', { className: 'revoke-found', tabindex: '-1' });
  const lookup = h('form', { id: 'revoke-lookup', className: 'stack', novalidate: true },
    textField('serial', t('society.revoke.serial'), { required: true, id: 'revoke-serial', autocomplete: 'off', spellcheck: 'false' }, t('society.revoke.serial_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('society.revoke.find'))));
  const errors = fieldErrors(lookup);
  lookup.addEventListener('submit', async (event) => {
    event.preventDefault();
    const serial = normaliseSerial(lookup.querySelector('#revoke-serial').value);
    if (!serial) {
      errors.show({ serial: t('society.revoke.missing_serial') });
      return;
    }
    errors.clear();
    found.replaceChildren();
    try {
      const v = await api(`/certificates/${encodeURIComponent(serial)}/verify`);
      found.replaceChildren(h('h3', {}, t('society.revoke.found')), certificateFacts(v), v.status === 'revoked'
        ? h('p', { className: 'notice' }, t('society.revoke.already'))
        : confirmRevoke(v, found));
      found.focus();
    } catch (err) {
      errors.show(err.status === 404 ? { serial: t('society.revoke.unknown') } : {}, err.message);
    }
  });
  return h('div', {}, lookup, found);
}

function confirmRevoke(v, found) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const revoke = h('form', { id: 'revoke-form', className: 'stack', novalidate: true },
    textArea('reason', t('society.revoke.reason'), { required: true, id: 'revoke-reason', rows: '3', maxlength: '1000' }, t('society.revoke.reason_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button button-danger' }, t('society.revoke.submit'))),
    status);
  const errors = fieldErrors(revoke);
  revoke.addEventListener('submit', async (event) => {
    event.preventDefault();
    const reason = revoke.querySelector('#revoke-reason').value.trim();
    if (!reason) {
      errors.show({ reason: t('society.revoke.missing_reason') });
      return;
    }
    errors.clear();
    const button = revoke.querySelector('button');
    button.disabled = true;
    try {
      const cert = await api(`/certificates/${encodeURIComponent(v.serial)}/revoke`, { method: 'POST', body: { reason } });
      found.replaceChildren(h('div', { className: 'notice notice-good', 'data-result': 'revoked' },
        h('p', { className: 'reply-title' }, t('society.revoke.revoked', { Serial: cert.serial })),
        h('p', {}, t('society.revoke.reason_given', { Reason: cert.revoked_reason || reason })),
        h('p', {}, h('a', { href: `/verify/${encodeURIComponent(cert.serial)}` }, t('society.revoke.verify_link')))));
      found.focus();
      announce(t('society.revoke.done'));
    } catch (err) {
      button.disabled = false;
      errors.show(err.details || {}, err.status === 403 ? t('society.revoke.forbidden') : err.message);
    }
  });
  return revoke;
}

function keysPanel(org) {
  const status = h('div', { className: 'keys-status', role: 'status' });
  const confirm = h('label', { className: 'choice' },
    h('input', { type: 'checkbox', id: 'rotate-confirm' }),
    h('span', {}, t('society.keys.confirm')));
  const button = h('button', { type: 'button', className: 'button button-secondary' }, t('society.keys.rotate'));
  button.addEventListener('click', async () => {
    if (!confirm.querySelector('input').checked) {
      status.replaceChildren(h('p', { className: 'form-error' }, t('society.keys.tick')));
      return;
    }
    button.disabled = true;
    status.replaceChildren(h('p', { className: 'form-status' }, t('society.keys.rotating')));
    try {
      await api(`/organisations/${encodeURIComponent(org)}/keys/rotate`, { method: 'POST' });
      status.replaceChildren(h('p', { className: 'notice notice-good', 'data-result': 'rotated' }, t('society.keys.rotated')));
      confirm.querySelector('input').checked = false;
      announce(t('society.keys.done'));
    } catch (err) {
      status.replaceChildren(h('p', { className: 'form-error' }, err.message));
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {},
    h('p', {}, linkedText('society.keys.lede', {}, {
      Link: h('a', { href: `/api/v1/issuers/${encodeURIComponent(org)}/jwks.json` }, t('society.keys.lede_link')),
    })),
    h('div', { className: 'choice-group' }, confirm),
    h('p', {}, button),
    status);
}
