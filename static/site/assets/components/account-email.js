// Account page, email address: whether it is confirmed (with a new link on request), and a
// change of address that takes effect once a link sent to the new one is followed.
import { api } from '../api.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** emailSection draws the address, its state and the change form for user. */
export function emailSection(user) {
  return h('section', { className: 'panel', id: 'email', 'aria-labelledby': 'email-heading' },
    h('h2', { id: 'email-heading' }, t('account.part_email')),
    h('p', {}, t('account.uses'), ' ', h('strong', { className: 'account-email' }, user.email)),
    user.email_verified ? h('p', { className: 'notice notice-good' }, t('account.confirmed')) : unconfirmed(),
    changeForm());
}

function unconfirmed() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary' }, t('header.send_new_link'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('common.sending');
    try {
      status.textContent = (await api('/me/verification-email', { method: 'POST' })).message;
    } catch (err) {
      status.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { className: 'notice' },
    h('p', {}, t('account.not_confirmed')),
    h('p', { className: 'section-actions' }, button, status));
}

function changeForm() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'email-form', className: 'stack', novalidate: true },
    h('h3', {}, t('account.another_address')),
    textField('email', t('account.new_email'), { id: 'email-new', type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' },
      t('account.new_email_hint')),
    textField('password', t('account.your_password'), { id: 'email-password', type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('account.send_link'))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { email: form.elements.email.value.trim(), password: form.elements.password.value };
    const missing = {};
    if (!body.email) missing.email = t('account.missing_new_email');
    if (!body.password) missing.password = t('login.missing_password');
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    /** @type {any} */
    let answer = null;
    if (await sendForm(form, errors, async () => { answer = await api('/me/email', { method: 'POST', body }); }, { status, busy: t('common.sending') })) {
      status.textContent = answer.message;
      form.elements.password.value = '';
    }
  });
  return form;
}
