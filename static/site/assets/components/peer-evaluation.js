// The peer-evaluation form: one teammate at a time, rated from 1 to 5 on the five CATME
// dimensions, with an optional comment. The reader's earlier ratings are read back: rated
// teammates are marked, choosing one shows the rating given, and rating them again replaces
// it. The reader is never offered as their own ratee.
import { api } from '../api.js';
import { announce, h, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';

const DIMENSIONS = [
  ['contributing', 'Contributing to the team’s work', 'Does a fair share of the work, on time and well.'],
  ['interacting', 'Interacting with teammates', 'Listens, shares what they know, and asks for the others’ views.'],
  ['keeping_on_track', 'Keeping the team on track', 'Notices how the work is going and helps it stay on course.'],
  ['expecting_quality', 'Expecting quality', 'Expects the team to do good work and helps it get there.'],
  ['relevant_knowledge', 'Having relevant knowledge, skills and abilities', 'Brings what the task needs, from their own discipline and beyond.'],
];
const SCALE = [[1, 'Poor'], [2, 'Fair'], [3, 'Good'], [4, 'Very good'], [5, 'Excellent']];

/** peerEvaluationForm rates the members of team (other than meId) on exercise slug. */
export function peerEvaluationForm(team, exercise, meId) {
  const mates = team.members.filter((m) => m.user_id !== meId);
  if (!mates.length) return h('p', {}, 'You have no teammates to rate yet.');
  const saved = new Map(); // ratee id -> { ratings, comment } the reader gave
  const formId = uid('peer');
  const selectId = uid('ratee');
  const commentId = uid('peer-comment');
  const status = h('p', { className: 'form-status', role: 'status' });
  const select = h('select', { id: selectId, name: 'ratee_id' }, mates.map((m) => h('option', { value: m.user_id }, m.name)));
  const comment = h('textarea', { id: commentId, name: 'comment', rows: '3', maxlength: '2000' });
  const groups = DIMENSIONS.map(([key, label, hint]) => {
    const name = uid(key);
    const hintId = uid('dim');
    return h('fieldset', { className: 'choice-group rating dimension', 'data-field': `ratings.${key}`, 'aria-describedby': hintId },
      h('legend', {}, label),
      h('p', { className: 'hint', id: hintId }, hint),
      h('div', { className: 'rating-options' }, SCALE.map(([value, word]) => h('label', { className: 'rating-option' },
        h('input', { type: 'radio', name, value: String(value), 'data-dimension': key }),
        h('span', { className: 'rating-number' }, String(value)),
        h('span', { className: 'rating-label' }, word)))));
  });
  const submit = h('button', { type: 'submit', className: 'button' }, 'Save this rating');
  const form = h('form', { id: formId, className: 'peer-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'ratee_id' }, h('label', { for: selectId }, 'Teammate to rate'), select),
    h('p', { className: 'hint rating-scale' }, 'On each line, 1 is poor and 5 is excellent.'),
    groups,
    h('div', { className: 'field', 'data-field': 'comment' },
      h('label', { for: commentId }, 'Comment for your instructor ', h('span', { className: 'optional' }, '(optional)')),
      comment),
    h('p', {}, submit),
    status);
  const errors = fieldErrors(form);
  const nameOf = (id) => mates.find((m) => m.user_id === id).name;
  const fill = () => {
    const given = saved.get(select.value);
    for (const input of form.querySelectorAll('input[data-dimension]')) {
      input.checked = Boolean(given) && given.ratings[input.dataset.dimension] === Number(input.value);
    }
    comment.value = given ? given.comment : '';
  };
  const mark = () => {
    for (const option of select.options) option.textContent = nameOf(option.value) + (saved.has(option.value) ? ' (rated)' : '');
  };
  select.addEventListener('change', fill);
  api(`/teams/${encodeURIComponent(team.id)}/peer-evaluations/mine?exercise=${encodeURIComponent(exercise)}`).then((mine) => {
    for (const given of mine.items) saved.set(given.ratee_id, given);
    mark();
    const next = mates.find((m) => !saved.has(m.user_id));
    if (next) select.value = next.user_id;
    fill();
  }, () => {}); // without them the form still rates, it only cannot show earlier ratings

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const ratings = {};
    const missing = {};
    for (const [key, label] of DIMENSIONS) {
      const checked = form.querySelector(`input[data-dimension="${key}"]:checked`);
      if (checked) ratings[key] = Number(checked.value);
      else missing[`ratings.${key}`] = `Rate “${label.toLowerCase()}” from 1 to 5.`;
    }
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    const rateeId = select.value;
    const body = { exercise, ratee_id: rateeId, ratings };
    if (comment.value.trim()) body.comment = comment.value.trim();
    await sendForm(form, errors, async () => {
      await api(`/teams/${encodeURIComponent(team.id)}/peer-evaluations`, { method: 'POST', body });
      saved.set(rateeId, { ratings, comment: body.comment || '' });
      const name = nameOf(rateeId);
      mark();
      const next = mates.find((m) => !saved.has(m.user_id));
      form.reset();
      select.value = next ? next.user_id : rateeId;
      fill();
      status.textContent = next
        ? `Your rating of ${name} is saved. Next: ${next.name}.`
        : `Your rating of ${name} is saved. You have rated every teammate; rating someone again replaces your rating.`;
      announce(`Rating of ${name} saved.`);
    }, { status, busy: 'Saving…' });
  });
  return form;
}
