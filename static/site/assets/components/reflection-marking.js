// @ts-check
// The reflections a cohort's learners wrote, in the instructors' review queue: each answer with
// its rubric and, for the instructor who has a role on it, a form to mark it. A clinical and a
// technical instructor mark every answer, blind to each other; when their marks are further
// apart than the quiz allows, a third instructor moderates and sees both.
import { api } from '../api.js';
import { fieldErrors } from './form-errors.js';
import { announce, h, sanitised, uid } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

/** ROLES are the marking roles the messages name, each with its own wording in every language. */
const ROLES = ['clinical', 'technical', 'moderator'];

/** roleText is message kind (legend, save, saved or mark) for marking role, or '' for a role unknown here. */
const roleText = (/** @type {string} */ kind, /** @type {string} */ role, data = {}) => (ROLES.includes(role) ? t(`work.reflection.${kind}_${role}`, data) : '');

/** STATUS_TEXT names the message for each marking status. */
const STATUS_TEXT = {
  awaiting_marking: 'work.reflection.status_awaiting_marking',
  awaiting_moderation: 'work.reflection.status_awaiting_moderation',
  marked: 'work.reflection.status_marked',
};

/**
 * @typedef {{role: string, points: number, comment: string, scores: Object<string, number>}} Mark
 * @typedef {{id: string, criterion: string, description: string, max_points: number}} Criterion
 * @typedef {{attempt_id: string, question_id: string, quiz_title: string, learner: {name: string, discipline: string},
 *   prompt_html: string, answer_html: string, rubric: Criterion[], max_points: number, threshold_percent: number,
 *   status: string, your_role: string, marks: Mark[]}} ReflectionItem
 */

/** PAGE is how many reflections the queue loads at a time, oldest first. */
const PAGE = 50;

/** reflectionQueue draws the cohort's reflections awaiting marks, a page at a time; cohortPath is /cohorts/:id. */
export async function reflectionQueue(cohortPath) {
  /** @type {{items: ReflectionItem[], next_cursor: string}} */
  const queue = await api(`${cohortPath}/reflections?limit=${PAGE}`);
  const headingId = uid('reflections');
  const count = h('p', { className: 'queue-count', role: 'status' });
  const list = h('ol', { className: 'queue' });
  let shown = 0;
  let mine = 0;
  /** @param {ReflectionItem[]} items @param {string} next */
  const add = (items, next) => {
    list.append(...items.map((r) => h('li', {}, reflectionItem(cohortPath, r))));
    shown += items.length;
    mine += items.filter((r) => r.your_role).length;
    // With more to load the count reads "50+", which takes the plural of many.
    count.textContent = shown
      ? t('work.reflection.count', { Shown: `${formatNumber(shown)}${next ? '+' : ''}`, Count: next ? shown + 1 : shown, Mine: mine })
      : t('work.reflection.none');
    more.hidden = !next;
    list.hidden = !shown;
    more.dataset.after = next;
  };
  const more = h('button', { type: 'button', className: 'button button-secondary queue-more' }, t('work.reflection.more'));
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      const page = await api(`${cohortPath}/reflections?limit=${PAGE}&after=${encodeURIComponent(more.dataset.after || '')}`);
      add(page.items, page.next_cursor);
    } finally {
      more.disabled = false;
    }
  });
  add(queue.items, queue.next_cursor);
  return h('section', { className: 'reflection-queue', 'aria-labelledby': headingId },
    h('h2', { id: headingId }, t('work.reflection.heading')), count, list, h('p', {}, more));
}

