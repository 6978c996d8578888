// Choosing a new password from a mailed link (/reset-password#token=...). Every device is
// signed out afterwards, so the learner logs in again with the new password.
import { api } from '../api.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { passwordRules } from '../session.js';
import { linkToken } from './verify-email.js';
import { t } from '../i18n.js';

export default async function resetPasswordPage() {
  const token = linkToken();
  const page = h('div', { className: 'page narrow auth-page' }, h('h1', {}, t('pages.reset_title')));
  const form = h('form', { id: 'reset-form', className: 'stack', novalidate: true },
    textField('password', t('pages.reset_new_password'), { type: 'password', autocomplete: 'new-password', required: true, minlength: '10', maxlength: '128' }, passwordRules()),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, t('pages.reset_submit'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (password.length < 10) {
      errors.show({ password: t('pages.reset_too_short') });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => api('/auth/password-reset/confirm', { method: 'POST', body: { token, password } }))) {
      form.replaceWith(h('div', { className: 'notice notice-good', tabindex: '-1', id: 'reset-done' },
        h('p', {}, t('pages.reset_done')),
        h('p', {}, h('a', { href: '/login' }, t('pages.reset_log_in')))));
      document.getElementById('reset-done').focus();
    }
  });
  page.append(token ? form : h('p', {}, `${t('pages.reset_incomplete')} `,
    h('a', { href: '/forgot-password' }, t('pages.reset_ask_new_one')), '.'));
  page.append(h('p', {}, h('a', { href: '/forgot-password' }, t('pages.reset_ask_new_link'))));
  return { title: t('pages.reset_title'), node: page };
}
