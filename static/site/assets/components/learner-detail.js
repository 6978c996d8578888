// @ts-check
// One learner of a cohort, drilled down from the progress grid. It opens at once with what the
// grid's row holds (each module in words), then asks the server for the rest: quiz attempts,
// team work and roles, peer ratings with the comments written for the instructor, and the
// lesson feedback the learner sent. The server returns only what the learner shared by
// joining: the cohort's tracks and team, from the day they joined.
import { api } from '../api.js';
import { badge, dateText, h, percent } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

/**
 * @typedef {{ slug: string, title: string, lessons_completed: number, lessons_total?: number, quiz_percent: number | null, quiz_passed: boolean, completed: boolean }} ModuleStanding
 * @typedef {{ number: number, submitted_at: string, percent: number, passed: boolean }} Attempt
 * @typedef {{ slug: string, title: string, counts: string, counted_percent: number, passed: boolean, max_attempts: number, attempts: Attempt[] }} QuizRecord
 * @typedef {{ slug: string, title: string, max_points: number, due_on?: string, version: number, status: string, points: number | null, late: boolean, peer_factor: number | null }} Work
 * @typedef {{ id: string, name: string, members: {user_id: string, name: string}[], roles: {exercise_title: string, role: string}[], exercises: Work[] }} Team
 * @typedef {{ exercise_title: string, ratings: number, mean_rating: number, adjustment_factor: number | null, comments: string[] }} Received
 * @typedef {{ exercise_title: string, ratee_name: string }} Given
 * @typedef {{ lesson_title: string, rating: number, kind: string, comment: string, status: string, response: string, updated_at: string }} Letter
 * @typedef {{ name: string, joined_at: string, modules: ModuleStanding[], quizzes: QuizRecord[], team: Team | null,
 *   peer_ratings: { received: Received[], given: Given[] }, feedback: Letter[] }} Detail
 */

/**
 * learnerDetail draws learner l of dashboard d; onClose runs when the instructor closes it.
 * @param {any} l a learner row of GET /cohorts/:id/progress
 * @param {any} d the dashboard
 * @param {() => void} onClose
 */
export function learnerDetail(l, d, onClose) {
  const close = h('button', { type: 'button', className: 'button button-secondary button-small' }, t('finish.detail_close'));
  close.addEventListener('click', onClose);
  const status = h('p', { className: 'form-status', role: 'status' }, t('finish.detail_loading'));
  const body = h('div', { className: 'learner-detail-body' },
    h('p', {}, [l.email, l.institution, t('finish.detail_share', { Percent: percent(l.percent) })].filter(Boolean).join(' · ')),
    modulesPart(d.modules.map((/** @type {any} */ m, /** @type {number} */ i) => ({ ...l.modules[i], slug: m.slug, title: m.title, lessons_total: m.lessons_total }))),
    status);
  const section = h('section', { className: 'learner-detail', 'aria-labelledby': 'learner-detail-heading', 'aria-busy': 'true', 'data-learner': l.user_id },
    h('div', { className: 'section-head' },
      h('h3', { id: 'learner-detail-heading', tabindex: '-1' }, badge(l.discipline_group), ' ', l.name),
      close),
    body);
  api(`/cohorts/${encodeURIComponent(d.cohort.id)}/learners/${encodeURIComponent(l.user_id)}`).then((/** @type {Detail} */ x) => {
    body.replaceChildren(
      h('p', {}, [l.email, l.institution, t('finish.detail_share', { Percent: percent(l.percent) })].filter(Boolean).join(' · ')),
      h('p', { className: 'hint' }, t('finish.detail_consent', { Name: x.name, Date: dateText(x.joined_at) })),
      modulesPart(x.modules), quizzesPart(x.quizzes), teamPart(x.team), ratingsPart(x), feedbackPart(x.feedback));
    section.setAttribute('aria-busy', 'false');
  }, (err) => {
    status.textContent = t('finish.detail_failed', { Reason: err.message });
    section.setAttribute('aria-busy', 'false');
  });
  return section;
}

/** @param {ModuleStanding[]} modules */
function modulesPart(modules) {
  return h('div', {}, h('h4', {}, t('finish.detail_modules')),
    h('ul', { className: 'detail-list' }, modules.map((m) => h('li', { 'data-module': m.slug }, h('strong', {}, m.title), ': ', moduleText(m)))));
}

/** @param {ModuleStanding} c */
function moduleText(c) {
  const quiz = typeof c.quiz_percent === 'number'
    ? t(c.quiz_passed ? 'finish.detail_quiz_passed' : 'finish.detail_quiz_not_passed', { Percent: percent(c.quiz_percent) })
    : t('finish.detail_no_quiz');
  if (c.completed) return t('finish.detail_complete', { Quiz: quiz });
  if (!c.lessons_completed && typeof c.quiz_percent !== 'number') return t('finish.detail_not_started');
  return t('finish.detail_lessons', { Count: c.lessons_completed, Total: c.lessons_total, Quiz: quiz });
}

