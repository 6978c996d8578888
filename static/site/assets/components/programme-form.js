// The form that defines a certificate programme, or edits one: title, description, the tracks
// and joint exercises it requires, the minimum quiz average, credits and validity. Checks what
// it can before sending; the server's field errors show next to each field.
import { fieldErrors, sendForm } from './form-errors.js';
import { textArea, textField } from './text-field.js';
import { badge, h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * programmeForm draws the form, filled from programme when it edits one, and calls send with
 * the body; locked, when true, says that only the description may change.
 * @param {{id: string, all: any[], exercises: any[], programme?: any, label: string, locked?: boolean,
 *   send: (body: any) => Promise<string>}} options
 */
export function programmeForm({ id, all, exercises, programme = null, label, locked = false, send }) {
  const p = programme || { title: '', description: '', tracks: [], exercises: [], min_quiz_percent: '', validity_days: '', credits: '', credit_unit: '' };
  const shown = (n) => (programme && n ? String(n) : '');
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: `${id}-form`, className: locked ? 'stack admin-locked' : 'stack', novalidate: true },
    locked ? h('p', { className: 'notice' }, t('society.form.locked')) : null,
    textField('title', t('society.form.title'), { required: true, id: `${id}-title`, value: p.title, readonly: locked }),
    textArea('description', t('society.form.description'), { id: `${id}-description`, rows: '3', value: p.description }, t('society.form.description_hint')),
    h('fieldset', { className: 'choice-group', 'data-field': 'tracks', disabled: locked },
      h('legend', {}, t('society.form.tracks')),
      h('div', { className: 'choices' }, all.map((tr) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'tracks', value: tr.slug, checked: p.tracks.includes(tr.slug) }), h('span', {}, badge(tr.audience), ' ', tr.title))))),
    h('fieldset', { className: 'choice-group', 'data-field': 'exercises', disabled: locked },
      h('legend', {}, t('society.form.exercises'), ' ', h('span', { className: 'optional' }, t('common.optional'))),
      h('div', { className: 'choices' }, exercises.map((x) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'exercises', value: x.slug, checked: p.exercises.includes(x.slug) }), h('span', {}, x.title))))),
    h('div', { className: 'field-row' },
      textField('min_quiz_percent', t('society.form.min_quiz'), { type: 'number', inputmode: 'numeric', min: '0', max: '100', step: '1', id: `${id}-min`, className: 'input-short', value: shown(p.min_quiz_percent), readonly: locked }),
      textField('validity_days', t('society.form.validity'), { type: 'number', inputmode: 'numeric', min: '0', max: '3650', step: '1', id: `${id}-validity`, className: 'input-short', value: shown(p.validity_days), readonly: locked }, t('society.form.validity_hint'))),
    h('div', { className: 'field-row' },
      textField('credits', t('certificates.credits'), { type: 'number', inputmode: 'decimal', min: '0', max: '1000', step: '0.5', id: `${id}-credits`, className: 'input-short', value: shown(p.credits), readonly: locked }),
      textField('credit_unit', t('society.form.credit_unit'), { id: `${id}-unit`, className: 'input-short', value: p.credit_unit, readonly: locked }, t('society.form.credit_unit_hint'))),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, label)),
    status);
  const errors = fieldErrors(form);
  const value = (name) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}-${name}`)).value.trim();
  const number = (name) => (value(name) === '' ? 0 : Number(value(name)));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {
      title: value('title'),
      description: value('description'),
      tracks: [...form.querySelectorAll('input[name="tracks"]:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value),
      exercises: [...form.querySelectorAll('input[name="exercises"]:checked')].map((i) => /** @type {HTMLInputElement} */ (i).value),
      min_quiz_percent: number('min'),
      validity_days: number('validity'),
      credits: number('credits'),
      credit_unit: value('unit'),
    };
    const problems = {};
    if (!body.title) problems.title = t('society.form.missing_title');
    if (!body.tracks.length && !body.exercises.length) problems.tracks = t('society.form.missing_requirement');
    for (const [field, n, max] of /** @type {Array<[string, number, number]>} */ ([['min_quiz_percent', body.min_quiz_percent, 100], ['validity_days', body.validity_days, 3650], ['credits', body.credits, 1000]])) {
      if (!Number.isFinite(n) || n < 0 || n > max || (field !== 'credits' && !Number.isInteger(n))) problems[field] = t('society.form.number_range', { Max: max });
    }
    if (body.credits > 0 && !body.credit_unit) problems.credit_unit = t('society.form.missing_unit');
    if (Object.keys(problems).length) {
      errors.show(problems);
      return;
    }
    errors.clear();
    let done = '';
    if (await sendForm(form, errors, async () => { done = await send(body); }, { status, busy: t('common.saving') })) {
      if (!programme) form.reset();
      status.textContent = done;
    }
  });
  return form;
}
