// A cohort's settings, for its instructors: its name, its dates and its time zone.
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { t } from '../i18n.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { timeZoneField } from './time-zone.js';

/** cohortSettingsForm edits cohort; saved(cohort) runs with the cohort as stored. */
export function cohortSettingsForm(cohort, saved) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'cohort-settings', className: 'stack', novalidate: true },
    textField('name', t('cohort.name'), { required: true, id: 'settings-name', value: cohort.name }),
    h('div', { className: 'field-row' },
      textField('starts_on', t('cohort.starts_on'), { type: 'date', id: 'settings-starts', value: cohort.starts_on || '' }),
      textField('ends_on', t('cohort.ends_on'), { type: 'date', id: 'settings-ends', value: cohort.ends_on || '' })),
    timeZoneField('settings-zone', cohort.time_zone),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('cohort.settings.save'))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      name: form.querySelector('#settings-name').value.trim(),
      starts_on: form.querySelector('#settings-starts').value,
      ends_on: form.querySelector('#settings-ends').value,
      time_zone: form.querySelector('#settings-zone').value,
    };
    if (!body.name) {
      errors.show({ name: t('cohort.missing_name') });
      return;
    }
    errors.clear();
    await sendForm(form, errors, async () => {
      const stored = await api(`/cohorts/${encodeURIComponent(cohort.id)}`, { method: 'PATCH', body });
      status.textContent = t('common.saved');
      announce(t('cohort.settings.saved'));
      saved(stored);
    }, { status, busy: t('common.saving') });
  });
  return form;
}
