// A cohort's progress (/teach/cohorts/:id), for its instructors: the cohort's settings, and the
// progress grid per learner, module and discipline with its CSV download. Learners are invited
// on the members page; the grid shows those who joined, from the day they joined.
import { api, download } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortHref, cohortNav } from '../components/cohort-nav.js';
import { cohortSettingsForm } from '../components/cohort-settings.js';
import { allowanceText, progressGrid } from '../components/progress-grid.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { setTitle } from '../router.js';

/**
 * progressPath is the path of the cohort's dashboard in the grid's order and search: a page of
 * it, or with page 0 the whole CSV.
 * @param {string} id
 * @param {{q: string, sort: string, order: string}} query
 * @param {number} page
 */
function progressPath(id, query, page) {
  const params = new URLSearchParams({ sort: query.sort, order: query.order });
  if (query.q) params.set('q', query.q);
  if (page) params.set('page', String(page));
  else params.set('format', 'csv');
  return `/cohorts/${encodeURIComponent(id)}/progress?${params}`;
}

export default async function cohortPage({ id }) {
  let query = { q: '', sort: 'name', order: 'asc' };
  const [cohort, dashboard, all, accommodations] = await Promise.all([
    api(`/cohorts/${encodeURIComponent(id)}`),
    api(progressPath(id, query, 1)),
    tracks(),
    api(`/accommodations?cohort=${encodeURIComponent(id)}`),
  ]);
  const load = (q, page) => api(progressPath(id, q, page));
  const gridArea = h('div', { className: 'grid-area' }, progressGrid(dashboard, all, accommodations.items, load, (q) => { query = { ...q }; }));
  const sittings = accommodations.items.filter((a) => !a.user).map(allowanceText);
  const csvStatus = h('p', { className: 'form-status', role: 'status' });
  // The file lists the learners the grid finds, in the grid's order.
  const csv = h('button', { type: 'button', className: 'button button-secondary csv-download' }, t('grid.csv'));
  csv.addEventListener('click', async () => {
    csv.disabled = true;
    csvStatus.textContent = t('grid.csv_preparing');
    try {
      const name = await download(progressPath(id, query, 0), 'cohort-progress.csv');
      csvStatus.textContent = t('grid.csv_done', { Name: name });
    } catch (err) {
      csvStatus.textContent = t('grid.csv_failed', { Reason: err.message });
    } finally {
      csv.disabled = false;
    }
  });
  let head = cohortHead(cohort, cohort.name, all);
  const node = h('div', { className: 'page' },
    head,
    cohortNav(cohort, 'progress'),
    // A new cohort starts with inviting its learners.
    dashboard.page.cohort_learners ? null : h('p', { className: 'notice no-members' },
      t('grid.nobody_yet'), ' ', h('a', { href: cohortHref(cohort.id, 'members') }, t('grid.invite')), t('grid.invite_end')),
    h('details', { className: 'cohort-settings' },
      h('summary', {}, t('grid.settings')),
      cohortSettingsForm(cohort, (stored) => {
        const fresh = cohortHead(stored, stored.name, all);
        head.replaceWith(fresh);
        head = fresh;
        setTitle(stored.name);
      })),
    h('section', { 'aria-labelledby': 'progress-heading' },
      h('div', { className: 'section-head' },
        h('h2', { id: 'progress-heading' }, t('grid.progress')),
        h('div', { className: 'section-actions' }, csv, csvStatus)),
      h('p', { className: 'hint' }, t('grid.hint')),
      sittings.length ? h('p', { className: 'notice cohort-accommodation' }, t('grid.every_member', { Allowances: sittings.join('; ') })) : null,
      gridArea));
  return { title: cohort.name, node };
}