/** @param {QuizRecord[]} quizzes */
function quizzesPart(quizzes) {
  return h('div', {}, h('h4', {}, t('finish.detail_attempts')),
    quizzes.length
      ? h('ul', { className: 'detail-list' }, quizzes.map((q) => h('li', { 'data-quiz': q.slug },
        h('strong', {}, q.title), ': ',
        t(q.counts === 'last' ? 'finish.detail_counted_last' : 'finish.detail_counted_best', { Percent: percent(q.counted_percent) }),
        ', ', q.passed ? t('finish.detail_passed') : t('finish.detail_not_passed'), ', ',
        q.max_attempts ? t('finish.detail_attempts_of', { Count: q.attempts.length, Max: q.max_attempts }) : t('finish.detail_attempts_count', { Count: q.attempts.length }),
        h('ol', { className: 'attempt-dates' }, q.attempts.map((a) => h('li', {},
          t('finish.detail_attempt', { Number: a.number, Date: dateText(a.submitted_at), Percent: percent(a.percent) })))))))
      : h('p', {}, t('finish.detail_no_attempts')));
}

/** @param {Team | null} team */
function teamPart(team) {
  const heading = h('h4', {}, t('finish.detail_team_work'));
  if (!team) return h('div', {}, heading, h('p', {}, t('finish.detail_no_team')));
  return h('div', {}, heading,
    h('p', {}, t('finish.detail_team', { Team: team.name, Members: team.members.map((m) => m.name).join(', ') })),
    team.roles.length
      ? h('ul', { className: 'detail-list' }, team.roles.map((r) => h('li', {}, t('finish.detail_role', { Role: r.role, Exercise: r.exercise_title }))))
      : h('p', {}, t('finish.detail_no_role')),
    team.exercises.length
      ? h('ul', { className: 'detail-list' }, team.exercises.map((x) => h('li', { 'data-exercise': x.slug }, h('strong', {}, x.title), ': ', workText(x))))
      : h('p', {}, t('finish.detail_no_exercise')));
}

/** @param {Work} w */
function workText(w) {
  const parts = [w.status ? t('finish.detail_work_status', { Status: t(`finish.work_${w.status}`), Version: w.version }) : t('finish.detail_no_work')];
  if (typeof w.points === 'number') parts.push(t('finish.detail_points', { Points: w.points, Max: w.max_points }));
  if (w.late) parts.push(t('finish.detail_late'));
  if (typeof w.peer_factor === 'number') parts.push(t('finish.detail_factor', { Factor: factorText(w.peer_factor) }));
  return parts.join(', ');
}

/** @param {number} n a peer factor or mean rating, to two decimals */
function factorText(n) {
  return formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** @param {Detail} x */
function ratingsPart(x) {
  const { received, given } = x.peer_ratings;
  return h('div', {}, h('h4', {}, t('finish.detail_ratings')),
    h('h5', {}, t('finish.detail_received')),
    received.length
      ? h('ul', { className: 'detail-list' }, received.map((r) => h('li', {},
        h('strong', {}, r.exercise_title), ': ',
        t('finish.detail_received_line', { Count: r.ratings, Mean: factorText(r.mean_rating) }),
        typeof r.adjustment_factor === 'number' ? `, ${t('finish.detail_factor', { Factor: factorText(r.adjustment_factor) })}` : '',
        r.comments.length
          ? h('div', { className: 'peer-comments' }, h('p', {}, t('finish.detail_comments_for_you')),
            h('ul', {}, r.comments.map((c) => h('li', {}, h('q', {}, c)))))
          : null)))
      : h('p', {}, t('finish.detail_none_received')),
    h('h5', {}, t('finish.detail_given')),
    h('p', { className: 'hint' }, t('finish.detail_given_private')),
    given.length
      ? h('ul', { className: 'detail-list' }, given.map((g) => h('li', {}, t('finish.detail_given_line', { Name: g.ratee_name, Exercise: g.exercise_title }))))
      : h('p', {}, t('finish.detail_none_given')));
}

/** @param {Letter[]} letters */
function feedbackPart(letters) {
  return h('div', {}, h('h4', {}, t('finish.detail_feedback')),
    letters.length
      ? h('ul', { className: 'detail-list' }, letters.map((f) => h('li', {},
        h('strong', {}, f.lesson_title), ': ',
        t('finish.detail_feedback_line', { Rating: f.rating, Kind: t(`feedback.kind_${f.kind}`), Date: dateText(f.updated_at) }),
        f.comment ? h('span', {}, ' ', h('q', {}, f.comment)) : null,
        f.status === 'resolved' ? h('span', { className: 'card-meta' }, ' · ', f.response ? t('finish.detail_answered', { Response: f.response }) : t('finish.detail_resolved')) : null)))
      : h('p', {}, t('finish.detail_no_feedback')));
}
