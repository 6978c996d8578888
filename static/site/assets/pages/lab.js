// @ts-check
// One prototype lab (/labs/:slug): a model's scores on synthetic validation patients, with a
// keyboard-operable threshold slider that redraws the confusion matrix, the metrics (or the
// same numbers as patients), and the operating point on the ROC, precision-recall and decision
// curves. Every number comes from the server: the slider reads the sweep it sent. A learner in
// a team also finds the team's issue log and proposed fixes below.
import { api, catalogue } from '../api.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { fixed, lineChart } from '../components/lab-chart.js';
import { labCards } from '../components/lab-cards.js';
import { labTeamwork } from '../components/lab-team.js';
import { h, minutes, rendered } from '../dom.js';
import { currentUser } from '../session.js';
import { formatNumber, t } from '../i18n.js';

/** @param {number | null} v */
const pct = (v) => (v === null || v === undefined ? '–' : formatNumber(v, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
/** whole writes a share as a whole percentage. */
const whole = (/** @type {number} */ v) => formatNumber(Math.round(v * 100) / 100, { style: 'percent', maximumFractionDigits: 0 });
/** fixedDigits writes v with exactly digits decimals, the reader's way. */
const fixedDigits = (/** @type {number} */ v, /** @type {number} */ digits) => formatNumber(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });

export default async function labPage({ slug }) {
  const path = `/labs/${encodeURIComponent(slug)}`;
  const [lab, m] = await Promise.all([catalogue(path), api(`${path}/metrics`)]);
  const sw = m.sweep;
  const slider = h('input', { type: 'range', id: 'lab-threshold', min: '0', max: String(sw.thresholds.length - 1), step: '1',
    value: String(Math.round(lab.threshold * 100)), 'aria-describedby': 'lab-threshold-value' });
  const shown = h('output', { id: 'lab-threshold-value', for: 'lab-threshold' });
  const asPatients = h('input', { type: 'radio', name: 'lab-view', id: 'lab-view-patients', value: 'patients' });
  const asMetrics = h('input', { type: 'radio', name: 'lab-view', id: 'lab-view-metrics', value: 'metrics', checked: true });
  const cells = { tp: h('td', {}), fn: h('td', {}), fp: h('td', {}), tn: h('td', {}) };
  const caption = h('caption', {});
  const metricsList = h('dl', { className: 'lab-metrics' });
  const patientsText = h('div', { className: 'lab-patients', hidden: true });
  const summary = h('p', { className: 'lab-summary', 'aria-live': 'polite' });
  const charts = buildCharts(m);

  const draw = () => {
    const i = Number(slider.value);
    const threshold = sw.thresholds[i];
    shown.textContent = whole(threshold);
    slider.setAttribute('aria-valuetext', t('lab.threshold_valuetext', { Percent: whole(threshold) }));
    caption.textContent = t('lab.confusion_caption', { Percent: whole(threshold) });
    cells.tp.textContent = String(sw.tp[i]);
    cells.fn.textContent = String(sw.fn[i]);
    cells.fp.textContent = String(sw.fp[i]);
    cells.tn.textContent = String(sw.tn[i]);
    metricsList.replaceChildren(...metricRows(sw, i));
    patientsText.replaceChildren(...patientSentences(sw, i));
    summary.textContent = t('lab.flagged_summary', { Count: sw.tp[i] + sw.fp[i], Total: m.point.n, Events: sw.tp[i], Deteriorated: m.point.events });
    const spec = sw.specificity[i];
    const sens = sw.sensitivity[i];
    charts.roc.setMarker(spec === null || sens === null ? null : { x: 1 - spec, y: sens });
    charts.pr.setMarker(sens === null || sw.ppv[i] === null ? null : { x: sens, y: sw.ppv[i] });
    charts.decision.setMarker(threshold > 0 && threshold <= 0.5 ? { x: threshold, y: sw.net_benefit[i] } : null);
  };
  slider.addEventListener('input', draw);
  const toggle = () => {
    patientsText.hidden = !asPatients.checked;
    metricsList.hidden = asPatients.checked;
  };
  asPatients.addEventListener('change', toggle);
  asMetrics.addEventListener('change', toggle);

  const node = h('div', { className: 'page lab-page' },
    breadcrumbs([[t('lab.labs'), '/labs']]),
    h('h1', {}, lab.title),
    h('p', { className: 'card-meta' }, t('lab.about_for_exercise', { Time: minutes(lab.minutes) }), ' ', h('a', { href: `/exercises/${encodeURIComponent(lab.exercise.slug)}` }, lab.exercise.title)),
    h('p', { className: 'notice' }, t('lab.synthetic_notice')),
    rendered('div', 'prose', lab.brief_html),
    h('section', { className: 'lab-controls', 'aria-labelledby': 'lab-controls-title' },
      h('h2', { id: 'lab-controls-title' }, t('lab.threshold_title')),
      h('label', { for: 'lab-threshold' }, t('lab.threshold_label')),
      h('div', { className: 'slider-row' }, slider, shown),
      h('fieldset', { className: 'lab-toggle' },
        h('legend', {}, t('lab.show_as')),
        h('label', {}, asMetrics, ` ${t('lab.show_metrics')}`),
        h('label', {}, asPatients, ` ${t('lab.show_patients')}`)),
      summary),
    h('section', { className: 'lab-results', 'aria-labelledby': 'lab-results-title' },
      h('h2', { id: 'lab-results-title' }, t('lab.at_threshold')),
      h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('lab.confusion_matrix') },
        h('table', { className: 'confusion' }, caption,
          h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, t('lab.flagged')), h('th', { scope: 'col' }, t('lab.not_flagged')))),
          h('tbody', {},
            h('tr', {}, h('th', { scope: 'row' }, t('lab.deteriorated')), cells.tp, cells.fn),
            h('tr', {}, h('th', { scope: 'row' }, t('lab.did_not_deteriorate')), cells.fp, cells.tn)))),
      metricsList, patientsText,
      h('p', { className: 'hint' }, t('lab.workload_assumptions', { Beds: m.workload.beds, ShiftHours: m.workload.shift_hours, StayHours: m.workload.stay_hours }))),
    h('section', { className: 'lab-charts', 'aria-labelledby': 'lab-charts-title' },
      h('h2', { id: 'lab-charts-title' }, t('lab.curves')),
      charts.roc.node, charts.pr.node, charts.calibration.node, charts.decision.node));
  draw();
  const user = currentUser();
  if (user && user.roles.some((r) => r === 'instructor' || r === 'admin')) {
    debriefLinks(lab).then((section) => section && node.append(section)).catch(() => null);
  }
  if (user) {
    labCards(lab)
      .catch(() => null)
      .then((cards) => cards && node.append(cards))
      .then(() => labTeamwork(lab, user, () => sw.thresholds[Number(slider.value)]))
      .then((section) => section && node.append(section))
      .catch(() => null);
  }
  return { title: lab.title, node };
}

