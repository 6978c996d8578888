// A cohort's progress (/teach/cohorts/:id), for its instructors: the cohort's settings, and the
// progress grid per learner, module and discipline with its CSV download. Learners are invited
// on the members page; the grid shows those who joined, from the day they joined.
import { api, download } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortHref, cohortNav } from '../components/cohort-nav.js';
import { cohortSettingsForm } from '../components/cohort-settings.js';
import { allowanceText, progressGrid } from '../components/progress-grid.js';
import { h } from '../dom.js';
import { setTitle } from '../router.js';

export default async function cohortPage({ id }) {
  const [cohort, dashboard, all, accommodations] = await Promise.all([
    api(`/cohorts/${encodeURIComponent(id)}`),
    api(`/cohorts/${encodeURIComponent(id)}/progress`),
    tracks(),
    api(`/accommodations?cohort=${encodeURIComponent(id)}`),
  ]);
  const gridArea = h('div', { className: 'grid-area' }, progressGrid(dashboard, all, accommodations.items));
  const sittings = accommodations.items.filter((a) => !a.user).map(allowanceText);
  const csvStatus = h('p', { className: 'form-status', role: 'status' });
  const csv = h('button', { type: 'button', className: 'button button-secondary csv-download' }, 'Download as CSV');
  csv.addEventListener('click', async () => {
    csv.disabled = true;
    csvStatus.textContent = 'Preparing the file…';
    try {
      const name = await download(`/cohorts/${encodeURIComponent(id)}/progress?format=csv`, 'cohort-progress.csv');
      csvStatus.textContent = `Downloaded ${name}.`;
    } catch (err) {
      csvStatus.textContent = `Not downloaded: ${err.message}`;
    } finally {
      csv.disabled = false;
    }
  });
  let head = cohortHead(cohort, cohort.name, all);
  const node = h('div', { className: 'page' },
    head,
    cohortNav(cohort, 'progress'),
    // A new cohort starts with inviting its learners.
    dashboard.learners.length ? null : h('p', { className: 'notice no-members' },
      'No learner has joined yet. ', h('a', { href: cohortHref(cohort.id, 'members') }, 'Invite learners or share a join code'), '.'),
    h('details', { className: 'cohort-settings' },
      h('summary', {}, 'Name, dates and time zone'),
      cohortSettingsForm(cohort, (stored) => {
        const fresh = cohortHead(stored, stored.name, all);
        head.replaceWith(fresh);
        head = fresh;
        setTitle(stored.name);
      })),
    h('section', { 'aria-labelledby': 'progress-heading' },
      h('div', { className: 'section-head' },
        h('h2', { id: 'progress-heading' }, 'Progress'),
        h('div', { className: 'section-actions' }, csv, csvStatus)),
      h('p', { className: 'hint' }, 'A module is complete when every lesson is done and its quiz passed. Each learner’s work counts from the day they joined. The rows at the top sum up each discipline.'),
      sittings.length ? h('p', { className: 'notice cohort-accommodation' }, `Every member of the cohort: ${sittings.join('; ')}.`) : null,
      gridArea));
  return { title: cohort.name, node };
}
