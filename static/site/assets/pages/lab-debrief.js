// @ts-check
// A lab's debrief for a cohort's instructors (/teach/cohorts/:id/labs/:slug): every team's
// latest operating point on the hidden test set, original and fixed, on one plot with its data
// as a table; the issues by severity and discipline; each side's runs of the patient cards;
// and the same per team as a CSV.
import { api, catalogue, download } from '../api.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { fixed, lineChart } from '../components/lab-chart.js';
import { h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '–' : formatNumber(v, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
/** @param {number | null | undefined} v */
const num = (v) => (v === null || v === undefined ? '–' : formatNumber(v, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
/** groupName names a discipline group (clinical, technical, other). */
const groupName = (/** @type {string} */ g) => t(`audience.${g}`);

export default async function labDebriefPage({ id, slug }) {
  const [cohort, lab, d] = await Promise.all([api(`/cohorts/${encodeURIComponent(id)}`), catalogue(`/labs/${encodeURIComponent(slug)}`),
    api(`/cohorts/${encodeURIComponent(id)}/labs/${encodeURIComponent(slug)}/debrief`)]);
  const proposed = d.teams.filter((tm) => tm.original && tm.fixed && tm.original.specificity !== null && tm.fixed.specificity !== null);
  const point = (/** @type {any} */ p) => ({ x: 1 - p.specificity, y: p.sensitivity ?? 0 });
  const chart = lineChart({ title: t('lab.debrief_chart'), x: t('lab.one_minus_specificity'), y: t('lab.sensitivity'), xMax: 1, yMax: 1,
    series: [{ name: t('lab.debrief_original_model'), points: proposed.map((tm) => point(tm.original)), kind: 'reference', dots: true, line: false },
      { name: t('lab.debrief_team_fix'), points: proposed.map((tm) => point(tm.fixed)), kind: 'model', dots: true, line: false },
      { name: t('lab.chart_chance'), points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], kind: 'all' }],
    columns: ['team', 'fix', 'threshold', 'original_fpr', 'original_sensitivity', 'fixed_fpr', 'fixed_sensitivity'].map((c) => t(`lab.debrief_col_${c}`)),
    rows: proposed.map((tm) => [tm.name, tm.fix, pct(tm.threshold), fixed(1 - tm.original.specificity), fixed(tm.original.sensitivity ?? 0),
      fixed(1 - tm.fixed.specificity), fixed(tm.fixed.sensitivity ?? 0)]) });
  const status = h('p', { className: 'form-status', role: 'status' });
  const csv = h('button', { type: 'button', className: 'button button-secondary csv-download', id: 'lab-debrief-csv' }, t('lab.debrief_csv'));
  csv.addEventListener('click', async () => {
    csv.disabled = true;
    try {
      status.textContent = t('lab.debrief_downloaded', { File: await download(`/cohorts/${encodeURIComponent(id)}/labs/${encodeURIComponent(slug)}/debrief?format=csv`, 'lab-debrief.csv') });
    } catch (err) {
      status.textContent = t('lab.debrief_not_downloaded', { Reason: err.message });
    } finally {
      csv.disabled = false;
    }
  });
  const table = (/** @type {string} */ label, /** @type {string[]} */ columns, /** @type {any[][]} */ rows) =>
    h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': label },
      h('table', {}, h('caption', {}, label), h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows.map(([head, ...cells]) => h('tr', {}, h('th', { scope: 'row' }, String(head)), cells.map((c) => h('td', {}, String(c))))))));
  const node = h('div', { className: 'page lab-debrief' },
    breadcrumbs([[t('header.teaching'), '/teach'], [cohort.name, `/teach/cohorts/${encodeURIComponent(id)}`]]),
    h('h1', {}, t('lab.debrief_title', { Lab: lab.title })),
    h('p', {}, t('lab.debrief_teams', { Count: d.teams.length, Proposed: proposed.length })),
    chart.node,
    h('h2', {}, t('lab.debrief_issues')),
    table(t('lab.debrief_issues_caption'),
      ['severity', 'logged_clinical', 'logged_technical', 'confirmed_clinical', 'confirmed_technical'].map((c) => t(`lab.debrief_col_${c}`)),
      d.severities.map((s) => [s.severity, s.logged_clinical, s.logged_technical, s.confirmed_clinical, s.confirmed_technical])),
    h('h2', {}, t('lab.debrief_cards')),
    table(t('lab.debrief_cards_caption'),
      ['discipline', 'runs', 'finished', 'rated', 'seconds', 'tlx', 'acted_events', 'acted_non_events'].map((c) => t(`lab.debrief_col_${c}`)),
      d.cards.map((c) => [groupName(c.group), c.runs, c.finished, c.rated, num(c.mean_seconds_per_card), num(c.mean_raw_tlx),
        t('lab.of', { Count: c.acted_on_events, Total: c.events }), t('lab.of', { Count: c.acted_on_non_events, Total: c.non_events })])),
    h('h2', {}, t('lab.debrief_teams_heading')),
    table(t('lab.debrief_teams_caption'), ['team', 'issues', 'agreed', 'disagreed', 'pending'].map((c) => t(`lab.debrief_col_${c}`)),
      d.teams.map((tm) => [tm.name, tm.issues, tm.agreed, tm.disagreed, tm.pending])),
    csv, status);
  return { title: t('lab.debrief_title', { Lab: lab.title }), node };
}
