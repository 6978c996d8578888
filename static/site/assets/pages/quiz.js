// A quiz (/quizzes/:slug): what it asks and allows, the learner's best result so far, and the
// button that starts a new attempt.
import { ApiError, api, catalogue, newIdempotencyKey } from '../api.js';
import { quizModule } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { badge, h } from '../dom.js';
import { moduleProgress, myProgress } from '../progress.js';
import { navigate } from '../router.js';
import { currentUser } from '../session.js';

export default async function quizPage({ slug }) {
  const m = await quizModule(slug);
  if (!m) throw new ApiError(404, null);
  const [t, progress, mine] = await Promise.all([
    catalogue(`/tracks/${encodeURIComponent(m.track)}`),
    myProgress().catch(() => null),
    api(`/me/attempts?quiz=${encodeURIComponent(slug)}`).catch(() => ({ items: [] })),
  ]);
  const attempts = [...mine.items].sort((a, b) => a.number - b.number);
  const open = attempts.find((a) => a.open);
  const q = m.quiz;
  const standing = moduleProgress(progress, m.slug);
  const error = h('div', { className: 'form-error', role: 'alert' });
  const start = h('button', { type: 'button', className: 'button button-large' }, 'Start the quiz');
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
      error.textContent = err.code === 'max_attempts_reached' ? 'You have used every attempt this quiz allows.' : err.message;
      start.disabled = false;
    }
  });
  const facts = [
    ['Questions', String(q.question_count)],
    ['Pass mark', `${q.pass_percent}%`],
    ['Attempts', q.max_attempts ? `${q.max_attempts} allowed` : 'Unlimited'],
    ['Time limit', q.time_limit_minutes ? `${q.time_limit_minutes} minutes, from the moment you start` : 'None'],
    ['Counts', q.grading === 'last' ? 'Your last attempt' : 'Your best attempt'],
    ['After an attempt', reviewSummary(q.review)],
  ];
  const node = h('div', { className: 'page narrow' },
    breadcrumbs([['Courses', '/'], [t.title, `/tracks/${encodeURIComponent(t.slug)}`], [m.title, `/modules/${encodeURIComponent(m.slug)}`]]),
    h('p', { className: 'card-kicker' }, badge(t.audience), ` Quiz of ${m.title}`),
    h('h1', {}, q.title),
    h('dl', { className: 'facts' }, facts.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v)))),
    standing && standing.quiz_attempts > 0
      ? h('p', { className: standing.quiz_passed ? 'notice notice-good' : 'notice' },
        standing.quiz_passed ? 'You have passed this quiz' : 'You have not passed this quiz yet',
        typeof standing.quiz_best_percent === 'number' ? ` (best so far: ${Math.round(standing.quiz_best_percent)}%).` : '.')
      : null,
    h('p', {}, 'Questions come one after another on a single page. Your answers are kept in this tab until you submit, so a reload loses nothing.'),
    q.time_limit_minutes ? h('p', { className: 'notice' }, 'The clock starts when you press Start and does not stop. When time is up, your answers are submitted as they are.') : null,
    open ? h('p', { className: 'notice' }, `Your attempt ${open.number} is not submitted yet. `,
      h('a', { href: `/attempts/${encodeURIComponent(open.id)}` }, `Resume attempt ${open.number}`),
      q.max_attempts ? ' rather than start another: each start uses up an attempt.' : '.') : null,
    h('p', {}, start),
    error,
    attempts.length ? h('section', { 'aria-labelledby': 'attempts-heading' },
      h('h2', { id: 'attempts-heading' }, 'Your attempts'),
      h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Table of your attempts' }, h('table', { className: 'quiz-table attempts-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Attempt'), h('th', { scope: 'col' }, 'Started'), h('th', { scope: 'col', className: 'num' }, 'Score'), h('th', { scope: 'col' }, 'Result'))),
        h('tbody', {}, attempts.map((a) => h('tr', {},
          h('th', { scope: 'row' }, h('a', { href: `/attempts/${encodeURIComponent(a.id)}` }, `Attempt ${a.number}`)),
          h('td', {}, new Date(a.started_at).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })),
          h('td', { className: 'num' }, typeof a.percent === 'number' ? `${Math.round(a.percent)}%` : '–'),
          h('td', {}, a.marking === 'awaiting_marking' ? h('span', { className: 'verdict' }, 'Awaiting marking') : a.submitted_at
            ? h('span', { className: `verdict ${a.passed ? 'verdict-good' : 'verdict-bad'}` }, a.passed ? 'Passed' : 'Not passed')
            : (a.open ? 'In progress' : 'Not submitted in time')))))))) : null,
    analysisLink(q.slug));
  return { title: q.title, node };
}

/** analysisLink leads content authors and admins to how the quiz's questions worked. */
function analysisLink(slug) {
  const user = currentUser();
  if (!user || !user.roles.some((r) => r === 'author' || r === 'admin')) return null;
  return h('p', { className: 'analysis-link' }, h('a', { href: `/quizzes/${encodeURIComponent(slug)}/statistics` }, 'Item analysis of this quiz'), ' (every learner on the platform)');
}

const REVIEW_WHEN = {
  after_attempt: 'at once',
  after_time_limit: 'once the time limit has passed',
  after_last_attempt: 'after your last attempt',
  never: 'never',
};

/** reviewSummary says, in a sentence, when the quiz shows right answers and the score. */
function reviewSummary(review) {
  if (!review) return 'Your score, with right answers and explanations';
  const when = (w) => (w === 'after_date' ? `from ${new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(new Date(review.date))}` : REVIEW_WHEN[w]);
  if (review.correctness === 'after_attempt' && review.right_answer === 'after_attempt' && review.explanations === 'after_attempt' && review.score === 'after_attempt') {
    return 'Your score, which answers were right, the right answers and explanations, at once';
  }
  return `Your score ${when(review.score)}; which answers were right ${when(review.correctness)}; `
    + `the right answers ${when(review.right_answer)}; explanations ${when(review.explanations)}`;
}
