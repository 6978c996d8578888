// @ts-check
// Accommodations across the platform (/admin/accommodations), for platform admins: extra time,
// attempts and days for team exercises that follow one learner into every cohort and at every
// quiz. Cohorts' own accommodations are set by their instructors on the cohort's page.
import { api } from '../api.js';
import { adminLinks } from '../components/admin-parts.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { textArea, textField } from '../components/text-field.js';
import { announce, h } from '../dom.js';
import { formatDate, t } from '../i18n.js';

/** FIELDS are the amounts an accommodation gives, with their upper limits. */
const FIELDS = [['extra_time_percent', 400], ['extra_minutes', 1440], ['extra_attempts', 20], ['extra_days', 90]];

/**
 * @typedef {{id: string, user: string, user_name?: string, extra_time_percent: number, extra_minutes: number,
 *   extra_attempts: number, extra_days: number, note: string, updated_at: string}} Accommodation
 */

export default async function adminAccommodationsPage() {
  const listArea = h('div', { className: 'accommodation-area' });
  const outcome = h('p', { className: 'form-status accommodation-outcome', role: 'status' });
  const refresh = async (/** @type {string} */ said = '') => {
    /** @type {{items: Accommodation[]}} */
    const list = await api('/accommodations');
    listArea.replaceChildren(accommodationList(list.items, refresh));
    outcome.textContent = said;
  };
  await refresh();
  const node = h('div', { className: 'page' },
    adminLinks('/admin/accommodations'),
    h('h1', {}, t('assess.admin_title')),
    h('p', { className: 'lede' }, t('assess.admin_lede')),
    h('section', { 'aria-labelledby': 'platform-accommodations-heading' },
      h('h2', { id: 'platform-accommodations-heading', tabindex: '-1' }, t('assess.admin_in_force')),
      outcome,
      listArea),
    h('section', { className: 'panel', 'aria-labelledby': 'platform-add-heading' },
      h('h2', { id: 'platform-add-heading' }, t('assess.admin_add')),
      h('p', {}, t('assess.admin_add_hint')),
      addForm(refresh)));
  return { title: t('assess.admin_title'), node };
}

/** grants says in words what accommodation a gives. @param {Accommodation} a */
export function grants(a) {
  const parts = [
    a.extra_time_percent ? t('assess.grant_percent', { Count: a.extra_time_percent }) : '',
    a.extra_minutes ? t('assess.grant_minutes', { Count: a.extra_minutes }) : '',
    a.extra_attempts ? t('assess.grant_attempts', { Count: a.extra_attempts }) : '',
    a.extra_days ? t('assess.grant_days', { Count: a.extra_days }) : '',
  ].filter(Boolean);
  return parts.length ? new Intl.ListFormat(document.documentElement.lang || undefined, { type: 'conjunction' }).format(parts) : t('assess.grant_nothing');
}

/** @param {Accommodation[]} items @param {(said?: string) => Promise<void>} refresh */
function accommodationList(items, refresh) {
  if (!items.length) return h('p', { className: 'hint' }, t('assess.admin_none'));
  const sorted = [...items].sort((a, b) => (a.user_name || '').localeCompare(b.user_name || ''));
  return h('ul', { className: 'card-list accommodation-list' }, sorted.map((a) => {
    const name = a.user_name || t('assess.admin_former');
    return h('li', { className: 'card accommodation', 'data-accommodation': a.id },
      h('h3', { className: 'card-title' }, name),
      h('p', { className: 'accommodation-grant' }, grants(a)),
      a.note ? h('p', { className: 'accommodation-note' }, a.note) : null,
      h('p', { className: 'card-meta' }, t('assess.admin_set_on', { Date: formatDate(a.updated_at) })),
      removeButton(a, name, refresh));
  }));
}

/** @param {Accommodation} a @param {string} name @param {(said?: string) => Promise<void>} refresh */
function removeButton(a, name, refresh) {
  const button = h('button', { type: 'button', className: 'button button-small button-secondary' },
    t('assess.admin_remove'), h('span', { className: 'visually-hidden' }, ` ${t('assess.admin_remove_of', { Name: name })}`));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api(`/accommodations/${encodeURIComponent(a.id)}`, { method: 'DELETE' });
      await refresh(t('assess.admin_removed', { Name: name }));
      document.getElementById('platform-accommodations-heading')?.focus();
    } catch (err) {
      button.disabled = false;
      announce(t('assess.admin_not_removed', { Reason: err.message }));
    }
  });
  return button;
}

/** @param {(said?: string) => Promise<void>} refresh */
function addForm(refresh) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = /** @type {HTMLFormElement} */ (h('form', { id: 'platform-accommodation-form', novalidate: true },
    textField('email', t('assess.admin_email'), { id: 'pacc-email', type: 'email', autocomplete: 'off', spellcheck: 'false' }, t('assess.admin_email_hint')),
    h('div', { className: 'field-row' }, FIELDS.map(([name, max]) => textField(String(name), t(`assess.field_${name}`),
      { id: `pacc-${String(name).replace(/_/g, '-')}`, type: 'number', inputmode: 'numeric', min: '0', max: String(max), step: '1', className: 'input-short' },
      t(`assess.field_${name}_hint`, { Max: Number(max) })))),
    textArea('note', t('assess.admin_note'), { id: 'pacc-note', rows: '2', maxlength: '500' }, t('assess.admin_note_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('assess.admin_submit'))),
    status));
  const errors = fieldErrors(form);
  const value = (/** @type {string} */ name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    /** @type {Record<string, any>} */
    const body = { email: value('email'), note: value('note') };
    /** @type {Record<string, string>} */
    const missing = {};
    if (!body.email) missing.email = t('assess.admin_email_missing');
    for (const [name, max] of FIELDS) {
      const text = value(String(name));
      const n = text === '' ? 0 : Number(text);
      if (!/^\d*$/.test(text) || n > Number(max)) missing[name] = t('assess.field_range', { Max: Number(max) });
      body[name] = n;
    }
    if (!Object.keys(missing).length && FIELDS.every(([name]) => !body[name])) missing.extra_time_percent = t('assess.field_nothing');
    if (showMissing(errors, missing)) return;
    errors.clear();
    const done = await sendForm(form, errors, () => api('/accommodations', { method: 'PUT', body }), { status, busy: t('assess.admin_saving') });
    if (!done) return;
    form.reset();
    status.textContent = '';
    await refresh(t('assess.admin_added'));
  });
  return form;
}
