// @ts-check
// A team's work on a lab, under the lab's views for a learner in a team: the issue log, where
// each issue pins the current threshold and one clinical and one technical member confirm its
// severity (disagreement shown), and proposed fixes scored on the hidden test set, with the
// original and the fixed model side by side.
import { api } from '../api.js';
import { disciplineGroup } from '../session.js';
import { h, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';

const FIXES = {
  recalibration: 'Recalibrate the model', group_recalibration: 'Recalibrate each group of a subgroup',
  group_thresholds: 'A different threshold for one group', drop_feature: 'Drop a feature and refit',
  review_band: 'Send a band around the threshold to human review', label: 'Learn the reviewed label instead',
};
const SEVERITIES = ['0 – no problem', '1 – cosmetic', '2 – minor', '3 – major', '4 – a danger to patients'];

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

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
    h('h2', { id: 'lab-team-title' }, `Your team's work: ${team.name}`),
    h('h3', {}, 'Issue log'), issueList, issueForm(lab, base, threshold, reload),
    h('h3', {}, 'Propose a fix'),
    h('p', { className: 'hint' }, 'Tandem applies the fix and scores the model as it is and as fixed on a hidden test set of patients that never leaves the server.'),
    proposalForm(lab, base, threshold, reload), proposalList);
}

/** issueItem shows one issue, both sides' ratings, and the caller's side's confirmation form. */
function issueItem(it, side, base, reload) {
  const rating = (s) => {
    const c = it.confirmations.find((x) => x.side === s);
    return c ? `${c.severity} (${c.by.name})` : 'not yet confirmed';
  };
  const agreement = { pending: 'Waiting for both sides.', agreed: 'Both sides agree.', disagreed: 'The two sides disagree.' }[it.agreement];
  const sn = it.snapshot;
  const seen = [`${sn.view} view`, `threshold ${pct(sn.threshold)}`, sn.subgroup && `${sn.subgroup}${sn.group ? ` ${sn.group}` : ''}`].filter(Boolean).join(', ');
  const mine = it.confirmations.some((c) => c.side === side);
  return h('li', { className: 'lab-issue', 'data-agreement': it.agreement },
    h('h4', {}, it.title),
    h('p', {}, `Severity ${it.severity}, logged by ${it.author.name} (${seen}).`),
    h('p', {}, `Suspected cause: ${it.cause}`),
    h('p', {}, `Proposed fix: ${[it.fix && FIXES[it.fix], it.fix_note].filter(Boolean).join('. ')}`),
    h('p', { className: 'lab-confirmations' }, `Clinical rating: ${rating('clinical')}. Technical rating: ${rating('technical')}. ${agreement}`),
    (side === 'clinical' || side === 'technical') && !mine ? confirmForm(it, side, base, reload) : null);
}

function confirmForm(it, side, base, reload) {
  const severity = choices(SEVERITIES.map((label, i) => [String(i), label]));
  severity.value = String(it.severity);
  const form = h('form', { className: 'lab-confirm', novalidate: true },
    field('severity', `Your ${side} rating of its severity`, severity),
    h('button', { type: 'submit', className: 'button' }, 'Confirm severity'));
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
  const view = choices(lab.views.map((v) => [v, v.replace('_', ' ')]));
  const subgroup = choices(lab.subgroups.map((s) => [s, s.replace('_', ' ')]), 'None');
  const severity = choices(SEVERITIES.map((label, i) => [String(i), label]));
  const cause = h('textarea', { id: uid('cause'), rows: '3', maxlength: '4000' });
  const fix = choices(lab.fixes.map((f) => [f, FIXES[f]]), 'Another fix (describe it below)');
  const note = h('textarea', { id: uid('note'), rows: '2', maxlength: '4000' });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'lab-issue-form', novalidate: true },
    field('title', 'What did you see?', title), field('snapshot.view', 'In which view', view),
    field('snapshot.subgroup', 'For which subgroup', subgroup), field('severity', 'Severity', severity),
    field('cause', 'Suspected cause', cause), field('fix', 'Proposed fix', fix), field('fix_note', 'Describe the fix (optional with a fix above)', note),
    h('p', { className: 'hint' }, 'The issue records the threshold the slider shows now.'),
    h('button', { type: 'submit', className: 'button' }, 'Log the issue'), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { title: title.value, severity: Number(severity.value), cause: cause.value, fix: fix.value || undefined,
      fix_note: note.value || undefined, snapshot: { view: view.value, threshold: threshold(), subgroup: subgroup.value || undefined } };
    if (await sendForm(form, errors, async () => {
      await api(`${base}/issues`, { method: 'POST', body });
      await reload();
    }, { status, busy: 'Logging…' })) {
      status.textContent = 'Logged. A clinical and a technical member now confirm its severity.';
      form.reset();
    }
  });
  return form;
}

