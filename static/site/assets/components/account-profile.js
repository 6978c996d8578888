// Account page, profile: name, institution and discipline, with what changing the discipline
// affects said before it is changed.
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';
import { disciplineOptions, updateMe } from '../session.js';
import { t } from '../i18n.js';

/** profileSection draws the profile form for user. */
export function profileSection(user) {
  const discipline = h('div', { className: 'field', 'data-field': 'discipline' },
    h('label', { for: 'profile-discipline' }, t('account.discipline')),
    h('p', { className: 'hint', id: 'profile-discipline-hint' }, t('account.discipline_hint')),
    h('select', { id: 'profile-discipline', name: 'discipline', 'aria-describedby': 'profile-discipline-hint' },
      disciplineOptions(user.discipline)));
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'profile-form', className: 'stack', novalidate: true },
    textField('name', t('register.name'), { id: 'profile-name', autocomplete: 'name', required: true, value: user.name }, t('account.name_hint')),
    textField('institution', t('register.institution'), { id: 'profile-institution', autocomplete: 'organization', value: user.institution }),
    discipline,
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('account.save_profile'))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const f = form.elements;
    const body = { name: f.namedItem('name').value.trim(), institution: f.institution.value.trim(), discipline: f.discipline.value };
    if (!body.name) {
      errors.show({ name: t('register.missing_name') });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => updateMe(body), { status, busy: t('common.saving') })) status.textContent = t('account.profile_saved');
  });
  return h('section', { className: 'panel', id: 'profile', 'aria-labelledby': 'profile-heading' },
    h('h2', { id: 'profile-heading' }, t('account.part_profile')), form);
}
