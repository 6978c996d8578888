// Instructors (/admin/instructors), for platform admins: who holds the instructor role, and
// one form that promotes an existing account by its email or, for an address with no account,
// creates one and mails its owner a link to choose a password.
import { api } from '../api.js';
import { adminLinks, dataTable } from '../components/admin-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { announce, dateText, h } from '../dom.js';
import { disciplineOptions } from '../session.js';

function disciplineField() {
  return h('div', { className: 'field', 'data-field': 'discipline' },
    h('label', { for: 'instructor-discipline' }, 'Discipline'),
    h('select', { id: 'instructor-discipline', name: 'discipline' },
      h('option', { value: '' }, 'Choose…'),
      disciplineOptions()));
}

function addForm(onAdded) {
  const result = h('div', { className: 'instructor-result', tabindex: '-1' });
  const form = h('form', { id: 'instructor-form', className: 'stack', novalidate: true },
    textField('email', 'Email address', { type: 'email', required: true, id: 'instructor-email', spellcheck: 'false', autocomplete: 'off' },
      'An account with this address becomes an instructor. For an address with no account, fill in the rest below: the account is created and its owner mailed a link to choose a password.'),
    h('fieldset', { className: 'stack new-account' },
      h('legend', {}, 'For an address with no account yet'),
      textField('name', 'Full name', { id: 'instructor-name', autocomplete: 'off', required: true }),
      disciplineField(),
      textField('institution', 'Institution', { id: 'instructor-institution', autocomplete: 'off' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Make instructor')),
    result);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();
    const body = { email: value('instructor-email'), name: value('instructor-name'), discipline: value('instructor-discipline'), institution: value('instructor-institution') };
    if (!body.email) {
      errors.show({ email: 'Enter the instructor’s email address.' });
      return;
    }
    result.replaceChildren();
    errors.clear();
    /** @type {any} */
    let answer = null;
    if (await sendForm(form, errors, async () => { answer = await api('/instructors', { method: 'POST', body }); })) {
      const who = answer.instructor;
      result.replaceChildren(h('div', { className: 'notice notice-good', 'data-result': answer.created ? 'created' : 'promoted' },
        h('p', { className: 'reply-title' }, answer.created ? `Account created for ${who.name}` : `${who.name} is an instructor`),
        h('p', {}, answer.created ? `We mailed ${who.email} a link to choose a password; it works for 72 hours.` : 'The new role reaches their open sessions within a few minutes.')));
      form.reset();
      result.focus();
      announce('Instructor added.');
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
    ? dataTable(items.length === 1 ? '1 instructor' : `${items.length} instructors`, ['Name', 'Email', 'Institution', 'Account since'], items.map(row))
    : h('p', {}, 'No instructor yet.'));
  draw();
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/admin' }, 'Administration')),
    h('h1', {}, 'Instructors'),
    adminLinks('/admin/instructors'),
    h('p', { className: 'lede' }, 'Instructors run cohorts: they invite learners, form teams, review team work and read their cohorts’ progress.'),
    list,
    h('section', { className: 'panel', 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, 'Add an instructor'),
      addForm((u) => {
        items = [...items.filter((x) => x.id !== u.id), u].sort((a, b) => a.name.localeCompare(b.name));
        draw();
      })));
  return { title: 'Instructors', node };
}
