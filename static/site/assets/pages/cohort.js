// A cohort's progress and members (/teach/cohorts/:id), for its instructors: learners added by
// pasting their email addresses, the cohort's settings, and the progress grid per learner,
// module and discipline with its CSV download.
import { api, download } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { cohortSettingsForm } from '../components/cohort-settings.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { progressGrid } from '../components/progress-grid.js';
import { announce, h } from '../dom.js';
import { setTitle } from '../router.js';

export default async function cohortPage({ id }) {
  const [cohort, dashboard, all] = await Promise.all([
    api(`/cohorts/${encodeURIComponent(id)}`),
    api(`/cohorts/${encodeURIComponent(id)}/progress`),
    tracks(),
  ]);
  const gridArea = h('div', { className: 'grid-area' }, progressGrid(dashboard, all));
  const redraw = async () => {
    const fresh = await api(`/cohorts/${encodeURIComponent(id)}/progress`);
    gridArea.replaceChildren(progressGrid(fresh, all));
  };
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
    // A new cohort starts with adding its learners; later the grid comes first.
    h('details', { className: 'add-members', open: dashboard.learners.length === 0 },
      h('summary', {}, 'Add learners by email'),
      membersForm(cohort, redraw)),
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
      h('p', { className: 'hint' }, 'A module is complete when every lesson is done and its quiz passed. The rows at the top sum up each discipline.'),
      gridArea));
  return { title: cohort.name, node };
}

function membersForm(cohort, redraw) {
  const result = h('div', { className: 'members-result', tabindex: '-1' });
  const form = h('form', { id: 'members-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'emails' },
      h('label', { for: 'member-emails' }, 'Email addresses'),
      h('p', { className: 'hint', id: 'member-emails-hint' }, 'Paste them from a spreadsheet or an email: one per line, or separated by commas, semicolons or spaces. Learners need a Tandem account first.'),
      h('textarea', { id: 'member-emails', name: 'emails', rows: '5', spellcheck: 'false', 'aria-describedby': 'member-emails-hint' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Add to the cohort')),
    result);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = form.querySelector('#member-emails').value;
    // Pasted lists come as "Name <a@b.org>", quoted cells or plain addresses: keep what looks like an address.
    const emails = [...new Set((text.match(/[^\s,;<>"'()]+@[^\s,;<>"'()]+/g) || []).map((e) => e.toLowerCase()))];
    if (!emails.length) {
      errors.show({ emails: 'Paste at least one email address.' });
      return;
    }
    errors.clear();
    await sendForm(form, errors, async () => {
      const res = await api(`/cohorts/${encodeURIComponent(cohort.id)}/members`, { method: 'POST', body: { emails } });
      form.querySelector('#member-emails').value = res.unknown.join('\n');
      result.replaceChildren(
        h('div', { className: 'notice notice-good', 'data-result': 'added' },
          h('p', { className: 'reply-title' }, res.added.length === 1 ? '1 learner added' : `${res.added.length} learners added`),
          res.added.length ? h('ul', { className: 'email-list' }, res.added.map((e) => h('li', {}, e))) : null),
        res.unknown.length ? h('div', { className: 'notice', 'data-result': 'unknown' },
          h('p', { className: 'reply-title' }, res.unknown.length === 1 ? '1 address has no account' : `${res.unknown.length} addresses have no account`),
          h('ul', { className: 'email-list' }, res.unknown.map((e) => h('li', {}, e))),
          h('p', {}, 'Ask these people to register on Tandem with this address, then add them again. They are left in the box above.')) : null);
      result.focus();
      announce(`${res.added.length} added, ${res.unknown.length} without an account.`);
      await redraw();
    });
  });
  return form;
}
