// A cohort's learning platform (/teach/cohorts/:id/platform), for its instructors: the scores
// Tandem publishes to the gradebook of the platform course the cohort is linked to (LTI
// Assignment and Grade Services), the ones the platform refused with what it said, the button
// that sends those again, and the sync of the course's roster (Names and Role Provisioning).
import { api, ApiError } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { announce, h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { reload } from '../router.js';

// STATUSES are the states of a score on its way to the gradebook, each named in cohort.platform.status_<state>.
const STATUSES = ['pending', 'sent', 'failed', 'superseded'];

export default async function cohortPlatformPage({ id }) {
  const cohortPath = `/cohorts/${encodeURIComponent(id)}`;
  const scoresPath = `/lti/cohorts/${encodeURIComponent(id)}/scores`;
  const [cohort, all] = await Promise.all([api(cohortPath), tracks()]);
  const head = [cohortHead(cohort, t('cohort.tab.platform'), all), cohortNav(cohort, 'platform')];
  let failed;
  let recent;
  try {
    [failed, recent] = await Promise.all([api(`${scoresPath}?status=failed`), api(scoresPath)]);
  } catch (err) {
    if (!(err instanceof ApiError) || err.code !== 'lti_cohort_not_linked') throw err;
    return { title: t('cohort.tab.platform'), node: h('div', { className: 'page' }, ...head,
      h('p', {}, t('cohort.platform.not_linked'))) };
  }
  const node = h('div', { className: 'page' }, ...head,
    rosterSection(id),
    h('section', { 'aria-labelledby': 'failed-title' },
      h('h2', { id: 'failed-title' }, t('cohort.platform.failed_title')),
      failed.items.length
        ? [scoreTable(failed.items, t('cohort.platform.failed_scores'), true), retryButton(scoresPath, failed.items.length)]
        : h('p', { className: 'notice notice-good' }, t('cohort.platform.all_sent'))),
    h('section', { 'aria-labelledby': 'recent-title' },
      h('h2', { id: 'recent-title' }, t('cohort.platform.latest')),
      recent.items.length ? scoreTable(recent.items, t('cohort.platform.latest'), false)
        : h('p', {}, t('cohort.platform.none'))));
  return { title: t('cohort.tab.platform'), node };
}

/** scoreTable lists scores; withReason adds what the platform answered. */
function scoreTable(items, label, withReason) {
  return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label },
    h('table', { className: 'lti-scores' },
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('cohort.platform.learner')),
        h('th', { scope: 'col' }, t('cohort.platform.item')),
        h('th', { scope: 'col', className: 'num' }, t('cohort.platform.score')),
        h('th', { scope: 'col' }, t('society.certs.status')),
        h('th', { scope: 'col', className: 'num' }, t('cohort.platform.tries')),
        withReason ? h('th', { scope: 'col' }, t('cohort.platform.reason')) : null)),
      h('tbody', {}, items.map((s) => h('tr', { 'data-score': s.id, 'data-status': s.status },
        h('td', {}, s.learner),
        h('td', {}, s.label),
        h('td', { className: 'num' }, `${formatNumber(s.score_given)} / ${formatNumber(s.score_maximum)}`),
        h('td', {}, STATUSES.includes(s.status) ? t(`cohort.platform.status_${s.status}`) : s.status),
        h('td', { className: 'num' }, formatNumber(s.attempts)),
        withReason ? h('td', {}, h('code', {}, s.last_error)) : null)))));
}

/** retryButton sends every failed score again. */
function retryButton(scoresPath, count) {
  const button = h('button', { type: 'button', className: 'button', id: 'retry-scores' }, t('cohort.platform.retry', { Count: count }));
  button.addEventListener('click', async () => {
    button.disabled = true;
    const { retried } = await api(`${scoresPath}/retry`, { method: 'POST', body: {} });
    announce(t('cohort.platform.retried', { Count: retried }));
    reload();
  });
  return button;
}

/** rosterSection offers the roster sync and shows what it did. */
function rosterSection(cohortId) {
  const result = h('div', { className: 'roster-result', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary', id: 'sync-roster' }, t('cohort.platform.sync'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const rep = await api(`/lti/cohorts/${encodeURIComponent(cohortId)}/roster-sync`, { method: 'POST' });
      const names = (list) => list.map((p) => p.name).join(', ');
      result.replaceChildren(
        h('p', {}, t('cohort.platform.on_roster', { Count: rep.on_roster })),
        rep.joined.length ? h('p', { 'data-roster': 'joined' }, t('cohort.platform.joined', { Names: names(rep.joined) })) : null,
        rep.instructors_added.length ? h('p', { 'data-roster': 'instructors' }, t('cohort.platform.instructors', { Names: names(rep.instructors_added) })) : null,
        rep.waiting.length ? h('p', { 'data-roster': 'waiting' }, t('cohort.platform.waiting', { Names: names(rep.waiting) })) : null,
        rep.no_longer_on_roster.length ? h('p', { className: 'notice', 'data-roster': 'gone' }, t('cohort.platform.gone', { Names: names(rep.no_longer_on_roster) })) : null);
    } catch (err) {
      result.replaceChildren(h('p', { className: 'notice notice-bad' }, err.message));
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { 'aria-labelledby': 'roster-title' },
    h('h2', { id: 'roster-title' }, t('cohort.platform.roster')),
    h('p', {}, t('cohort.platform.roster_lede')),
    button, result);
}