/** debriefLinks lists, for an instructor, this lab's debrief in each cohort they teach. */
async function debriefLinks(lab) {
  const { items } = await api('/cohorts');
  const taught = items.filter((c) => c.role === 'instructor');
  if (!taught.length) return null;
  return h('section', { className: 'lab-debrief-links', 'aria-labelledby': 'lab-debrief-title' },
    h('h2', { id: 'lab-debrief-title' }, t('lab.debrief_cohorts')),
    h('ul', {}, taught.map((c) => h('li', {}, h('a', { href: `/teach/cohorts/${encodeURIComponent(c.id)}/labs/${encodeURIComponent(lab.slug)}` }, c.name)))));
}

/** metricRows lists the metrics at sweep step i. */
function metricRows(sw, i) {
  const rows = [
    [t('lab.sensitivity'), pct(sw.sensitivity[i])], [t('lab.specificity'), pct(sw.specificity[i])],
    [t('lab.ppv'), pct(sw.ppv[i])], [t('lab.npv'), pct(sw.npv[i])],
    [t('lab.alerts_per_shift'), fixedDigits(sw.alerts_per_shift[i], 1)],
    [t('lab.nne'), sw.nne[i] === null ? '–' : fixedDigits(sw.nne[i], 1)],
    [t('lab.net_benefit'), t('lab.net_benefit_value', { Model: fixedDigits(sw.net_benefit[i] * 100, 2), All: fixedDigits(sw.net_benefit_treat_all[i] * 100, 2), None: formatNumber(0) })],
  ];
  return rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]);
}

