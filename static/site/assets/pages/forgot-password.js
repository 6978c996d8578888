// Forgotten password (/forgot-password): an address in, a mail with a link out. The answer is
// the same whether or not the address has an account.
import { api } from '../api.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default async function forgotPasswordPage() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'forgot-form', className: 'stack', novalidate: true },
    textField('email', t('login.email'), { type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, t('pages.forgot_send'))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    if (!email) {
      errors.show({ email: t('login.missing_email') });
      return;
    }
    errors.clear();
    /** @type {any} */
    let answer = null;
    if (await sendForm(form, errors, async () => { answer = await api('/auth/password-reset', { method: 'POST', body: { email } }); }, { status, busy: t('common.sending') })) {
      status.textContent = answer.message;
    }
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, t('pages.forgot_title')),
    h('p', { className: 'lede' }, t('pages.forgot_lede')),
    form,
    h('p', {}, h('a', { href: '/login' }, t('pages.back_to_log_in'))));
  return { title: t('pages.forgot_page_title'), node };
}
