// @ts-check
// A team's work on a lab, under the lab's views for a learner in a team: the issue log, where
// each issue pins the current threshold and one clinical and one technical member confirm its
// severity (disagreement shown), and proposed fixes scored on the hidden test set, with the
// original and the fixed model side by side.
import { api } from '../api.js';
import { disciplineGroup } from '../session.js';
import { h, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { formatNumber, t } from '../i18n.js';

/** fixName names a kind of fix (recalibration, group_recalibration, group_thresholds, drop_feature, review_band, label). */
const fixName = (/** @type {string} */ fix) => t(`lab.fix_${fix}`);
/** viewName names one of a lab's views (threshold, curves, calibration, decision_curve, subgroups, fairness, coefficients). */
const viewName = (/** @type {string} */ view) => t(`lab.view_${view}`);
/** subgroupName names one of a lab's subgroups (age_band, sex, skin_tone, ethnicity, urgency, ward). */
const subgroupName = (/** @type {string} */ subgroup) => t(`lab.subgroup_${subgroup}`);
/**
 * featureLabel names a feature of the model in the reader's language; a feature these messages
 * do not know keeps the server's English label.
 * @param {{name: string, label: string}} feature
 */
function featureLabel(feature) {
  const id = `lab.feature_${feature.name}`;
  const text = t(id);
  return text === id ? feature.label : text;
}
/** severityOptions are the five levels of severity, 0 to 4, as select options. */
const severityOptions = () => [0, 1, 2, 3, 4].map((i) => [String(i), t(`lab.severity_${i}`)]);

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '–' : formatNumber(v, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
/** fixedDigits writes v with exactly digits decimals, the reader's way. */
const fixedDigits = (/** @type {number} */ v, /** @type {number} */ digits) => formatNumber(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** field wraps a labelled control for form errors (data-field is the API's field name). */
function field(name, label, control) {
  return h('div', { className: 'field', 'data-field': name }, h('label', { for: control.id }, label), control);
}

/** choices builds a select with an id. */
function choices(options, first = null) {
  return h('select', { id: uid('sel') }, first && h('option', { value: '' }, first),
    options.map(([value, label]) => h('option', { value }, label)));
}

/**
 * labTeamwork returns the team section of a lab page for the signed-in user, or null when they
 * are in no team. threshold() is the slider's current threshold.
 * @param {any} lab
 * @param {any} user
 * @param {() => number} threshold
 */
export async function labTeamwork(lab, user, threshold) {
  const { items } = await api('/me/teams');
  if (!items.length) return null;
  const team = items[0];
  const base = `/teams/${encodeURIComponent(team.id)}/labs/${encodeURIComponent(lab.slug)}`;
  const side = disciplineGroup(user.discipline);
  const issueList = h('ol', { className: 'lab-issues' });
  const proposalList = h('div', { className: 'lab-proposals' });
  const reload = async () => {
    const [issues, proposals] = await Promise.all([api(`${base}/issues`), api(`${base}/proposals`)]);
    issueList.replaceChildren(...issues.items.map((it) => issueItem(it, side, base, reload)));
    proposalList.replaceChildren(...proposals.items.map((p, i) => proposalView(p, i === 0, base)));
  };
  await reload();
  return h('section', { className: 'lab-team', 'aria-labelledby': 'lab-team-title' },
    h('h2', { id: 'lab-team-title' }, t('lab.team_title', { Team: team.name })),
    h('h3', {}, t('lab.issue_log')), issueList, issueForm(lab, base, threshold, reload),
    h('h3', {}, t('lab.propose_fix')),
    h('p', { className: 'hint' }, t('lab.propose_hint')),
    proposalForm(lab, base, threshold, reload), proposalList);
}

/** issueItem shows one issue, both sides' ratings, and the caller's side's confirmation form. */
function issueItem(it, side, base, reload) {
  const rating = (s) => {
    const c = it.confirmations.find((x) => x.side === s);
    return c ? t('lab.rating_by', { Severity: c.severity, Name: c.by.name }) : t('lab.not_confirmed');
  };
  const agreement = t(`lab.agreement_${it.agreement}`);
  const sn = it.snapshot;
  const seen = [t('lab.seen_view', { View: viewName(sn.view) }), t('lab.seen_threshold', { Threshold: pct(sn.threshold) }), sn.subgroup && `${subgroupName(sn.subgroup)}${sn.group ? ` ${sn.group}` : ''}`].filter(Boolean).join(', ');
  const mine = it.confirmations.some((c) => c.side === side);
  return h('li', { className: 'lab-issue', 'data-agreement': it.agreement },
    h('h4', {}, it.title),
    h('p', {}, t('lab.issue_logged', { Severity: it.severity, Name: it.author.name, Seen: seen })),
    h('p', {}, t('lab.issue_cause', { Cause: it.cause })),
    h('p', {}, t('lab.issue_fix', { Fix: [it.fix && fixName(it.fix), it.fix_note].filter(Boolean).join('. ') })),
    h('p', { className: 'lab-confirmations' }, t('lab.issue_ratings', { Clinical: rating('clinical'), Technical: rating('technical'), Agreement: agreement })),
    (side === 'clinical' || side === 'technical') && !mine ? confirmForm(it, side, base, reload) : null);
}

function confirmForm(it, side, base, reload) {
  const severity = choices(severityOptions());
  severity.value = String(it.severity);
  const form = h('form', { className: 'lab-confirm', novalidate: true },
    field('severity', t(`lab.your_rating_${side}`), severity),
    h('button', { type: 'submit', className: 'button' }, t('lab.confirm_severity')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await sendForm(form, errors, async () => {
      await api(`${base}/issues/${encodeURIComponent(it.id)}/confirmations`, { method: 'POST', body: { severity: Number(severity.value) } });
      await reload();
    });
  });
  return form;
}

function issueForm(lab, base, threshold, reload) {
  const title = h('input', { id: uid('title'), maxlength: '200' });
  const view = choices(lab.views.map((v) => [v, viewName(v)]));
  const subgroup = choices(lab.subgroups.map((s) => [s, subgroupName(s)]), t('lab.subgroup_none'));
  const severity = choices(severityOptions());
  const cause = h('textarea', { id: uid('cause'), rows: '3', maxlength: '4000' });
  const fix = choices(lab.fixes.map((f) => [f, fixName(f)]), t('lab.another_fix'));
  const note = h('textarea', { id: uid('note'), rows: '2', maxlength: '4000' });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'lab-issue-form', novalidate: true },
    field('title', t('lab.issue_title'), title), field('snapshot.view', t('lab.issue_view'), view),
    field('snapshot.subgroup', t('lab.issue_subgroup'), subgroup), field('severity', t('lab.issue_severity'), severity),
    field('cause', t('lab.issue_cause_label'), cause), field('fix', t('lab.issue_fix_label'), fix), field('fix_note', t('lab.issue_fix_note'), note),
    h('p', { className: 'hint' }, t('lab.issue_threshold_hint')),
    h('button', { type: 'submit', className: 'button' }, t('lab.issue_log_button')), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { title: title.value, severity: Number(severity.value), cause: cause.value, fix: fix.value || undefined,
      fix_note: note.value || undefined, snapshot: { view: view.value, threshold: threshold(), subgroup: subgroup.value || undefined } };
    if (await sendForm(form, errors, async () => {
      await api(`${base}/issues`, { method: 'POST', body });
      await reload();
    }, { status, busy: t('lab.issue_logging') })) {
      status.textContent = t('lab.issue_logged_status');
      form.reset();
    }
  });
  return form;
}

function proposalForm(lab, base, threshold, reload) {
  const fix = choices(lab.fixes.map((f) => [f, fixName(f)]));
  const subgroup = choices(lab.subgroups.map((s) => [s, subgroupName(s)]));
  const group = h('input', { id: uid('group') });
  const groupThreshold = h('input', { id: uid('gt'), type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const feature = choices((lab.features[lab.model] || []).map((f) => [f.name, featureLabel(f)]));
  const lower = h('input', { id: uid('lower'), type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const upper = h('input', { id: uid('upper'), type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const parts = {
    subgroup: field('subgroup', t('lab.proposal_subgroup'), subgroup), group: field(`thresholds`, t('lab.proposal_group'), group),
    groupThreshold: field('threshold_group', t('lab.proposal_group_threshold'), groupThreshold),
    feature: field('feature', t('lab.proposal_feature'), feature),
    lower: field('review_band', t('lab.proposal_band_from'), lower), upper: field('review_band_upper', t('lab.proposal_band_to'), upper),
  };
  const uses = {
    group_recalibration: ['subgroup'], group_thresholds: ['subgroup', 'group', 'groupThreshold'], drop_feature: ['feature'],
    review_band: ['lower', 'upper'],
  };
  const showParts = () => {
    for (const [name, node] of Object.entries(parts)) node.hidden = !(uses[fix.value] || []).includes(name);
  };
  fix.addEventListener('change', showParts);
  showParts();
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'lab-proposal-form', novalidate: true },
    field('fix', t('lab.proposal_fix'), fix), Object.values(parts),
    h('p', { className: 'hint' }, t('lab.proposal_hint')),
    h('button', { type: 'submit', className: 'button' }, t('lab.proposal_score')), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { fix: fix.value, threshold: threshold() };
    const used = uses[fix.value] || [];
    if (used.includes('subgroup')) body.subgroup = subgroup.value;
    if (used.includes('group')) body.thresholds = { [group.value.trim()]: Number(groupThreshold.value) / 100 };
    if (used.includes('feature')) body.feature = feature.value;
    if (used.includes('lower')) body.review_band = { lower: Number(lower.value) / 100, upper: Number(upper.value) / 100 };
    if (fix.value === 'label') body.label = 'reviewed';
    if (await sendForm(form, errors, async () => {
      await api(`${base}/proposals`, { method: 'POST', body });
      await reload();
    }, { status, busy: t('lab.proposal_scoring') })) status.textContent = t('lab.proposal_scored');
  });
  return form;
}

/** submitButton sends a proposal, its figures and the issue log to review as a version of the lab's exercise. */
function submitButton(p, base) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button lab-submit' }, t('lab.submit'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('common.sending');
    try {
      const sub = await api(`${base}/submissions`, { method: 'POST', body: { proposal: p.id } });
      status.textContent = t('lab.submit_sent', { Version: sub.version });
    } catch (err) {
      status.textContent = t('lab.submit_not_sent', { Reason: err.message });
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {}, button, status);
}

/** proposalView shows a proposal's figures beside the original's. */
function proposalView(p, open, base) {
  const o = p.outcome;
  /** @type {Array<[string, (f: any) => string]>} */
  const rows = [
    ['AUROC', (f) => fixedDigits(f.auroc, 3)], [t('lab.measure_decided'), (f) => formatNumber(f.point.n)],
    [t('lab.sensitivity'), (f) => pct(f.point.sensitivity.value)], [t('lab.specificity'), (f) => pct(f.point.specificity.value)],
    [t('lab.ppv'), (f) => pct(f.point.ppv.value)], [t('lab.alerts_per_shift'), (f) => fixedDigits(f.point.alerts_per_shift, 1)],
    [t('lab.net_benefit'), (f) => fixedDigits(f.point.net_benefit * 100, 2)],
    [t('lab.measure_calibration'), (f) => t('lab.measure_against', { Expected: pct(f.calibration.expected), Observed: pct(f.calibration.observed) })],
  ];
  return h('details', { className: 'lab-proposal', open },
    h('summary', {}, t('lab.proposed_by', { Fix: fixName(p.fix), Name: p.author.name })),
    h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('lab.test_figures') },
      h('table', { className: 'lab-outcome' },
        h('caption', {}, t(o.label === 'reviewed' ? 'lab.test_caption_reviewed' : 'lab.test_caption', { Count: o.original.n, Threshold: pct(o.threshold) })),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('lab.col_measure')), h('th', { scope: 'col' }, t('lab.col_original')), h('th', { scope: 'col' }, t('lab.col_fixed')))),
        h('tbody', {}, rows.map(([label, of]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, of(o.original)), h('td', {}, of(o.fixed))))))),
    submitButton(p, base),
    o.review && h('p', {}, t('lab.review_band', { Count: o.review.cases.num, Total: o.review.cases.den, Share: pct(o.review.cases.value),
      Reviews: fixedDigits(o.review.per_shift, 1), Events: o.review.events_reviewed })));
}
