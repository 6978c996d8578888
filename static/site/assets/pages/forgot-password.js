// Forgotten password (/forgot-password): an address in, a mail with a link out. The answer is
// the same whether or not the address has an account.
import { api } from '../api.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';

export default async function forgotPasswordPage() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'forgot-form', className: 'stack', novalidate: true },
    textField('email', 'Email address', { type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, 'Send me a link')),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    if (!email) {
      errors.show({ email: 'Enter your email address.' });
      return;
    }
    errors.clear();
    /** @type {any} */
    let answer = null;
    if (await sendForm(form, errors, async () => { answer = await api('/auth/password-reset', { method: 'POST', body: { email } }); }, { status, busy: 'Sending…' })) {
      status.textContent = answer.message;
    }
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, 'Forgotten your password?'),
    h('p', { className: 'lede' }, 'Enter the address you signed up with. We will mail you a link to choose a new password; it works once, for 30 minutes.'),
    form,
    h('p', {}, h('a', { href: '/login' }, 'Back to log in')));
  return { title: 'Forgotten password', node };
}