/** @param {string} cohortPath @param {ReflectionItem} r */
function reflectionItem(cohortPath, r) {
  const headingId = uid('reflection');
  const item = h('article', { className: 'review-item reflection-item', 'aria-labelledby': headingId, 'data-attempt': r.attempt_id },
    h('header', { className: 'version-head' },
      h('p', { className: 'card-kicker' }, `${r.learner.name} · ${t(`discipline.${r.learner.discipline}`)}`),
      h('h3', { id: headingId, className: 'version-title' }, t('work.reflection.title', { Quiz: r.quiz_title })),
      h('p', { className: 'card-meta reflection-status' }, STATUS_TEXT[r.status] ? t(STATUS_TEXT[r.status]) : r.status)),
    sanitised('div', 'prose prompt', r.prompt_html),
    h('h4', {}, t('work.reflection.answer')),
    sanitised('div', 'prose version-body', r.answer_html),
    r.marks.length ? h('div', { className: 'reflection-marks' }, h('h4', {}, t('work.reflection.marks_seen')), r.marks.map(markBlock)) : null,
    r.your_role ? markForm(cohortPath, r, (mark) => {
      item.replaceChildren(h('p', { className: 'notice notice-good', tabindex: '-1' },
        roleText('saved', mark.role, { Name: r.learner.name, Points: mark.points, Count: r.max_points })));
      /** @type {HTMLElement} */ (item.firstChild).focus();
    }) : h('p', { className: 'hint' }, t(r.marks.length ? 'work.reflection.nothing_more' : 'work.reflection.another_marks')));
  return item;
}

/** @param {Mark} m */
function markBlock(m) {
  return h('div', { className: 'reflection-mark' },
    h('p', {}, h('strong', {}, `${roleText('mark', m.role)} `), t('work.reflection.points', { Count: m.points })),
    h('p', {}, m.comment));
}

/** @param {string} cohortPath @param {ReflectionItem} r @param {(mark: Mark) => void} onDone */
function markForm(cohortPath, r, onDone) {
  const formId = uid('mark-form');
  const commentId = uid('comment');
  const inputs = r.rubric.map((c) => {
    const inputId = uid('points');
    const hintId = uid('points-hint');
    return h('div', { className: 'field points-field', 'data-field': `scores.${c.id}` },
      h('label', { for: inputId }, t('peer.criterion_label', { Criterion: c.criterion, Max: c.max_points })),
      h('p', { className: 'hint', id: hintId }, c.description),
      h('input', { id: inputId, type: 'number', inputmode: 'decimal', min: '0', max: String(c.max_points), step: '0.5',
        className: 'input-short', 'data-criterion': c.id, 'aria-describedby': hintId }));
  });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: formId, className: 'review-form mark-form', novalidate: true },
    h('fieldset', {},
      h('legend', {}, roleText('legend', r.your_role, { Count: r.max_points })),
      h('div', { className: 'points-grid' }, inputs)),
    h('div', { className: 'field', 'data-field': 'comment' },
      h('label', { for: commentId }, t('work.reflection.comment_label')),
      h('p', { className: 'hint', id: `${commentId}-hint` }, t('work.reflection.comment_hint')),
      h('textarea', { id: commentId, rows: '4', maxlength: '5000', 'aria-describedby': `${commentId}-hint` })),
    h('p', { className: 'review-actions' }, h('button', { type: 'submit', className: 'button' }, roleText('save', r.your_role))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    /** @type {Object<string, number>} */
    const scores = {};
    for (const c of r.rubric) {
      const raw = /** @type {HTMLInputElement} */ (form.querySelector(`input[data-criterion="${CSS.escape(c.id)}"]`)).value.trim().replace(',', '.');
      scores[c.id] = raw === '' ? NaN : Number(raw);
    }
    const problems = {};
    for (const c of r.rubric) {
      if (!Number.isFinite(scores[c.id]) || scores[c.id] < 0 || scores[c.id] > c.max_points) problems[`scores.${c.id}`] = t('work.reflection.points_invalid', { Criterion: c.criterion.toLowerCase(), Max: c.max_points });
    }
    const comment = /** @type {HTMLTextAreaElement} */ (form.querySelector(`#${commentId}`)).value.trim();
    if (!comment) problems.comment = t('work.reflection.comment_missing');
    if (Object.keys(problems).length) {
      errors.show(problems);
      return;
    }
    errors.clear();
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button'));
    button.disabled = true;
    status.textContent = t('work.reflection.saving');
    try {
      const mark = await api(`${cohortPath}/reflections/marks`, { method: 'POST', body: { attempt_id: r.attempt_id, question_id: r.question_id, scores, comment } });
      announce(t('work.reflection.saved_short'));
      onDone(mark);
    } catch (err) {
      status.textContent = '';
      button.disabled = false;
      errors.show(err.details || {}, err.message);
    }
  });
  return form;
}
