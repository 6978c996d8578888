// @ts-check
// Account page, notifications: every notice shows in the app; for each kind the user chooses
// whether it is also mailed at once, in a daily digest, or not at all, and the time zone whose
// morning the digest comes in.
import { api } from '../api.js';
import { h } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { timeZoneField } from './time-zone.js';
import { t } from '../i18n.js';

const MODES = [['immediate', 'finish.settings_immediate'], ['digest', 'finish.settings_digest'], ['off', 'finish.settings_off']];

/**
 * @typedef {{ kind: string, label: string, default_email: string, email: string }} KindSetting
 * @typedef {{ time_zone: string, digest_hour: number, email_unverified: boolean, kinds: KindSetting[] }} NoticePreferences
 */

/** notificationsSection draws the notification settings form. */
export async function notificationsSection() {
  /** @type {NoticePreferences} */
  const prefs = await api('/me/notification-preferences');
  const status = h('p', { className: 'form-status', role: 'status' });
  const zone = timeZoneField('notice-time-zone', prefs.time_zone);
  const hint = zone.querySelector('.hint');
  if (hint) hint.textContent = t('finish.settings_digest_hint', { Hour: `${prefs.digest_hour}:00` });
  const form = /** @type {HTMLFormElement} */ (h('form', { id: 'notifications-form', className: 'stack', novalidate: true },
    prefs.email_unverified ? h('p', { className: 'notice' }, t('finish.settings_unverified')) : null,
    prefs.kinds.map((k) => h('fieldset', { className: 'field notice-kind', 'data-field': `email.${k.kind}` },
      h('legend', {}, k.label),
      h('div', { className: 'choice-row' }, MODES.map(([value, label]) => h('label', { className: 'choice' },
        h('input', { type: 'radio', name: k.kind, value, checked: k.email === value }), ` ${t(label)}`))))),
    zone,
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('finish.settings_save'))),
    status));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    /** @type {Record<string, string>} */
    const email = {};
    for (const k of prefs.kinds) {
      const picked = /** @type {HTMLInputElement|null} */ (form.querySelector(`input[name="${CSS.escape(k.kind)}"]:checked`));
      if (picked) email[k.kind] = picked.value;
    }
    const timeZone = /** @type {HTMLSelectElement} */ (form.querySelector('select[name="time_zone"]')).value;
    errors.clear();
    if (await sendForm(form, errors, () => api('/me/notification-preferences', { method: 'PUT', body: { email, time_zone: timeZone } }), { status, busy: t('common.saving') })) {
      status.textContent = t('finish.settings_saved');
    }
  });
  return h('section', { className: 'panel', id: 'notifications', 'aria-labelledby': 'notifications-heading' },
    h('h2', { id: 'notifications-heading' }, t('notices.title')),
    h('p', {}, t('finish.settings_intro')),
    form);
}
