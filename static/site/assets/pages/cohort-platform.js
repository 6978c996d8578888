// A cohort's learning platform (/teach/cohorts/:id/platform), for its instructors: the scores
// Tandem publishes to the gradebook of the platform course the cohort is linked to (LTI
// Assignment and Grade Services), the ones the platform refused with what it said, the button
// that sends those again, and the sync of the course's roster (Names and Role Provisioning).
import { api, ApiError } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { announce, h } from '../dom.js';
import { reload } from '../router.js';

const STATUS = { pending: 'Waiting', sent: 'In the gradebook', failed: 'Failed', superseded: 'Replaced by a later score' };

export default async function cohortPlatformPage({ id }) {
  const cohortPath = `/cohorts/${encodeURIComponent(id)}`;
  const scoresPath = `/lti/cohorts/${encodeURIComponent(id)}/scores`;
  const [cohort, all] = await Promise.all([api(cohortPath), tracks()]);
  const head = [cohortHead(cohort, 'Learning platform', all), cohortNav(cohort, 'platform')];
  let failed;
  let recent;
  try {
    [failed, recent] = await Promise.all([api(`${scoresPath}?status=failed`), api(scoresPath)]);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'lti_cohort_not_linked') throw err;
    return { title: 'Learning platform', node: h('div', { className: 'page' }, ...head,
      h('p', {}, 'This cohort is not linked to a course of a learning platform. A cohort is linked when its instructor first opens Tandem from the platform\'s course.')) };
  }
  const node = h('div', { className: 'page' }, ...head,
    rosterSection(id),
    h('section', { 'aria-labelledby': 'failed-title' },
      h('h2', { id: 'failed-title' }, 'Scores the gradebook did not take'),
      failed.items.length
        ? [scoreTable(failed.items, 'Failed scores', true), retryButton(scoresPath, failed.items.length)]
        : h('p', { className: 'notice notice-good' }, 'Every score reached the platform\'s gradebook or is on its way.')),
    h('section', { 'aria-labelledby': 'recent-title' },
      h('h2', { id: 'recent-title' }, 'Latest scores'),
      recent.items.length ? scoreTable(recent.items, 'Latest scores', false)
        : h('p', {}, 'When a learner from the platform passes a linked quiz, completes a module or has team work reviewed, the score appears here.')));
  return { title: 'Learning platform', node };
}

/** scoreTable lists scores; withReason adds what the platform answered. */
function scoreTable(items, label, withReason) {
  return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label },
    h('table', { className: 'lti-scores' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Learner'),
        h('th', { scope: 'col' }, 'Item'),
        h('th', { scope: 'col', className: 'num' }, 'Score'),
        h('th', { scope: 'col' }, 'Status'),
        h('th', { scope: 'col', className: 'num' }, 'Tries'),
        withReason ? h('th', { scope: 'col' }, 'What the platform said') : null)),
      h('tbody', {}, items.map((s) => h('tr', { 'data-score': s.id, 'data-status': s.status },
        h('td', {}, s.learner),
        h('td', {}, s.label),
        h('td', { className: 'num' }, `${s.score_given} / ${s.score_maximum}`),
        h('td', {}, STATUS[s.status] || s.status),
        h('td', { className: 'num' }, String(s.attempts)),
        withReason ? h('td', {}, h('code', {}, s.last_error)) : null)))));
}

/** retryButton sends every failed score again. */
function retryButton(scoresPath, count) {
  const button = h('button', { type: 'button', className: 'button', id: 'retry-scores' }, count === 1 ? 'Send this score again' : `Send these ${count} scores again`);
  button.addEventListener('click', async () => {
    button.disabled = true;
    const { retried } = await api(`${scoresPath}/retry`, { method: 'POST', body: {} });
    announce(`${retried} ${retried === 1 ? 'score is' : 'scores are'} on the way to the gradebook.`);
    reload();
  });
  return button;
}

/** rosterSection offers the roster sync and shows what it did. */
function rosterSection(cohortId) {
  const result = h('div', { className: 'roster-result', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary', id: 'sync-roster' }, 'Sync the course roster');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const rep = await api(`/lti/cohorts/${encodeURIComponent(cohortId)}/roster-sync`, { method: 'POST' });
      const names = (list) => list.map((p) => p.name).join(', ');
      result.replaceChildren(
        h('p', {}, `${rep.on_roster} people on the course roster.`),
        rep.joined.length ? h('p', { 'data-roster': 'joined' }, `Joined the cohort: ${names(rep.joined)}.`) : null,
        rep.instructors_added.length ? h('p', { 'data-roster': 'instructors' }, `Now instructors of the cohort: ${names(rep.instructors_added)}.`) : null,
        rep.waiting.length ? h('p', { 'data-roster': 'waiting' }, `Not in Tandem yet (they join when they first open it from the course): ${names(rep.waiting)}.`) : null,
        rep.no_longer_on_roster.length ? h('p', { className: 'notice', 'data-roster': 'gone' }, `No longer on the course roster, still in the cohort: ${names(rep.no_longer_on_roster)}.`) : null);
    } catch (err) {
      result.replaceChildren(h('p', { className: 'notice notice-bad' }, err.message));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'roster-title' },
    h('h2', { id: 'roster-title' }, 'Course roster'),
    h('p', {}, 'Brings the people of the platform\'s course who have opened Tandem into this cohort, in their role. Nobody is removed.'),
    button, result);
}
