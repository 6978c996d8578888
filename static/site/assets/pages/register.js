// Register (/register): a learner account with name, discipline and institution; the new
// learner is logged in straight away and asked to confirm their address. The password rules are
// shown before anything is typed.
import { api, login } from '../api.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { navigate, safeNext } from '../router.js';
import { disciplineOptions, passwordRules } from '../session.js';
import { t } from '../i18n.js';

export default async function registerPage(_params, query) {
  const next = safeNext(query.get('next'), '/');
  const discipline = h('div', { className: 'field', 'data-field': 'discipline' },
    h('label', { for: 'field-discipline' }, t('register.discipline')),
    h('p', { className: 'hint', id: 'field-discipline-hint' }, t('register.discipline_hint')),
    h('select', { id: 'field-discipline', name: 'discipline', required: true, 'aria-describedby': 'field-discipline-hint' },
      h('option', { value: '' }, t('register.choose')),
      disciplineOptions()));
  const form = h('form', { id: 'register-form', className: 'stack', novalidate: true },
    textField('name', t('register.name'), { autocomplete: 'name', required: true }),
    textField('email', t('login.email'), { type: 'email', autocomplete: 'email', required: true, spellcheck: 'false' }),
    textField('password', t('login.password'), { type: 'password', autocomplete: 'new-password', required: true, minlength: '10', maxlength: '128' }, passwordRules()),
    discipline,
    textField('institution', t('register.institution'), { autocomplete: 'organization' }, t('register.institution_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, t('register.submit'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const body = { name: f.namedItem('name').value.trim(), email: f.email.value.trim(), password: f.password.value, discipline: f.discipline.value };
    if (f.institution.value.trim()) body.institution = f.institution.value.trim();
    const missing = {};
    if (!body.name) missing.name = t('register.missing_name');
    if (!body.email) missing.email = t('login.missing_email');
    if (body.password.length < 10) missing.password = t('register.missing_password');
    if (!body.discipline) missing.discipline = t('register.missing_discipline');
    if (showMissing(errors, missing)) return;
    const sent = await sendForm(form, errors, async () => {
      await api('/auth/register', { method: 'POST', body });
      await login(body.email, body.password);
    }, { explain: registerError });
    if (sent) navigate(next, { replace: true });
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, t('register.title')),
    h('p', { className: 'lede' }, t('register.lede')),
    form,
    h('p', {}, t('register.already'), ' ', h('a', { href: '/login' }, t('header.log_in'))));
  return { title: t('header.register'), node };
}

/**
 * registerError words a failed sign-in after registering. Registration never says whether an
 * address has an account: the owner of a taken address gets a mail, and signing in with the
 * new password then fails.
 * @returns {[object, string?]|null}
 */
function registerError(err) {
  if (err.code !== 'invalid_credentials') return null;
  return [{}, t('register.maybe_taken')];
}
