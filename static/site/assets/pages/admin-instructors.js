// Instructors (/admin/instructors), for platform admins: who holds the instructor role, and
// one form that promotes an existing account by its email or, for an address with no account,
// creates one and mails its owner a link to choose a password.
import { api } from '../api.js';
import { adminLinks, dataTable } from '../components/admin-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';
import { disciplineOptions } from '../session.js';

function disciplineField() {
  return h('div', { className: 'field', 'data-field': 'discipline' },
    h('label', { for: 'instructor-discipline' }, t('admin.instructors.discipline')),
    h('select', { id: 'instructor-discipline', name: 'discipline' },
      h('option', { value: '' }, t('register.choose')),
      disciplineOptions()));
}

function addForm(onAdded) {
  const result = h('div', { className: 'instructor-result', tabindex: '-1' });
  const form = h('form', { id: 'instructor-form', className: 'stack', novalidate: true },
    textField('email', t('login.email'), { type: 'email', required: true, id: 'instructor-email', spellcheck: 'false', autocomplete: 'off' },
      t('admin.instructors.email_hint')),
    h('fieldset', { className: 'stack new-account' },
      h('legend', {}, t('admin.instructors.new_account')),
      textField('name', t('register.name'), { id: 'instructor-name', autocomplete: 'off', required: true }),
      disciplineField(),
      textField('institution', t('register.institution'), { id: 'instructor-institution', autocomplete: 'off' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('admin.instructors.submit'))),
    result);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();
    const body = { email: value('instructor-email'), name: value('instructor-name'), discipline: value('instructor-discipline'), institution: value('instructor-institution') };
    if (!body.email) {
      errors.show({ email: t('admin.instructors.missing_email') });
      return;
    }
    result.replaceChildren();
    errors.clear();
    /** @type {any} */
    let answer = null;
    if (await sendForm(form, errors, async () => { answer = await api('/instructors', { method: 'POST', body }); })) {
      const who = answer.instructor;
      result.replaceChildren(h('div', { className: 'notice notice-good', 'data-result': answer.created ? 'created' : 'promoted' },
        h('p', { className: 'reply-title' }, answer.created ? t('admin.instructors.created', { Name: who.name }) : t('admin.instructors.promoted', { Name: who.name })),
        h('p', {}, answer.created ? t('admin.instructors.created_mail', { Email: who.email }) : t('admin.instructors.promoted_sessions'))));
      form.reset();
      result.focus();
      announce(t('admin.instructors.added'));
      onAdded(who);
    }
  });
  return form;
}

function row(u) {
  return h('tr', { 'data-instructor': u.id },
    h('th', { scope: 'row' }, u.name),
    h('td', {}, u.email),
    h('td', {}, u.institution || '—'),
    h('td', {}, dateText(u.created_at)));
}

export default async function adminInstructorsPage() {
  let { items } = await api('/instructors');
  const list = h('div', {});
  const draw = () => list.replaceChildren(items.length
    ? dataTable(t('admin.instructors.count', { Count: items.length }),
      [t('admin.name'), t('admin.email'), t('register.institution'), t('admin.instructors.since')], items.map(row))
    : h('p', {}, t('admin.instructors.none')));
  draw();
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/admin' }, t('admin.title'))),
    h('h1', {}, t('admin.instructors_title')),
    adminLinks('/admin/instructors'),
    h('p', { className: 'lede' }, t('admin.instructors.lede')),
    list,
    h('section', { className: 'panel', 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, t('admin.instructors.add')),
      addForm((u) => {
        items = [...items.filter((x) => x.id !== u.id), u].sort((a, b) => a.name.localeCompare(b.name));
        draw();
      })));
  return { title: t('admin.instructors_title'), node };
}
