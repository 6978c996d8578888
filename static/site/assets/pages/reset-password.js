// Choosing a new password from a mailed link (/reset-password#token=...). Every device is
// signed out afterwards, so the learner logs in again with the new password.
import { api } from '../api.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { passwordRules } from '../session.js';
import { linkToken } from './verify-email.js';

export default async function resetPasswordPage() {
  const token = linkToken();
  const page = h('div', { className: 'page narrow auth-page' }, h('h1', {}, 'Choose a new password'));
  const form = h('form', { id: 'reset-form', className: 'stack', novalidate: true },
    textField('password', 'New password', { type: 'password', autocomplete: 'new-password', required: true, minlength: '10', maxlength: '128' }, passwordRules()),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, 'Set the new password')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (password.length < 10) {
      errors.show({ password: 'Choose a password of at least 10 characters.' });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => api('/auth/password-reset/confirm', { method: 'POST', body: { token, password } }))) {
      form.replaceWith(h('div', { className: 'notice notice-good', tabindex: '-1', id: 'reset-done' },
        h('p', {}, 'Your password is changed, and every device was signed out.'),
        h('p', {}, h('a', { href: '/login' }, 'Log in with the new password'))));
      document.getElementById('reset-done').focus();
    }
  });
  page.append(token ? form : h('p', {}, 'This link is incomplete. Copy the whole link from the mail into the address bar, or ',
    h('a', { href: '/forgot-password' }, 'ask for a new one'), '.'));
  page.append(h('p', {}, h('a', { href: '/forgot-password' }, 'Ask for a new link')));
  return { title: 'Choose a new password', node: page };
}
