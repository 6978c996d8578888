// Log in (/login): email and password; then on to ?next= or the dashboard.
import { login } from '../api.js';
import { fieldErrors } from '../components/form-errors.js';
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
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    const button = form.querySelector('button[type="submit"]');
    button.disabled = true;
    try {
      await login(email, password);
      navigate(target, { replace: true });
    } catch (err) {
      button.disabled = false;
      if (err.code === 'invalid_credentials') errors.show({ password: 'The email address or the password is not right.' });
      else if (err.status === 429) errors.show({}, 'Too many failed attempts. Wait a few minutes, then try again.');
      else errors.show(err.details || {}, err.message);
    }
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, 'Log in'),
    form,
    h('p', {}, h('a', { href: '/forgot-password' }, 'Forgotten your password?')),
    h('p', {}, 'New to Tandem? ', h('a', { href: `/register${target !== '/dashboard' ? `?next=${encodeURIComponent(target)}` : ''}` }, 'Create an account'), '.'));
  return { title: 'Log in', node };
}
