// The lesson feedback form: a rating from 1 to 5, what kind of feedback it is, and an
// optional comment. It opens with the learner's earlier feedback on the lesson and the
// authors' reply, if any; sending again replaces that feedback.
import { api } from '../api.js';
import { h, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';

const RATINGS = [[1, 'Poor'], [2, 'Fair'], [3, 'Good'], [4, 'Very good'], [5, 'Excellent']];
const KINDS = [['unclear', 'Something is unclear'], ['error', 'Something is wrong'], ['suggestion', 'A suggestion'], ['praise', 'Praise']];
const MAX_COMMENT = 2000;

/** lessonFeedback returns the feedback form for lesson slug. */
export function lessonFeedback(slug) {
  const ratingName = uid('rating');
  const kindName = uid('kind');
  const commentId = uid('comment');
  const countId = uid('count');
  const status = h('p', { className: 'form-status', role: 'status' });
  const comment = h('textarea', { id: commentId, name: 'comment', rows: '4', maxlength: String(MAX_COMMENT), 'aria-describedby': countId });
  const count = h('p', { id: countId, className: 'hint' }, `Up to ${MAX_COMMENT} characters.`);
  const form = h('form', { className: 'feedback-form', novalidate: true },
    h('fieldset', { className: 'choice-group rating', 'data-field': 'rating' },
      h('legend', {}, 'How useful was this lesson?'),
      h('p', { className: 'hint rating-scale', 'aria-hidden': 'true' }, '1 is poor, 5 is excellent.'),
      h('div', { className: 'rating-options' }, RATINGS.map(([value, label]) => h('label', { className: 'rating-option' },
        h('input', { type: 'radio', name: ratingName, value: String(value) }),
        h('span', { className: 'rating-number' }, String(value)),
        h('span', { className: 'rating-label' }, label))))),
    h('fieldset', { className: 'choice-group', 'data-field': 'kind' },
      h('legend', {}, 'What kind of feedback is it?'),
      KINDS.map(([value, label]) => h('label', { className: 'choice' },
        h('input', { type: 'radio', name: kindName, value }), h('span', {}, label)))),
    h('div', { className: 'field', 'data-field': 'comment' },
      h('label', { for: commentId }, 'Comment ', h('span', { className: 'optional' }, '(optional)')),
      comment, count),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Send feedback')),
    status);
  comment.addEventListener('input', () => {
    count.textContent = `${comment.value.length} of ${MAX_COMMENT} characters.`;
  });
  const earlier = h('div', { className: 'feedback-earlier' });
  form.prepend(earlier);
  api(`/lessons/${encodeURIComponent(slug)}/feedback`).then(({ items }) => {
    const last = items[items.length - 1];
    if (!last) return;
    form.querySelector(`input[name="${ratingName}"][value="${last.rating}"]`).checked = true;
    form.querySelector(`input[name="${kindName}"][value="${last.kind}"]`).checked = true;
    comment.value = last.comment || '';
    earlier.replaceChildren(...[
      h('p', { className: 'hint' }, `You sent feedback on ${new Date(last.created_at).toLocaleDateString()}. Sending again replaces it.`),
      last.response && h('div', { className: 'notice notice-good' }, h('p', { className: 'reply-title' }, 'The authors replied'), h('p', {}, last.response)),
      last.lesson_revised && h('p', { className: 'hint' }, 'The lesson has been revised since.'),
    ].filter(Boolean));
  }).catch(() => null);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const rating = form.querySelector(`input[name="${ratingName}"]:checked`);
    const kind = form.querySelector(`input[name="${kindName}"]:checked`);
    const missing = {};
    if (!rating) missing.rating = 'Choose a rating from 1 to 5.';
    if (!kind) missing.kind = 'Choose what kind of feedback this is.';
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    const body = { rating: Number(rating.value), kind: kind.value };
    if (comment.value.trim()) body.comment = comment.value.trim();
    await sendForm(form, errors, async () => {
      await api(`/lessons/${encodeURIComponent(slug)}/feedback`, { method: 'POST', body });
      status.textContent = 'Thank you: your feedback was sent to the authors. Sending again replaces it.';
    }, { status, busy: 'Sending…' });
  });
  return form;
}
