// Account page, email address: whether it is confirmed (with a new link on request), and a
// change of address that takes effect once a link sent to the new one is followed.
import { api } from '../api.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';

/** emailSection draws the address, its state and the change form for user. */
export function emailSection(user) {
  return h('section', { className: 'panel', id: 'email', 'aria-labelledby': 'email-heading' },
    h('h2', { id: 'email-heading' }, 'Email address'),
    h('p', {}, 'Your account uses ', h('strong', { className: 'account-email' }, user.email), '.'),
    user.email_verified ? h('p', { className: 'notice notice-good' }, 'This address is confirmed.') : unconfirmed(),
    changeForm());
}

function unconfirmed() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary' }, 'Send a new link');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Sending…';
    try {
      status.textContent = (await api('/me/verification-email', { method: 'POST' })).message;
    } catch (err) {
      status.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { className: 'notice' },
    h('p', {}, 'This address is not confirmed yet. Follow the link in the mail we sent when you registered. '
      + 'Until you do, you can learn as usual, but no certificate can be issued in your name.'),
    h('p', { className: 'section-actions' }, button, status));
}

function changeForm() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'email-form', className: 'stack', novalidate: true },
    h('h3', {}, 'Use another address'),
    textField('email', 'New email address', { id: 'email-new', type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' },
      'We send a link to the new address; your account keeps this one until you follow it.'),
    textField('password', 'Your password', { id: 'email-password', type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Send the link')),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { email: form.elements.email.value.trim(), password: form.elements.password.value };
    const missing = {};
    if (!body.email) missing.email = 'Enter the new address.';
    if (!body.password) missing.password = 'Enter your password.';
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    /** @type {any} */
    let answer = null;
    if (await sendForm(form, errors, async () => { answer = await api('/me/email', { method: 'POST', body }); }, { status, busy: 'Sending…' })) {
      status.textContent = answer.message;
      form.elements.password.value = '';
    }
  });
  return form;
}
