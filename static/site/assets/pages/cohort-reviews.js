// A cohort's review queue (/teach/cohorts/:id/reviews), for its instructors: every version its
// teams sent that waits for review, oldest first, each with the rubric to score it against and
// the choice to accept it or ask for a revision; then the learners' reflections to mark.
import { api, catalogue, newIdempotencyKey } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { commentThread } from '../components/comment-thread.js';
import { criterionName, rubricTotal } from '../components/exercise-parts.js';
import { fieldErrors } from '../components/form-errors.js';
import { reflectionQueue } from '../components/reflection-marking.js';
import { memberList } from '../components/team.js';
import { compareWith, lateBadge, reviewBlock, sentLine } from '../components/versions.js';
import { announce, h, sanitised, uid } from '../dom.js';
import { t } from '../i18n.js';

export default async function cohortReviewsPage({ id }) {
  const cohortPath = `/cohorts/${encodeURIComponent(id)}`;
  const [cohort, teams, all, waiting, reflections] = await Promise.all([
    api(cohortPath),
    api(`${cohortPath}/teams`),
    tracks(),
    waitingWork(`${cohortPath}/submissions`),
    reflectionQueue(cohortPath),
  ]);
  const slugs = [...new Set(waiting.map((w) => w.exercise))];
  const exercises = new Map(await Promise.all(slugs.map(async (s) => /** @type {[string, any]} */ ([s, await catalogue(`/exercises/${encodeURIComponent(s)}`)]))));
  const count = h('p', { className: 'queue-count', role: 'status' });
  let left = waiting.length;
  const drawCount = () => {
    count.textContent = left ? t('work.reviews.waiting', { Count: left }) : t('work.reviews.none_waiting');
  };
  drawCount();
  const done = () => {
    left -= 1;
    drawCount();
  };
  const node = h('div', { className: 'page' },
    cohortHead(cohort, t('cohort.tab.reviews'), all),
    cohortNav(cohort, 'reviews'),
    count,
    waiting.length
      ? h('ol', { className: 'queue' }, waiting.map((w) => h('li', {}, reviewItem(w, exercises.get(w.exercise), done))))
      : h('p', {}, teams.items.length ? t('work.reviews.empty') : t('work.reviews.no_teams')),
    reflections);
  return { title: t('cohort.tab.reviews'), node };
}

/** waitingWork reads every version that waits for review, oldest first, a page at a time. */
async function waitingWork(path) {
  const items = [];
  let after = '';
  for (;;) {
    const page = await api(`${path}?status=submitted&limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`);
    items.push(...page.items);
    if (!page.next_cursor) return items;
    after = page.next_cursor;
  }
}

function reviewItem(sub, x, done) {
  const team = { id: sub.team, name: sub.team_name, members: sub.members };
  const names = new Map(team.members.map((m) => [m.user_id, m.name]));
  const headingId = uid('review');
  const last = sub.previous_review;
  const item = h('article', { className: 'review-item', 'aria-labelledby': headingId, 'data-submission': sub.id, 'data-team': team.id },
    h('header', { className: 'version-head' },
      h('p', { className: 'card-kicker' }, team.name),
      h('h2', { id: headingId, className: 'version-title' }, t('work.reviews.item_title', { Exercise: x.title, Version: sub.version })),
      lateBadge(sub),
      h('p', { className: 'card-meta' }, sentLine(sub, names))),
    h('details', { className: 'team-members' }, h('summary', {}, t('work.reviews.members_of', { Team: team.name })), memberList(team.members)),
    rolesLine(team, x),
    last ? h('details', { className: 'earlier-review' },
      h('summary', {}, t('work.reviews.earlier', { Version: last.version })),
      reviewBlock(last, x.rubric)) : null,
    sanitised('div', 'prose version-body', sub.body_html),
    sub.version > 1 ? compareWith(sub, async () => {
      const { items } = await api(`/teams/${encodeURIComponent(team.id)}/submissions`);
      return items.find((v) => v.exercise === sub.exercise && v.version === sub.version - 1);
    }) : null,
    commentThread(sub, 'h3'),
    reviewForm(sub, x, (review) => {
      item.replaceChildren(h('p', { className: 'notice notice-good', tabindex: '-1', 'data-result': review.decision },
        t(review.decision === 'accept' ? 'work.reviews.accepted' : 'work.reviews.revise_requested',
          { Team: team.name, Exercise: x.title, Version: sub.version, Points: review.total, Count: review.max_total })));
      item.firstChild.focus();
      done();
    }));
  return item;
}

