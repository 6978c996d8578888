// Log in (/login): email and password; then on to ?next= or the dashboard.
import { login } from '../api.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { signInProviders } from '../components/sign-in-providers.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { navigate, safeNext } from '../router.js';
import { t } from '../i18n.js';

export default async function loginPage(_params, query) {
  const next = safeNext(query.get('next'), '/dashboard');
  const target = /^\/(login|register)\b/.test(next) ? '/dashboard' : next;
  const form = h('form', { id: 'login-form', className: 'stack', novalidate: true },
    textField('email', t('login.email'), { type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' }),
    textField('password', t('login.password'), { type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, t('header.log_in'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    const missing = {};
    if (!email) missing.email = t('login.missing_email');
    if (!password) missing.password = t('login.missing_password');
    if (showMissing(errors, missing)) return;
    const sent = await sendForm(form, errors, () => login(email, password), { explain: loginError });
    if (sent) navigate(target, { replace: true });
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, t('header.log_in')),
    signInProviders(target),
    form,
    h('p', {}, h('a', { href: '/forgot-password' }, t('login.forgotten'))),
    h('p', {}, t('login.new'), ' ', h('a', { href: `/register${target !== '/dashboard' ? `?next=${encodeURIComponent(target)}` : ''}` }, t('login.create'))));
  return { title: t('header.log_in'), node };
}

/**
 * loginError words the errors a log-in meets for the person at the keyboard.
 * @returns {[object, string?]|null}
 */
function loginError(err) {
  if (err.code === 'invalid_credentials') return [{ password: t('login.wrong') }];
  if (err.status === 429) return [{}, t('login.too_many')];
  return null;
}
