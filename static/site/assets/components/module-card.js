// A module as a card: its discipline, title, summary, size and, for an enrolled learner, how
// far they are through it.
import { badge, h, minutes } from '../dom.js';

/** moduleCard draws module m of track t; standing is the learner's progress on it, or null. */
export function moduleCard(m, t, standing) {
  const lessons = m.lesson_count === undefined ? null : `${m.lesson_count} ${m.lesson_count === 1 ? 'lesson' : 'lessons'}`;
  return h('article', { className: `module-card ${t.audience}`, 'data-module': m.slug },
    h('p', { className: 'card-kicker' }, badge(t.audience), ' ', t.title),
    h('h3', { className: 'card-title' }, h('a', { href: `/modules/${encodeURIComponent(m.slug)}` }, m.title)),
    h('p', { className: 'card-summary' }, m.summary),
    h('p', { className: 'card-meta' }, [lessons, minutes(m.minutes)].filter(Boolean).join(' · ')),
    standing ? moduleStanding(standing) : null);
}

/** moduleStanding shows lessons completed and the quiz result of a module. */
export function moduleStanding(s) {
  const label = s.completed ? 'Completed' : `${s.lessons_completed} of ${s.lessons_total} lessons done`;
  const quiz = s.quiz_passed ? 'quiz passed' : typeof s.quiz_best_percent === 'number' ? `quiz best ${Math.round(s.quiz_best_percent)}%` : '';
  return h('div', { className: 'standing' },
    h('progress', { max: String(s.lessons_total || 1), value: String(s.lessons_completed), 'aria-label': `Lessons done in this module` }),
    h('p', { className: 'standing-text' }, s.completed ? h('span', { className: 'tick', 'aria-hidden': 'true' }, '✓ ') : null, label, quiz ? ` · ${quiz}` : ''));
}
