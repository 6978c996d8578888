// @ts-check
// A lab's debrief for a cohort's instructors (/teach/cohorts/:id/labs/:slug): every team's
// latest operating point on the hidden test set, original and fixed, on one plot with its data
// as a table; the issues by severity and discipline; each side's runs of the patient cards;
// and the same per team as a CSV.
import { api, catalogue, download } from '../api.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { fixed, lineChart } from '../components/lab-chart.js';
import { h } from '../dom.js';

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);
/** @param {number | null | undefined} v */
const num = (v) => (v === null || v === undefined ? '–' : v.toFixed(1));

export default async function labDebriefPage({ id, slug }) {
  const [cohort, lab, d] = await Promise.all([api(`/cohorts/${encodeURIComponent(id)}`), catalogue(`/labs/${encodeURIComponent(slug)}`),
    api(`/cohorts/${encodeURIComponent(id)}/labs/${encodeURIComponent(slug)}/debrief`)]);
  const proposed = d.teams.filter((t) => t.original && t.fixed && t.original.specificity !== null && t.fixed.specificity !== null);
  const point = (/** @type {any} */ p) => ({ x: 1 - p.specificity, y: p.sensitivity ?? 0 });
  const chart = lineChart({ title: 'Operating points on the hidden test set', x: '1 − specificity', y: 'Sensitivity', xMax: 1, yMax: 1,
    series: [{ name: 'Original model', points: proposed.map((t) => point(t.original)), kind: 'reference', dots: true, line: false },
      { name: "Team's fix", points: proposed.map((t) => point(t.fixed)), kind: 'model', dots: true, line: false },
      { name: 'Chance', points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], kind: 'all' }],
    columns: ['Team', 'Fix', 'Threshold', 'Original 1 − specificity', 'Original sensitivity', 'Fixed 1 − specificity', 'Fixed sensitivity'],
    rows: proposed.map((t) => [t.name, t.fix, pct(t.threshold), fixed(1 - t.original.specificity), fixed(t.original.sensitivity ?? 0),
      fixed(1 - t.fixed.specificity), fixed(t.fixed.sensitivity ?? 0)]) });
  const status = h('p', { className: 'form-status', role: 'status' });
  const csv = h('button', { type: 'button', className: 'button button-secondary csv-download', id: 'lab-debrief-csv' }, 'Download as CSV');
  csv.addEventListener('click', async () => {
    csv.disabled = true;
    try {
      status.textContent = `Downloaded ${await download(`/cohorts/${encodeURIComponent(id)}/labs/${encodeURIComponent(slug)}/debrief?format=csv`, 'lab-debrief.csv')}.`;
    } catch (err) {
      status.textContent = `Not downloaded: ${err.message}`;
    } finally {
      csv.disabled = false;
    }
  });
  const table = (/** @type {string} */ label, /** @type {string[]} */ columns, /** @type {any[][]} */ rows) =>
    h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label },
      h('table', {}, h('caption', {}, label), h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, String(head)), cells.map((c) => h('td', {}, String(c))))))));
  const node = h('div', { className: 'page lab-debrief' },
    breadcrumbs([['Teaching', '/teach'], [cohort.name, `/teach/cohorts/${encodeURIComponent(id)}`]]),
    h('h1', {}, `Debrief: ${lab.title}`),
    h('p', {}, `${d.teams.length} teams; ${proposed.length} have proposed a fix. Each team's latest proposal is shown.`),
    chart.node,
    h('h2', {}, 'Issues by severity and discipline'),
    table('Issues logged at each severity by their author, and each side’s confirmations',
      ['Severity', 'Logged by clinical members', 'Logged by technical members', 'Clinical confirmations', 'Technical confirmations'],
      d.severities.map((s) => [s.severity, s.logged_clinical, s.logged_technical, s.confirmed_clinical, s.confirmed_technical])),
    h('h2', {}, 'Patient cards by discipline'),
    table('Runs of the patient cards by each side: time per card, workload (raw NASA-TLX, 0 to 100) and decisions',
      ['Discipline', 'Runs started', 'Finished', 'Rated', 'Seconds per card', 'Raw TLX', 'Acted on patients who deteriorated', 'Acted on patients who did not'],
      d.cards.map((c) => [c.group, c.runs, c.finished, c.rated, num(c.mean_seconds_per_card), num(c.mean_raw_tlx),
        `${c.acted_on_events} of ${c.events}`, `${c.acted_on_non_events} of ${c.non_events}`])),
    h('h2', {}, 'Teams'),
    table('Each team’s issues', ['Team', 'Issues', 'Both sides agree', 'Sides disagree', 'Waiting for a side'],
      d.teams.map((t) => [t.name, t.issues, t.agreed, t.disagreed, t.pending])),
    csv, status);
  return { title: `Debrief: ${lab.title}`, node };
}
