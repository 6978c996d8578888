// Account page, profile: name, institution and discipline, with what changing the discipline
// affects said before it is changed.
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';
import { DISCIPLINES, updateMe } from '../session.js';

/** profileSection draws the profile form for user. */
export function profileSection(user) {
  const discipline = h('div', { className: 'field', 'data-field': 'discipline' },
    h('label', { for: 'profile-discipline' }, 'Discipline'),
    h('p', { className: 'hint', id: 'profile-discipline-hint' },
      'Changing it changes the teams you are placed in from now on, the group (clinical or technical) your later judgement answers count in, '
      + 'and how your instructors’ dashboards group you. Your earlier answers and your current teams stay as they are.'),
    h('select', { id: 'profile-discipline', name: 'discipline', 'aria-describedby': 'profile-discipline-hint' },
      DISCIPLINES.map((g) => h('optgroup', { label: g.label }, g.items.map(([value, label]) => h('option', { value, selected: value === user.discipline }, label))))));
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'profile-form', className: 'stack', novalidate: true },
    textField('name', 'Full name', { id: 'profile-name', autocomplete: 'name', required: true, value: user.name }, 'Shown to your team, your instructors and on your certificates.'),
    textField('institution', 'Institution', { id: 'profile-institution', autocomplete: 'organization', value: user.institution }),
    discipline,
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Save profile')),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const body = { name: f.namedItem('name').value.trim(), institution: f.institution.value.trim(), discipline: f.discipline.value };
    if (!body.name) {
      errors.show({ name: 'Enter your name.' });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => updateMe(body), { status, busy: 'Saving…' })) status.textContent = 'Your profile is saved.';
  });
  return h('section', { className: 'panel', id: 'profile', 'aria-labelledby': 'profile-heading' },
    h('h2', { id: 'profile-heading' }, 'Profile'), form);
}
