// Account page, password: the current one, then the new one with the rules shown first. Every
// other device is signed out; this one carries on with the new tokens the server returns.
import { adoptSession, api } from '../api.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';
import { PASSWORD_RULES } from '../session.js';

/** passwordSection draws the password change form. */
export function passwordSection() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'password-form', className: 'stack', novalidate: true },
    textField('current_password', 'Current password', { id: 'password-current', type: 'password', autocomplete: 'current-password', required: true }),
    textField('new_password', 'New password', { id: 'password-new', type: 'password', autocomplete: 'new-password', required: true, minlength: '10', maxlength: '128' }, PASSWORD_RULES),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Change password')),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const body = { current_password: f.current_password.value, new_password: f.new_password.value };
    const missing = {};
    if (!body.current_password) missing.current_password = 'Enter your current password.';
    if (body.new_password.length < 10) missing.new_password = 'Choose a new password of at least 10 characters.';
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    const ok = await sendForm(form, errors, async () => adoptSession(await api('/me/password', { method: 'POST', body })), { status, busy: 'Changing…' });
    if (ok) {
      form.reset();
      status.textContent = 'Your password is changed. Every other device has been signed out.';
    }
  });
  return h('section', { className: 'panel', id: 'password', 'aria-labelledby': 'password-heading' },
    h('h2', { id: 'password-heading' }, 'Password'), form);
}