function proposalForm(lab, base, threshold, reload) {
  const fix = choices(lab.fixes.map((f) => [f, FIXES[f]]));
  const subgroup = choices(lab.subgroups.map((s) => [s, s.replace('_', ' ')]));
  const group = h('input', { id: uid('group') });
  const groupThreshold = h('input', { id: uid('gt'), type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const feature = choices((lab.features[lab.model] || []).map((f) => [f.name, f.label]));
  const lower = h('input', { id: uid('lower'), type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const upper = h('input', { id: uid('upper'), type: 'number', min: '0', max: '100', step: '1', inputmode: 'numeric' });
  const parts = {
    subgroup: field('subgroup', 'Subgroup', subgroup), group: field(`thresholds`, 'Group (as the subgroup table names it)', group),
    groupThreshold: field('threshold_group', "That group's threshold, in %", groupThreshold),
    feature: field('feature', 'Feature to drop', feature),
    lower: field('review_band', 'Review band from, in %', lower), upper: field('review_band_upper', 'up to, in %', upper),
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
    field('fix', 'Fix', fix), Object.values(parts),
    h('p', { className: 'hint' }, 'Both models are scored at the threshold the slider shows now.'),
    h('button', { type: 'submit', className: 'button' }, 'Score on the test set'), status);
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
    }, { status, busy: 'Scoring…' })) status.textContent = 'Scored: the figures are below.';
  });
  return form;
}

/** submitButton sends a proposal, its figures and the issue log to review as a version of the lab's exercise. */
function submitButton(p, base) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button lab-submit' }, 'Send this fix and the issue log for review');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Sending…';
    try {
      const sub = await api(`${base}/submissions`, { method: 'POST', body: { proposal: p.id } });
      status.textContent = `Sent as version ${sub.version} of the exercise; your instructor reviews it.`;
    } catch (err) {
      status.textContent = `Not sent: ${err.message}`;
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
    ['AUROC', (f) => f.auroc.toFixed(3)], ['Patients the model decides', (f) => String(f.point.n)],
    ['Sensitivity', (f) => pct(f.point.sensitivity.value)], ['Specificity', (f) => pct(f.point.specificity.value)],
    ['Positive predictive value', (f) => pct(f.point.ppv.value)], ['Alerts per 10 beds per 12-hour shift', (f) => f.point.alerts_per_shift.toFixed(1)],
    ['Net benefit per 100 patients', (f) => (f.point.net_benefit * 100).toFixed(2)],
    ['Mean predicted risk against the event rate', (f) => `${pct(f.calibration.expected)} against ${pct(f.calibration.observed)}`],
  ];
  return h('details', { className: 'lab-proposal', open },
    h('summary', {}, `${FIXES[p.fix]}, proposed by ${p.author.name}`),
    h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Test-set figures' },
      h('table', { className: 'lab-outcome' },
        h('caption', {}, `Hidden test set, ${o.original.n} patients, threshold ${pct(o.threshold)}${o.label === 'reviewed' ? ', reviewed label' : ''}`),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Measure'), h('th', { scope: 'col' }, 'Original'), h('th', { scope: 'col' }, 'Fixed'))),
        h('tbody', {}, rows.map(([label, of]) => h('tr', {}, h('th', { scope: 'row' }, label), h('td', {}, of(o.original)), h('td', {}, of(o.fixed))))))),
    submitButton(p, base),
    o.review && h('p', {}, `The review band sends ${o.review.cases.num} of ${o.review.cases.den} patients (${pct(o.review.cases.value)}) to a person: about ${o.review.per_shift.toFixed(1)} reviews per 10 beds per 12-hour shift, ${o.review.events_reviewed} of them deteriorated.`));
}
