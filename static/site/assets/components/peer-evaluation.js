// The peer-evaluation form: one teammate at a time, rated from 1 to 5 on the five CATME
// dimensions, with an optional comment. The reader's earlier ratings are read back: rated
// teammates are marked, choosing one shows the rating given, and rating them again replaces
// it. The reader is never offered as their own ratee.
import { api } from '../api.js';
import { announce, h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { fieldErrors, sendForm } from './form-errors.js';

const DIMENSIONS = ['contributing', 'interacting', 'keeping_on_track', 'expecting_quality', 'relevant_knowledge'];
const SCALE = [1, 2, 3, 4, 5];

/** peerEvaluationForm rates the members of team (other than meId) on exercise slug. */
export function peerEvaluationForm(team, exercise, meId) {
  const mates = team.members.filter((m) => m.user_id !== meId);
  if (!mates.length) return h('p', {}, t('peer.rating_no_mates'));
  const saved = new Map(); // ratee id -> { ratings, comment } the reader gave
  const formId = uid('peer');
  const selectId = uid('ratee');
  const commentId = uid('peer-comment');
  const status = h('p', { className: 'form-status', role: 'status' });
  const select = h('select', { id: selectId, name: 'ratee_id' }, mates.map((m) => h('option', { value: m.user_id }, m.name)));
  const comment = h('textarea', { id: commentId, name: 'comment', rows: '3', maxlength: '2000' });
  const groups = DIMENSIONS.map((key) => {
    const name = uid(key);
    const hintId = uid('dim');
    return h('fieldset', { className: 'choice-group rating dimension', 'data-field': `ratings.${key}`, 'aria-describedby': hintId },
      h('legend', {}, t(`peer.rating_${key}`)),
      h('p', { className: 'hint', id: hintId }, t(`peer.rating_${key}_hint`)),
      h('div', { className: 'rating-options' }, SCALE.map((value) => h('label', { className: 'rating-option' },
        h('input', { type: 'radio', name, value: String(value), 'data-dimension': key }),
        h('span', { className: 'rating-number' }, String(value)),
        h('span', { className: 'rating-label' }, t(`peer.rating_scale_${value}`))))));
  });
  const submit = h('button', { type: 'submit', className: 'button' }, t('peer.rating_save'));
  const form = h('form', { id: formId, className: 'peer-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'ratee_id' }, h('label', { for: selectId }, t('peer.rating_teammate')), select),
    h('p', { className: 'hint rating-scale' }, t('peer.rating_scale')),
    groups,
    h('div', { className: 'field', 'data-field': 'comment' },
      h('label', { for: commentId }, t('peer.rating_comment'), ' ', h('span', { className: 'optional' }, t('peer.optional'))),
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
    for (const option of select.options) option.textContent = nameOf(option.value) + (saved.has(option.value) ? ` ${t('peer.rating_rated')}` : '');
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
    for (const key of DIMENSIONS) {
      const checked = form.querySelector(`input[data-dimension="${key}"]:checked`);
      if (checked) ratings[key] = Number(checked.value);
      else missing[`ratings.${key}`] = t(`peer.rating_${key}_missing`);
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
        ? t('peer.rating_saved_next', { Name: name, Next: next.name })
        : t('peer.rating_saved_all', { Name: name });
      announce(t('peer.rating_saved', { Name: name }));
    }, { status, busy: t('peer.saving') });
  });
  return form;
}
