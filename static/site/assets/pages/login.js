// Log in (/login): email and password; then on to ?next= or the dashboard.
import { login } from '../api.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { signInProviders } from '../components/sign-in-providers.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { navigate, safeNext } from '../router.js';

export default async function loginPage(_params, query) {
  const next = safeNext(query.get('next'), '/dashboard');
  const target = /^\/(login|register)\b/.test(next) ? '/dashboard' : next;
  const form = h('form', { id: 'login-form', className: 'stack', novalidate: true },
    textField('email', 'Email address', { type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' }),
    textField('password', 'Password', { type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, 'Log in')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = form.elements.email.value.trim();
    const password = form.elements.password.value;
    const missing = {};
    if (!email) missing.email = 'Enter your email address.';
    if (!password) missing.password = 'Enter your password.';
    if (showMissing(errors, missing)) return;
    const sent = await sendForm(form, errors, () => login(email, password), { explain: loginError });
    if (sent) navigate(target, { replace: true });
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, 'Log in'),
    signInProviders(target),
    form,
    h('p', {}, h('a', { href: '/forgot-password' }, 'Forgotten your password?')),
    h('p', {}, 'New to Tandem? ', h('a', { href: `/register${target !== '/dashboard' ? `?next=${encodeURIComponent(target)}` : ''}` }, 'Create an account'), '.'));
  return { title: 'Log in', node };
}

/**
 * loginError words the errors a log-in meets for the person at the keyboard.
 * @returns {[object, string?]|null}
 */
function loginError(err) {
  if (err.code === 'invalid_credentials') return [{ password: 'The email address or the password is not right.' }];
  if (err.status === 429) return [{}, 'Too many failed attempts. Wait a few minutes, then try again.'];
  return null;
}
