// A module (/modules/:slug): objectives, lessons, the quiz and the counterpart module.
import { catalogue } from '../api.js';
import { fallbackNote } from '../components/fallback-note.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { counterpartBridge } from '../components/counterpart.js';
import { moduleStanding } from '../components/module-card.js';
import { moduleRecord } from '../components/module-record.js';
import { badge, h, minutes } from '../dom.js';
import { moduleProgress, myProgress } from '../progress.js';
import { currentUser } from '../session.js';

export default async function modulePage({ slug }) {
  const m = await catalogue(`/modules/${encodeURIComponent(slug)}`);
  const [t, progress] = await Promise.all([catalogue(`/tracks/${encodeURIComponent(m.track)}`), myProgress().catch(() => null)]);
  const standing = moduleProgress(progress, m.slug);
  const node = h('div', { className: 'page' },
    breadcrumbs([['Courses', '/'], [t.title, `/tracks/${encodeURIComponent(t.slug)}`]]),
    h('header', { className: `page-head ${t.audience}` },
      h('p', { className: 'card-kicker' }, badge(t.audience), ' ', t.title),
      h('h1', { lang: m.language }, m.title),
      h('p', { className: 'lede', lang: m.language }, m.summary),
      fallbackNote(m),
      h('p', { className: 'card-meta' }, `${m.lessons.length} lessons · ${minutes(m.minutes || m.lessons.reduce((n, l) => n + l.minutes, 0))}`),
      standing ? moduleStanding(standing) : null),
    h('div', { className: 'columns' },
      h('div', { className: 'column-main' },
        m.objectives.length ? [h('h2', {}, 'You will be able to'), h('ul', { className: 'objectives' }, m.objectives.map((o) => h('li', {}, o)))] : null,
        h('h2', {}, 'Lessons'),
        h('ol', { className: 'lesson-list' }, m.lessons.map((l) => h('li', {},
          h('a', { href: `/lessons/${encodeURIComponent(l.slug)}` }, l.title),
          standing && (standing.completed_lessons || []).includes(l.slug)
            ? h('span', { className: 'lesson-done' }, ' ', h('span', { 'aria-hidden': 'true' }, '✓'), ' done')
            : null,
          h('span', { className: 'card-meta' }, ` · ${minutes(l.minutes)}`,
            standing && (standing.revised_lessons || []).includes(l.slug) ? ' · revised since you completed it' : '')))),
        m.quiz ? quizCard(m.quiz) : null),
      h('div', { className: 'column-side' }, counterpartBridge(m.counterpart, t.audience), moduleRecord(m))));
  return { title: m.title, node };
}

function quizCard(q) {
  const facts = [
    `${q.question_count} questions`,
    `pass mark ${q.pass_percent}%`,
    q.max_attempts ? `${q.max_attempts} attempts allowed` : 'unlimited attempts',
    q.time_limit_minutes ? `${q.time_limit_minutes} minute time limit` : 'no time limit',
  ];
  return h('section', { className: 'quiz-card', 'aria-labelledby': 'quiz-heading' },
    h('h2', { id: 'quiz-heading' }, 'Quiz: ', q.title),
    h('p', { className: 'card-meta' }, facts.join(' · ')),
    h('p', {}, h('a', { className: 'button', href: currentUser() ? `/quizzes/${encodeURIComponent(q.slug)}` : `/login?next=${encodeURIComponent(`/quizzes/${q.slug}`)}` },
      currentUser() ? 'Go to the quiz' : 'Log in to take the quiz')));
}
