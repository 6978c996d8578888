// Account page, password: the current one, then the new one with the rules shown first. Every
// other device is signed out; this one carries on with the new tokens the server returns.
import { adoptSession, api } from '../api.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';
import { passwordRules } from '../session.js';
import { t } from '../i18n.js';

/** passwordSection draws the password change form. */
export function passwordSection() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'password-form', className: 'stack', novalidate: true },
    textField('current_password', t('account.current_password'), { id: 'password-current', type: 'password', autocomplete: 'current-password', required: true }),
    textField('new_password', t('account.new_password'), { id: 'password-new', type: 'password', autocomplete: 'new-password', required: true, minlength: '10', maxlength: '128' }, passwordRules()),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('account.change_password'))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const body = { current_password: f.current_password.value, new_password: f.new_password.value };
    const missing = {};
    if (!body.current_password) missing.current_password = t('account.missing_current');
    if (body.new_password.length < 10) missing.new_password = t('account.missing_new');
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    const ok = await sendForm(form, errors, async () => adoptSession(await api('/me/password', { method: 'POST', body })), { status, busy: t('account.changing') });
    if (ok) {
      form.reset();
      status.textContent = t('account.password_changed');
    }
  });
  return h('section', { className: 'panel', id: 'password', 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading' }, t('account.part_password')), form);
}
