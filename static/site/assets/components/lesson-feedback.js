// The lesson feedback form: a rating from 1 to 5, what kind of feedback it is, and an
// optional comment. It opens with the learner's earlier feedback on the lesson and the
// authors' reply, if any; sending again replaces that feedback.
import { api } from '../api.js';
import { h, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { formatDate, formatNumber, t } from '../i18n.js';

const RATINGS = [1, 2, 3, 4, 5];
const KINDS = ['unclear', 'error', 'suggestion', 'praise'];
const MAX_COMMENT = 2000;

/** lessonFeedback returns the feedback form for lesson slug. */
export function lessonFeedback(slug) {
  const ratingName = uid('rating');
  const kindName = uid('kind');
  const commentId = uid('comment');
  const countId = uid('count');
  const status = h('p', { className: 'form-status', role: 'status' });
  const comment = h('textarea', { id: commentId, name: 'comment', rows: '4', maxlength: String(MAX_COMMENT), 'aria-describedby': countId });
  const count = h('p', { id: countId, className: 'hint' }, t('feedback.up_to', { Count: MAX_COMMENT }));
  const form = h('form', { className: 'feedback-form', novalidate: true },
    h('fieldset', { className: 'choice-group rating', 'data-field': 'rating' },
      h('legend', {}, t('feedback.how_useful')),
      h('p', { className: 'hint rating-scale', 'aria-hidden': 'true' }, t('feedback.scale')),
      h('div', { className: 'rating-options' }, RATINGS.map((value) => h('label', { className: 'rating-option' },
        h('input', { type: 'radio', name: ratingName, value: String(value) }),
        h('span', { className: 'rating-number' }, formatNumber(value)),
        h('span', { className: 'rating-label' }, t(`feedback.rating_${value}`)))))),
    h('fieldset', { className: 'choice-group', 'data-field': 'kind' },
      h('legend', {}, t('feedback.what_kind')),
      KINDS.map((value) => h('label', { className: 'choice' },
        h('input', { type: 'radio', name: kindName, value }), h('span', {}, t(`feedback.kind_${value}`))))),
    h('div', { className: 'field', 'data-field': 'comment' },
      h('label', { for: commentId }, t('feedback.comment'), ' ', h('span', { className: 'optional' }, t('common.optional'))),
      comment, count),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('feedback.send'))),
    status);
  comment.addEventListener('input', () => {
    count.textContent = t('feedback.count', { Count: comment.value.length, Max: MAX_COMMENT });
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
      h('p', { className: 'hint' }, t('feedback.sent_on', { Date: formatDate(last.created_at) })),
      last.response && h('div', { className: 'notice notice-good' }, h('p', { className: 'reply-title' }, t('feedback.replied')), h('p', {}, last.response)),
      last.lesson_revised && h('p', { className: 'hint' }, t('feedback.revised')),
    ].filter(Boolean));
  }).catch(() => null);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const rating = form.querySelector(`input[name="${ratingName}"]:checked`);
    const kind = form.querySelector(`input[name="${kindName}"]:checked`);
    const missing = {};
    if (!rating) missing.rating = t('feedback.missing_rating');
    if (!kind) missing.kind = t('feedback.missing_kind');
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    errors.clear();
    const body = { rating: Number(rating.value), kind: kind.value };
    if (comment.value.trim()) body.comment = comment.value.trim();
    await sendForm(form, errors, async () => {
      await api(`/lessons/${encodeURIComponent(slug)}/feedback`, { method: 'POST', body });
      status.textContent = t('feedback.thanks');
    }, { status, busy: t('common.sending') });
  });
  return form;
}
