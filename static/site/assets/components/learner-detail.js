// One learner of a cohort, drilled down from the progress grid: each module in words, their
// team and where its work stands on each joint exercise, with their peer adjustment factor.
// It shows what the grid's row holds, nothing more, so it needs no request of its own.
import { badge, h, percent } from '../dom.js';

const WORK_STATUS = { submitted: 'Sent, waiting for review', revision_requested: 'Revision asked', accepted: 'Accepted' };

/**
 * learnerDetail draws learner l of dashboard d; onClose runs when the instructor closes it.
 * @param {any} l a learner row of GET /cohorts/:id/progress
 * @param {any} d the dashboard
 * @param {() => void} onClose
 */
export function learnerDetail(l, d, onClose) {
  const close = h('button', { type: 'button', className: 'button button-secondary button-small' }, 'Close details');
  close.addEventListener('click', onClose);
  const exercises = d.exercises || [];
  return h('section', { className: 'learner-detail', 'aria-labelledby': 'learner-detail-heading', 'data-learner': l.user_id },
    h('div', { className: 'section-head' },
      h('h3', { id: 'learner-detail-heading', tabindex: '-1' }, badge(l.discipline_group), ' ', l.name),
      close),
    h('p', {}, [l.email, l.institution, `${percent(l.percent)} of the cohort’s modules complete`].filter(Boolean).join(' · ')),
    h('h4', {}, 'Modules'),
    h('ul', { className: 'detail-list' }, d.modules.map((m, i) => h('li', {}, h('strong', {}, m.title), ': ', moduleText(l.modules[i], m)))),
    h('h4', {}, 'Team work'),
    !l.team
      ? h('p', {}, 'Not in a team.')
      : h('div', {}, h('p', {}, `Team: ${l.team}`),
        exercises.length
          ? h('ul', { className: 'detail-list' }, exercises.map((x, i) => h('li', {}, h('strong', {}, x.title), ': ', workText(l.exercises[i], x))))
          : h('p', {}, 'The cohort has no joint exercise yet.')));
}

function moduleText(c, m) {
  const quiz = typeof c.quiz_percent === 'number' ? `quiz ${percent(c.quiz_percent)}${c.quiz_passed ? ', passed' : ', not passed yet'}` : 'no quiz taken';
  if (c.completed) return `complete (${quiz})`;
  if (!c.lessons_completed && typeof c.quiz_percent !== 'number') return 'not started';
  return `${c.lessons_completed} of ${m.lessons_total} lessons, ${quiz}`;
}

function workText(w, x) {
  const parts = [w.status ? `${WORK_STATUS[w.status] || w.status} (version ${w.version})` : 'no work yet'];
  if (typeof w.points === 'number') parts.push(`${w.points} of ${x.max_points} points`);
  if (w.late) parts.push('after the due date');
  if (typeof w.peer_factor === 'number') parts.push(`peer factor ${w.peer_factor.toFixed(2)}`);
  return parts.join(', ');
}