/** patientSentences says the same numbers per 100 patients like these. */
function patientSentences(sw, i) {
  const n = sw.tp[i] + sw.fp[i] + sw.fn[i] + sw.tn[i];
  const per100 = (/** @type {number} */ k) => {
    const v = (k * 100) / n;
    return v > 0 && v < 0.5 ? t('lab.fewer_than_one') : formatNumber(Math.round(v));
  };
  const flagged = sw.tp[i] + sw.fp[i];
  return [
    h('p', {}, t('lab.per100_flagged', { Flagged: per100(flagged), True: per100(sw.tp[i]) })),
    h('p', {}, t('lab.per100_missed', { Missed: per100(sw.fn[i]), Spared: per100(sw.tn[i]) })),
    h('p', {}, sw.nne[i] === null ? t('lab.per100_none')
      : t('lab.per100_nne', { NNE: fixedDigits(sw.nne[i], 1) })),
    h('p', {}, t('lab.per100_alerts', { Alerts: fixedDigits(sw.alerts_per_shift[i], 1) })),
  ];
}

/** buildCharts draws the four curves once; the slider only moves their markers. */
function buildCharts(m) {
  const xy = (/** @type {{x: number, y: number}[]} */ pts) => pts.map((p) => [fixed(p.x), fixed(p.y)]);
  const cal = m.calibration;
  const calMax = Math.min(1, Math.max(0.1, ...cal.bins.map((b) => Math.max(b.predicted, b.observed.value || 0))) * 1.1);
  const dc = m.decision_curve;
  const nbMax = Math.max(0.02, ...dc.map((d) => d.model), dc[0].treat_all);
  return {
    roc: lineChart({ title: t('lab.chart_roc', { AUROC: fixedDigits(m.auroc, 3) }), x: t('lab.one_minus_specificity'), y: t('lab.sensitivity'), xMax: 1, yMax: 1,
      series: [{ name: t('lab.chart_model'), points: m.roc, kind: 'model' }, { name: t('lab.chart_chance'), points: [{ x: 0, y: 0 }, { x: 1, y: 1 }], kind: 'reference' }],
      columns: [t('lab.one_minus_specificity'), t('lab.sensitivity')], rows: xy(m.roc) }),
    pr: lineChart({ title: t('lab.chart_pr'), x: t('lab.chart_recall'), y: t('lab.chart_precision'), xMax: 1, yMax: 1,
      series: [{ name: t('lab.chart_model'), points: m.pr, kind: 'model' }], columns: [t('lab.sensitivity'), t('lab.chart_ppv')], rows: xy(m.pr) }),
    calibration: lineChart({ title: t('lab.chart_calibration', { Slope: cal.slope === null ? '–' : fixedDigits(cal.slope, 2), Intercept: cal.intercept === null ? '–' : fixedDigits(cal.intercept, 2) }),
      x: t('lab.part_risk'), y: t('lab.chart_observed_rate'), xMax: calMax, yMax: calMax,
      series: [{ name: t('lab.chart_model_by_tenth'), points: cal.bins.map((b) => ({ x: b.predicted, y: b.observed.value })), kind: 'model', dots: true },
        { name: t('lab.chart_perfect_calibration'), points: [{ x: 0, y: 0 }, { x: calMax, y: calMax }], kind: 'reference' }],
      columns: [t('lab.chart_col_patients'), t('lab.chart_col_events'), t('lab.chart_col_mean_predicted'), t('lab.chart_col_observed'), t('lab.chart_col_interval')],
      rows: cal.bins.map((b) => [b.n, b.events, pct(b.predicted), pct(b.observed.value), `${pct(b.observed.ci_low)}–${pct(b.observed.ci_high)}`]) }),
    decision: lineChart({ title: t('lab.chart_decision'), x: t('lab.chart_threshold_probability'), y: t('lab.chart_net_benefit'), xMax: 0.5, yMin: -0.05, yMax: nbMax,
      series: [{ name: t('lab.chart_model'), points: dc.map((d) => ({ x: d.threshold, y: d.model })), kind: 'model' },
        { name: t('lab.chart_review_everyone'), points: dc.map((d) => ({ x: d.threshold, y: d.treat_all })), kind: 'all' },
        { name: t('lab.chart_review_no_one'), points: dc.map((d) => ({ x: d.threshold, y: d.treat_none })), kind: 'reference' }],
      columns: [t('lab.chart_threshold'), t('lab.chart_model'), t('lab.chart_review_everyone'), t('lab.chart_review_no_one')],
      rows: dc.map((d) => [pct(d.threshold), fixed(d.model, 4), fixed(d.treat_all, 4), fixed(d.treat_none, 1)]) }),
  };
}
