// The form that defines a certificate programme, or edits one: title, description, the tracks
// and joint exercises it requires, the minimum quiz average, credits and validity. Checks what
// it can before sending; the server's field errors show next to each field.
import { fieldErrors, sendForm } from './form-errors.js';
import { textArea, textField } from './text-field.js';
import { badge, h } from '../dom.js';

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
    locked ? h('p', { className: 'notice' }, 'This programme has issued certificates, and they attest its title, requirements, credits and validity: only the description can change. To change the rest, retire it and define a new programme.') : null,
    textField('title', 'Title', { required: true, id: `${id}-title`, value: p.title, readonly: locked }),
    textArea('description', 'Description', { id: `${id}-description`, rows: '3', value: p.description }, 'Who it is for and what it shows.'),
    h('fieldset', { className: 'choice-group', 'data-field': 'tracks', disabled: locked },
      h('legend', {}, 'Tracks to complete'),
      h('div', { className: 'choices' }, all.map((t) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'tracks', value: t.slug, checked: p.tracks.includes(t.slug) }), h('span', {}, badge(t.audience), ' ', t.title))))),
    h('fieldset', { className: 'choice-group', 'data-field': 'exercises', disabled: locked },
      h('legend', {}, 'Joint exercises whose team work must be accepted ', h('span', { className: 'optional' }, '(optional)')),
      h('div', { className: 'choices' }, exercises.map((x) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'exercises', value: x.slug, checked: p.exercises.includes(x.slug) }), h('span', {}, x.title))))),
    h('div', { className: 'field-row' },
      textField('min_quiz_percent', 'Minimum quiz average (%)', { type: 'number', inputmode: 'numeric', min: '0', max: '100', step: '1', id: `${id}-min`, className: 'input-short', value: shown(p.min_quiz_percent), readonly: locked }),
      textField('validity_days', 'Valid for (days)', { type: 'number', inputmode: 'numeric', min: '0', max: '3650', step: '1', id: `${id}-validity`, className: 'input-short', value: shown(p.validity_days), readonly: locked }, '0 or empty: no expiry.')),
    h('div', { className: 'field-row' },
      textField('credits', 'Credits', { type: 'number', inputmode: 'decimal', min: '0', max: '1000', step: '0.5', id: `${id}-credits`, className: 'input-short', value: shown(p.credits), readonly: locked }),
      textField('credit_unit', 'Credit unit', { id: `${id}-unit`, className: 'input-short', value: p.credit_unit, readonly: locked }, 'For example: CME hours.')),
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
    if (!body.title) problems.title = 'Give the programme a title.';
    if (!body.tracks.length && !body.exercises.length) problems.tracks = 'Choose at least one track or joint exercise.';
    for (const [field, n, max] of /** @type {Array<[string, number, number]>} */ ([['min_quiz_percent', body.min_quiz_percent, 100], ['validity_days', body.validity_days, 3650], ['credits', body.credits, 1000]])) {
      if (!Number.isFinite(n) || n < 0 || n > max || (field !== 'credits' && !Number.isInteger(n))) problems[field] = `Enter a number from 0 to ${max}.`;
    }
    if (body.credits > 0 && !body.credit_unit) problems.credit_unit = 'Name the unit of the credits, such as CME hours.';
    if (Object.keys(problems).length) {
      errors.show(problems);
      return;
    }
    errors.clear();
    let done = '';
    if (await sendForm(form, errors, async () => { done = await send(body); }, { status, busy: 'Saving…' })) {
      if (!programme) form.reset();
      status.textContent = done;
    }
  });
  return form;
}
