// A quiz (/quizzes/:slug): what it asks and allows, the learner's best result so far, and the
// button that starts a new attempt.
import { ApiError, api, catalogue, newIdempotencyKey } from '../api.js';
import { quizModule } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { allowanceNotice } from '../components/my-allowance.js';
import { badge, h, percent } from '../dom.js';
import { moduleProgress, myProgress } from '../progress.js';
import { navigate } from '../router.js';
import { currentUser } from '../session.js';
import { contentLang, formatDate, formatNumber, t } from '../i18n.js';

export default async function quizPage({ slug }) {
  const m = await quizModule(slug);
  if (!m) throw new ApiError(404, null);
  const [track, progress, mine, allowance] = await Promise.all([
    catalogue(`/tracks/${encodeURIComponent(m.track)}`),
    myProgress().catch(() => null),
    api(`/me/attempts?quiz=${encodeURIComponent(slug)}`).catch(() => ({ items: [] })),
    allowanceNotice(slug),
  ]);
  const attempts = [...mine.items].sort((a, b) => a.number - b.number);
  const open = attempts.find((a) => a.open);
  const q = m.quiz;
  const standing = moduleProgress(progress, m.slug);
  const error = h('div', { className: 'form-error', role: 'alert' });
  const start = h('button', { type: 'button', className: 'button button-large' }, t('quiz.start'));
  // One key for this page: pressing Start again after a dropped connection gets the attempt
  // that the first press may already have created, instead of using up another one.
  const idempotencyKey = newIdempotencyKey();
  start.addEventListener('click', async () => {
    start.disabled = true;
    error.textContent = '';
    try {
      const attempt = await api(`/quizzes/${encodeURIComponent(q.slug)}/attempts`, { method: 'POST', idempotencyKey });
      navigate(`/attempts/${encodeURIComponent(attempt.id)}`);
    } catch (err) {
      error.textContent = err.code === 'max_attempts_reached' ? t('quiz.max_attempts') : err.message;
      start.disabled = false;
    }
  });
  const facts = [
    [t('quiz.fact_questions'), formatNumber(q.question_count)],
    [t('quiz.fact_pass_mark'), percent(q.pass_percent)],
    [t('quiz.fact_attempts'), q.max_attempts ? t('quiz.allowed', { Count: q.max_attempts }) : t('quiz.unlimited')],
    [t('quiz.fact_time_limit'), q.time_limit_minutes ? t('quiz.minutes_from_start', { Count: q.time_limit_minutes }) : t('quiz.none')],
    [t('quiz.fact_counts'), q.grading === 'last' ? t('quiz.last_attempt') : t('quiz.best_attempt')],
    [t('quiz.fact_after'), reviewSummary(q.review)],
  ];
  const node = h('div', { className: 'page narrow' },
    breadcrumbs([[t('header.courses'), '/'], [track.title, `/tracks/${encodeURIComponent(track.slug)}`], [m.title, `/modules/${encodeURIComponent(m.slug)}`]]),
    h('p', { className: 'card-kicker' }, badge(track.audience), ' ', t('quiz.of_module'), ' ', h('span', { lang: contentLang(m) }, m.title)),
    h('h1', { lang: contentLang(q) }, q.title),
    h('dl', { className: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
    allowance,
    standing && standing.quiz_attempts > 0
      ? h('p', { className: standing.quiz_passed ? 'notice notice-good' : 'notice' },
        standing.quiz_passed ? t('quiz.passed_it') : t('quiz.not_passed_yet'),
        typeof standing.quiz_best_percent === 'number' ? ` ${t('quiz.best_so_far', { Percent: percent(Math.round(standing.quiz_best_percent)) })}` : '')
      : null,
    h('p', {}, t('quiz.one_page')),
    q.time_limit_minutes ? h('p', { className: 'notice' }, t('quiz.clock')) : null,
    open ? h('p', { className: 'notice' }, t('quiz.open_attempt', { Number: open.number }), ' ',
      h('a', { href: `/attempts/${encodeURIComponent(open.id)}` }, t('quiz.resume', { Number: open.number })),
      q.max_attempts ? ` ${t('quiz.rather_than')}` : '') : null,
    h('p', {}, start),
    error,
    attempts.length ? h('section', { 'aria-labelledby': 'attempts-heading' },
      h('h2', { id: 'attempts-heading' }, t('quiz.your_attempts')),
      h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('quiz.attempts_table') }, h('table', { className: 'quiz-table attempts-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('quiz.col_attempt')), h('th', { scope: 'col' }, t('quiz.col_started')), h('th', { scope: 'col', className: 'num' }, t('quiz.col_score')), h('th', { scope: 'col' }, t('quiz.col_result')))),
        h('tbody', {}, attempts.map((a) => h('tr', {},
          h('th', { scope: 'row' }, h('a', { href: `/attempts/${encodeURIComponent(a.id)}` }, t('quiz.attempt_number', { Number: a.number }))),
          h('td', {}, formatDate(a.started_at, { day: 'numeric', month: 'short' })),
          h('td', { className: 'num' }, typeof a.percent === 'number' ? percent(Math.round(a.percent)) : '–'),
          h('td', {}, a.marking === 'awaiting_marking' ? h('span', { className: 'verdict' }, t('results.awaiting_marking')) : a.submitted_at
            ? h('span', { className: `verdict ${a.passed ? 'verdict-good' : 'verdict-bad'}` }, a.passed ? t('quiz.passed') : t('quiz.not_passed'))
            : (a.open ? t('quiz.in_progress') : t('quiz.not_in_time'))))))))) : null,
    analysisLink(q.slug));
  return { title: q.title, node };
}

/** analysisLink leads content authors and admins to how the quiz's questions worked. */
function analysisLink(slug) {
  const user = currentUser();
  if (!user || !user.roles.some((r) => r === 'author' || r === 'admin')) return null;
  return h('p', { className: 'analysis-link' }, h('a', { href: `/quizzes/${encodeURIComponent(slug)}/statistics` }, t('quiz.item_analysis')), ' ', t('quiz.every_learner'));
}


/** reviewSummary says, in a sentence, when the quiz shows right answers and the score. */
function reviewSummary(review) {
  if (!review) return t('quiz.review_default');
  const when = (w) => (w === 'after_date' ? t('quiz.when_from', { Date: formatDate(review.date) }) : t(`quiz.when_${w}`));
  if (review.correctness === 'after_attempt' && review.right_answer === 'after_attempt' && review.explanations === 'after_attempt' && review.score === 'after_attempt') {
    return t('quiz.review_at_once');
  }
  return t('quiz.review_parts', { Score: when(review.score), Correctness: when(review.correctness), Answers: when(review.right_answer), Explanations: when(review.explanations) });
}
