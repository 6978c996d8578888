// @ts-check
// A learner's reflection answer in their results: the answer as marked, where its marking
// stands, and, once marked, the points and every marker's comment (clinical, technical and,
// where they disagreed, the moderator's), with the rubric they marked against.
import { h, sanitised } from '../dom.js';

const STATUS_TEXT = {
  awaiting_marking: 'Waiting for a clinical and a technical instructor to mark it.',
  awaiting_moderation: 'Its two markers disagree; a third instructor is moderating.',
};

const ROLE_TITLES = { clinical: 'Clinical marker', technical: 'Technical marker', moderator: 'Moderator' };

/**
 * @param {{status: string, answer_html: string, points?: number, rubric: {id: string, criterion: string, max_points: number}[],
 *   marks: {role: string, points: number, comment: string, scores: Object<string, number>}[]} | undefined} marking
 */
export function reflectionReview(marking) {
  if (!marking) return null;
  const criteria = new Map(marking.rubric.map((c) => [c.id, c]));
  return h('div', { className: 'answer-review reflection-review' },
    h('h3', { className: 'review-subhead' }, 'Your reflection'),
    sanitised('div', 'prose reflection-answer', marking.answer_html),
    marking.status === 'marked'
      ? h('div', { className: 'reflection-marks' }, marking.marks.map((m) => h('section', { className: 'reflection-mark', 'data-role': m.role },
        h('h3', { className: 'review-subhead' }, `${ROLE_TITLES[m.role] || m.role}: ${m.points} points`),
        h('p', { className: 'reflection-comment' }, m.comment),
        h('ul', { className: 'reflection-scores' }, Object.entries(m.scores).map(([id, p]) => h('li', {},
          `${criteria.get(id)?.criterion ?? id}: ${p} of ${criteria.get(id)?.max_points ?? '?'}`))))))
      : h('p', { className: 'notice reflection-status' }, STATUS_TEXT[marking.status] || marking.status));
}
