// A module as a card: its discipline, title, summary, size and, for an enrolled learner, how
// far they are through it.
import { badge, h, minutes, percent } from '../dom.js';
import { contentLang, t } from '../i18n.js';

/** moduleCard draws module m of track; standing is the learner's progress on it, or null. */
export function moduleCard(m, track, standing) {
  const lessons = m.lesson_count === undefined ? null : t('module.lesson_count', { Count: m.lesson_count });
  return h('article', { className: `module-card ${track.audience}`, 'data-module': m.slug },
    h('p', { className: 'card-kicker' }, badge(track.audience), ' ', h('span', { lang: contentLang(track) }, track.title)),
    h('h3', { className: 'card-title', lang: contentLang(m) }, h('a', { href: `/modules/${encodeURIComponent(m.slug)}` }, m.title)),
    h('p', { className: 'card-summary', lang: contentLang(m) }, m.summary),
    h('p', { className: 'card-meta' }, [lessons, minutes(m.minutes)].filter(Boolean).join(' · ')),
    standing ? moduleStanding(standing) : null);
}

/** moduleStanding shows lessons completed and the quiz result of a module. */
export function moduleStanding(s) {
  const label = s.completed ? t('module.completed') : t('module.lessons_done', { Count: s.lessons_completed, Total: s.lessons_total });
  const quiz = s.quiz_passed ? t('module.quiz_passed') : typeof s.quiz_best_percent === 'number' ? t('module.quiz_best', { Percent: percent(Math.round(s.quiz_best_percent)) }) : '';
  return h('div', { className: 'standing' },
    h('progress', { max: String(s.lessons_total || 1), value: String(s.lessons_completed), 'aria-label': t('module.lessons_done_label') }),
    h('p', { className: 'standing-text' }, s.completed ? h('span', { className: 'tick', 'aria-hidden': 'true' }, '✓ ') : null, label, quiz ? ` · ${quiz}` : ''));
}
