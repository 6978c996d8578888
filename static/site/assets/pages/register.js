// Register (/register): a learner account with name, discipline and institution; the new
// learner is logged in straight away and asked to confirm their address. The password rules are
// shown before anything is typed.
import { api, login } from '../api.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { navigate, safeNext } from '../router.js';
import { DISCIPLINES, PASSWORD_RULES } from '../session.js';

export default async function registerPage(_params, query) {
  const next = safeNext(query.get('next'), '/');
  const discipline = h('div', { className: 'field', 'data-field': 'discipline' },
    h('label', { for: 'field-discipline' }, 'Your discipline'),
    h('p', { className: 'hint', id: 'field-discipline-hint' }, 'Clinicians take “AI for clinicians”; computer, data and engineering students take “Healthcare for computer scientists”.'),
    h('select', { id: 'field-discipline', name: 'discipline', required: true, 'aria-describedby': 'field-discipline-hint' },
      h('option', { value: '' }, 'Choose…'),
      DISCIPLINES.map((g) => h('optgroup', { label: g.label }, g.items.map(([value, label]) => h('option', { value }, label))))));
  const form = h('form', { id: 'register-form', className: 'stack', novalidate: true },
    textField('name', 'Full name', { autocomplete: 'name', required: true }),
    textField('email', 'Email address', { type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' }),
    textField('password', 'Password', { type: 'password', autocomplete: 'new-password', required: true, minlength: '10', maxlength: '128' }, PASSWORD_RULES),
    discipline,
    textField('institution', 'Institution', { autocomplete: 'organization' }, 'Your university or hospital.'),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, 'Create account')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const body = { name: f.namedItem('name').value.trim(), email: f.email.value.trim(), password: f.password.value, discipline: f.discipline.value };
    if (f.institution.value.trim()) body.institution = f.institution.value.trim();
    const missing = {};
    if (!body.name) missing.name = 'Enter your name.';
    if (!body.email) missing.email = 'Enter your email address.';
    if (body.password.length < 10) missing.password = 'Choose a password of at least 10 characters.';
    if (!body.discipline) missing.discipline = 'Choose your discipline.';
    if (showMissing(errors, missing)) return;
    const sent = await sendForm(form, errors, async () => {
      await api('/auth/register', { method: 'POST', body });
      await login(body.email, body.password);
    }, { explain: registerError });
    if (sent) navigate(next, { replace: true });
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, 'Create your account'),
    h('p', { className: 'lede' }, 'Learn AI in healthcare alongside the other discipline.'),
    form,
    h('p', {}, 'Already registered? ', h('a', { href: '/login' }, 'Log in'), '.'));
  return { title: 'Register', node };
}

/**
 * registerError words a failed sign-in after registering. Registration never says whether an
 * address has an account: the owner of a taken address gets a mail, and signing in with the
 * new password then fails.
 * @returns {[object, string?]|null}
 */
function registerError(err) {
  if (err.code !== 'invalid_credentials') return null;
  return [{}, 'If this address already has a Tandem account, we have mailed it. Log in, or choose a new password from “Forgotten your password?” on the log-in page.'];
}
