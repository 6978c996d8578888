// A module (/modules/:slug): objectives, lessons, the quiz and the counterpart module.
import { catalogue } from '../api.js';
import { fallbackNote } from '../components/fallback-note.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { counterpartBridge } from '../components/counterpart.js';
import { moduleStanding } from '../components/module-card.js';
import { moduleRecord } from '../components/module-record.js';
import { badge, h, minutes, percent } from '../dom.js';
import { moduleProgress, myProgress } from '../progress.js';
import { currentUser } from '../session.js';
import { contentLang, t } from '../i18n.js';

export default async function modulePage({ slug }) {
  const m = await catalogue(`/modules/${encodeURIComponent(slug)}`);
  const [track, progress] = await Promise.all([catalogue(`/tracks/${encodeURIComponent(m.track)}`), myProgress().catch(() => null)]);
  const standing = moduleProgress(progress, m.slug);
  const node = h('div', { className: 'page' },
    breadcrumbs([[t('header.courses'), '/'], [track.title, `/tracks/${encodeURIComponent(track.slug)}`]]),
    h('header', { className: `page-head ${track.audience}` },
      h('p', { className: 'card-kicker' }, badge(track.audience), ' ', h('span', { lang: contentLang(track) }, track.title)),
      h('h1', { lang: contentLang(m) }, m.title),
      h('p', { className: 'lede', lang: contentLang(m) }, m.summary),
      fallbackNote(m),
      h('p', { className: 'card-meta' }, `${t('module.lesson_count', { Count: m.lessons.length })} · ${minutes(m.minutes || m.lessons.reduce((n, l) => n + l.minutes, 0))}`),
      standing ? moduleStanding(standing) : null),
    h('div', { className: 'columns' },
      h('div', { className: 'column-main' },
        m.objectives.length ? [h('h2', {}, t('module.objectives')), h('ul', { className: 'objectives', lang: contentLang(m) }, m.objectives.map((o) => h('li', {}, o)))] : null,
        h('h2', {}, t('module.lessons')),
        h('ol', { className: 'lesson-list' }, m.lessons.map((l) => h('li', {},
          h('a', { href: `/lessons/${encodeURIComponent(l.slug)}`, lang: contentLang(l) }, l.title),
          standing && (standing.completed_lessons || []).includes(l.slug)
            ? h('span', { className: 'lesson-done' }, ' ', h('span', { 'aria-hidden': 'true' }, '✓'), ' ', t('common.done'))
            : null,
          h('span', { className: 'card-meta' }, ` · ${minutes(l.minutes)}`,
            standing && (standing.revised_lessons || []).includes(l.slug) ? ` · ${t('module.revised')}` : '')))),
        m.quiz ? quizCard(m.quiz) : null),
      h('div', { className: 'column-side' }, counterpartBridge(m.counterpart, track.audience), moduleRecord(m))));
  return { title: m.title, node };
}

function quizCard(q) {
  const facts = [
    t('quiz.question_count', { Count: q.question_count }),
    t('quiz.pass_mark', { Percent: percent(q.pass_percent) }),
    q.max_attempts ? t('quiz.attempts_allowed', { Count: q.max_attempts }) : t('quiz.unlimited_attempts'),
    q.time_limit_minutes ? t('quiz.time_limit', { Count: q.time_limit_minutes }) : t('quiz.no_time_limit'),
  ];
  return h('section', { className: 'quiz-card', 'aria-labelledby': 'quiz-heading' },
    h('h2', { id: 'quiz-heading' }, t('quiz.heading'), ' ', h('span', { lang: contentLang(q) }, q.title)),
    h('p', { className: 'card-meta' }, facts.join(' · ')),
    h('p', {}, h('a', { className: 'button', href: currentUser() ? `/quizzes/${encodeURIComponent(q.slug)}` : `/login?next=${encodeURIComponent(`/quizzes/${q.slug}`)}` },
      currentUser() ? t('quiz.go') : t('quiz.log_in'))));
}
