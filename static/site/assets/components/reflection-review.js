// @ts-check
// A learner's reflection answer in their results: the answer as marked, where its marking
// stands, and, once marked, the points and every marker's comment (clinical, technical and,
// where they disagreed, the moderator's), with the rubric they marked against.
import { h, sanitised } from '../dom.js';
import { t } from '../i18n.js';

const STATUSES = ['awaiting_marking', 'awaiting_moderation'];
const ROLES = ['clinical', 'technical', 'moderator'];

/**
 * @param {{status: string, answer_html: string, points?: number, rubric: {id: string, criterion: string, max_points: number}[],
 *   marks: {role: string, points: number, comment: string, scores: Object<string, number>}[]} | undefined} marking
 */
export function reflectionReview(marking) {
  if (!marking) return null;
  const criteria = new Map(marking.rubric.map((c) => [c.id, c]));
  return h('div', { className: 'answer-review reflection-review' },
    h('h3', { className: 'review-subhead' }, t('question.your_reflection')),
    sanitised('div', 'prose reflection-answer', marking.answer_html),
    marking.status === 'marked'
      ? h('div', { className: 'reflection-marks' }, marking.marks.map((m) => h('section', { className: 'reflection-mark', 'data-role': m.role },
        h('h3', { className: 'review-subhead' }, t('reflection.marker_points', { Role: ROLES.includes(m.role) ? t(`reflection.role_${m.role}`) : m.role, Count: m.points })),
        h('p', { className: 'reflection-comment' }, m.comment),
        h('ul', { className: 'reflection-scores' }, Object.entries(m.scores).map(([id, p]) => h('li', {},
          t('reflection.criterion_points', { Criterion: criteria.get(id)?.criterion ?? id, Points: p, Max: criteria.get(id)?.max_points ?? '?' })))))))
      : h('p', { className: 'notice reflection-status' }, STATUSES.includes(marking.status) ? t(`reflection.status_${marking.status}`) : marking.status));
}