function reviewForm(sub, x, onDone) {
  const formId = uid('review-form');
  const inputs = x.rubric.map((c) => {
    const inputId = uid('points');
    const hintId = uid('points-hint');
    return h('div', { className: 'field points-field', 'data-field': `scores.${c.criterion}` },
      h('label', { for: inputId }, t('peer.criterion_label', { Criterion: criterionName(c.criterion), Max: c.max_points })),
      h('p', { className: 'hint', id: hintId }, c.description),
      h('input', { id: inputId, type: 'number', inputmode: 'decimal', min: '0', max: String(c.max_points), step: '0.1', className: 'input-short', 'data-criterion': c.criterion, 'aria-describedby': hintId }));
  });
  const commentId = uid('comment');
  const status = h('p', { className: 'form-status', role: 'status' });
  const total = h('p', { className: 'points-total', 'aria-live': 'polite' });
  const form = h('form', { id: formId, className: 'review-form', novalidate: true },
    h('fieldset', {},
      h('legend', {}, t('work.reviews.score_legend', { Count: rubricTotal(x.rubric) })),
      h('div', { className: 'points-grid' }, inputs),
      total),
    h('div', { className: 'field', 'data-field': 'comment' },
      h('label', { for: commentId }, t('work.reviews.comment_label')),
      h('p', { className: 'hint', id: `${commentId}-hint` }, t('work.reviews.comment_hint')),
      h('textarea', { id: commentId, name: 'comment', rows: '4', maxlength: '10000', 'aria-describedby': `${commentId}-hint` })),
    h('p', { className: 'review-actions' },
      h('button', { type: 'submit', className: 'button', name: 'decision', value: 'accept' }, t('work.reviews.accept')),
      h('button', { type: 'submit', className: 'button button-secondary', name: 'decision', value: 'revise' }, t('work.reviews.revise'))),
    status);
  const errors = fieldErrors(form);
  const drawTotal = () => {
    total.textContent = runningTotal(x.rubric, (c) => form.querySelector(`input[data-criterion="${CSS.escape(c.criterion)}"]`).value);
  };
  form.addEventListener('input', drawTotal);
  drawTotal();
  let key = null;
  let keyFor = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const decision = event.submitter && event.submitter.value === 'revise' ? 'revise' : 'accept';
    const scores = {};
    const problems = {};
    for (const c of x.rubric) {
      const raw = form.querySelector(`input[data-criterion="${CSS.escape(c.criterion)}"]`).value.trim().replace(',', '.');
      const n = Number(raw);
      // Rubric points may have one decimal place (2.5 of 5), as the server accepts.
      if (raw === '' || !Number.isFinite(n) || !Number.isInteger(Math.round(n * 1e6) / 1e5) || n < 0 || n > c.max_points) problems[`scores.${c.criterion}`] = t('work.reviews.points_invalid', { Criterion: criterionName(c.criterion).toLowerCase(), Max: c.max_points, Example: 2.5 });
      else scores[c.criterion] = n;
    }
    const comment = form.querySelector(`#${commentId}`).value.trim();
    if (decision === 'revise' && !comment) problems.comment = t('work.reviews.revise_missing');
    if (Object.keys(problems).length) {
      errors.show(problems);
      return;
    }
    errors.clear();
    const body = { decision, scores, comment };
    const signature = JSON.stringify(body);
    if (keyFor !== signature) {
      key = newIdempotencyKey();
      keyFor = signature;
    }
    for (const b of form.querySelectorAll('button')) b.disabled = true;
    status.textContent = t('work.reviews.saving');
    try {
      const review = await api(`/submissions/${encodeURIComponent(sub.id)}/reviews`, { method: 'POST', body, idempotencyKey: key });
      announce(t(decision === 'accept' ? 'work.reviews.accepted_short' : 'work.reviews.revise_short'));
      onDone(review);
    } catch (err) {
      status.textContent = '';
      for (const b of form.querySelectorAll('button')) b.disabled = false;
      errors.show(err.details || {}, err.message);
    }
  });
  return form;
}

/**
 * runningTotal says how many points the instructor has given so far of the rubric's maximum;
 * valueOf reads the points typed for a criterion. Criteria left blank or out of range are
 * counted and named as still to score.
 */
function runningTotal(rubric, valueOf) {
  let sum = 0;
  let open = 0;
  for (const c of rubric) {
    const raw = String(valueOf(c)).trim().replace(',', '.');
    const n = Number(raw);
    if (raw === '' || !Number.isFinite(n) || n < 0 || n > c.max_points) open += 1;
    else sum += n;
  }
  const points = Math.round(sum * 10) / 10;
  const total = t('work.reviews.points_so_far', { Points: points, Total: rubricTotal(rubric) });
  return open ? `${total} · ${t('work.reviews.still_to_score', { Open: open, Count: rubric.length })}` : total;
}

/** rolesLine lists who in the team took each of the exercise's roles, as the team assigned them. */
function rolesLine(team, x) {
  const list = h('ul', { className: 'team-roles-list' }, h('li', { className: 'hint' }, t('work.reviews.roles_loading')));
  api(`/teams/${encodeURIComponent(team.id)}/roles?exercise=${encodeURIComponent(x.slug)}`).then(({ items }) => {
    list.replaceChildren(...items.map((r) => h('li', { 'data-role': r.role }, r.user_id ? t('work.reviews.role_taken', { Role: r.role, Name: r.name }) : t('work.reviews.role_open', { Role: r.role }))));
  }, () => list.replaceChildren(h('li', { className: 'hint' }, t('work.reviews.roles_failed'))));
  return h('div', { className: 'team-roles' }, h('p', { className: 'card-meta' }, t('work.reviews.roles_in', { Team: team.name })), list);
}
