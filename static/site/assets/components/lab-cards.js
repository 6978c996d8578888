// @ts-check
// Use the model as a clinician would: a run of eight synthetic patient cards in a display the
// learner chooses (which parts show, in what order, saved per lab). The learner acts or not;
// only then does the server say what happened. Time per card is measured here and sent with
// the decision; the run ends with the NASA-TLX workload rating (raw form).
import { api } from '../api.js';
import { announce, h, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';

const PARTS = {
  alert: 'The alert', risk: 'Predicted risk', vitals: 'Vital signs', context: 'Patient and ward',
  explanation: 'Why the model says so', alert_figures: 'What an alert means on the ward',
};
const TLX = [
  ['mental', 'Mental demand', 'How mentally demanding was the task?', 'Very low', 'Very high'],
  ['physical', 'Physical demand', 'How physically demanding was the task?', 'Very low', 'Very high'],
  ['temporal', 'Temporal demand', 'How hurried or rushed was the pace of the task?', 'Very low', 'Very high'],
  ['performance', 'Performance', 'How successful were you in accomplishing what you were asked to do?', 'Perfect', 'Failure'],
  ['effort', 'Effort', 'How hard did you have to work to accomplish your level of performance?', 'Very low', 'Very high'],
  ['frustration', 'Frustration', 'How insecure, discouraged, irritated, stressed and annoyed were you?', 'Very low', 'Very high'],
];

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '–' : `${(v * 100).toFixed(1)}%`);

/**
 * labCards returns the patient-card section of a lab page for a learner in a team, or null.
 * @param {any} lab
 */
export async function labCards(lab) {
  const { items } = await api('/me/teams');
  if (!items.length) return null;
  const runs = `/teams/${encodeURIComponent(items[0].id)}/labs/${encodeURIComponent(lab.slug)}/runs`;
  const display = await api(`/labs/${encodeURIComponent(lab.slug)}/display`);
  const stage = h('div', { className: 'lab-run', tabindex: '-1' });
  const start = h('button', { type: 'button', className: 'button', id: 'lab-run-start' }, 'Start a run of eight patients');
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      showRun(stage, await api(runs, { method: 'POST' }));
    } finally {
      start.disabled = false;
    }
  });
  return h('section', { className: 'lab-cards', 'aria-labelledby': 'lab-cards-title' },
    h('h2', { id: 'lab-cards-title' }, 'Use it as a clinician would'),
    h('p', {}, 'Eight synthetic patients arrive on the ward one at a time. Decide for each whether you would act now (call the outreach team, review the patient) or not; then see what happened. ',
      'A run is enriched on purpose: it holds more deteriorations than a ward would in so few patients.'),
    displayForm(lab, display), start, stage);
}

/** displayForm lets the learner choose the card's parts and their order; it saves on submit. */
function displayForm(lab, display) {
  /** @type {string[]} */
  let order = [...display.items, ...display.parts.filter((p) => !display.items.includes(p))];
  const shown = new Set(display.items);
  const list = h('ol', { className: 'lab-display-parts' });
  const status = h('p', { className: 'form-status', role: 'status' });
  const draw = (/** @type {string | null} */ focus) => {
    list.replaceChildren(...order.map((part, i) => {
      const box = h('input', { type: 'checkbox', id: `lab-part-${part}`, checked: shown.has(part) });
      box.addEventListener('change', () => (box.checked ? shown.add(part) : shown.delete(part)));
      const move = (/** @type {number} */ by, /** @type {string} */ label) => h('button', {
        type: 'button', className: 'button-secondary', 'data-move': `${part}:${by}`, disabled: i + by < 0 || i + by >= order.length,
        'aria-label': `Move ${PARTS[part]} ${label}`,
        onclick: () => {
          [order[i], order[i + by]] = [order[i + by], order[i]];
          draw(`${part}:${by}`);
        },
      }, label);
      return h('li', {}, h('label', { for: box.id }, box, ` ${PARTS[part]}`), h('span', { className: 'lab-display-moves' }, move(-1, 'up'), move(1, 'down')));
    }));
    // Keep the focus on the part just moved: on the same button, or on its other one at an end.
    const [part, by] = (focus || '').split(':');
    const again = focus && (list.querySelector(`[data-move="${focus}"]:not([disabled])`) || list.querySelector(`[data-move="${part}:${-Number(by)}"]`));
    if (again instanceof HTMLElement) again.focus();
  };
  draw(null);
  const form = h('form', { className: 'lab-display', id: 'lab-display-form', novalidate: true },
    h('fieldset', { 'data-field': 'items' }, h('legend', {}, 'What your cards show, from top to bottom'), list),
    h('button', { type: 'submit', className: 'button-secondary' }, 'Save my display'), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const items = order.filter((p) => shown.has(p));
    if (await sendForm(form, errors, async () => {
      const saved = await api(`/labs/${encodeURIComponent(lab.slug)}/display`, { method: 'PUT', body: { items } });
      order = [...saved.items, ...saved.parts.filter((p) => !saved.items.includes(p))];
      draw(null);
    }, { status, busy: 'Saving…' })) status.textContent = 'Saved. Your next run shows the cards this way.';
  });
  return form;
}

/** showRun draws a run's next card, or its end: the workload form, then the summary. */
function showRun(stage, run) {
  if (run.next) stage.replaceChildren(cardView(stage, run));
  else if (!run.workload) stage.replaceChildren(workloadForm(stage, run));
  else stage.replaceChildren(summary(run));
  const heading = stage.querySelector('h3');
  if (heading instanceof HTMLElement) {
    heading.tabIndex = -1;
    heading.focus();
  }
}

/** cardView shows one patient in the run's display, and the two decisions. */
function cardView(stage, run) {
  const card = run.next;
  const shownAt = performance.now();
  const decide = async (/** @type {boolean} */ act) => {
    for (const b of buttons.querySelectorAll('button')) b.disabled = true;
    const milliseconds = Math.min(3600000, Math.round(performance.now() - shownAt));
    try {
      const after = await api(`/lab-runs/${encodeURIComponent(run.id)}/decisions`, { method: 'POST', body: { position: card.position, act, milliseconds } });
      stage.replaceChildren(outcomeView(stage, after, after.decisions[after.decisions.length - 1]));
      const heading = stage.querySelector('h3');
      if (heading instanceof HTMLElement) {
        heading.tabIndex = -1;
        heading.focus();
      }
    } catch (err) {
      for (const b of buttons.querySelectorAll('button')) b.disabled = false;
      announce(err instanceof Error ? err.message : 'The decision was not saved.');
    }
  };
  const buttons = h('div', { className: 'lab-decide' },
    h('button', { type: 'button', className: 'button', id: 'lab-act', onclick: () => decide(true) }, 'Act now'),
    h('button', { type: 'button', className: 'button-secondary', id: 'lab-wait', onclick: () => decide(false) }, 'Do not act now'));
  return h('article', { className: 'lab-card', 'aria-labelledby': 'lab-card-title' },
    h('h3', { id: 'lab-card-title' }, `Patient ${card.position + 1} of ${run.total}`),
    card.order.map((part) => cardPart(part, card)), buttons);
}

/** cardPart renders one part of a card. */
function cardPart(part, card) {
  const dl = (/** @type {Array<[string, string]>} */ rows) => h('dl', { className: 'lab-card-facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  switch (part) {
    case 'alert':
      return h('p', { className: card.alert ? 'lab-card-alert is-on' : 'lab-card-alert' }, card.alert ? 'Deterioration alert: ON' : 'No alert');
    case 'risk':
      return dl([['Predicted risk of deterioration in 72 hours', pct(card.risk)]]);
    case 'vitals': {
      const v = card.vitals;
      return h('section', { 'aria-label': 'Vital signs' }, h('h4', {}, 'Last observations in recovery'),
        dl([['Mean arterial pressure', `${v.map} mmHg`], ['Heart rate', `${v.heart_rate} /min`], ['SpO₂ (pulse oximetry)', `${v.spo2}%`], ['Lactate', `${v.lactate.toFixed(1)} mmol/L`]]));
    }
    case 'context': {
      const c = card.context;
      return h('section', { 'aria-label': 'Patient and ward' }, h('h4', {}, 'Patient and ward'),
        dl([['Age', `${c.age}`], ['Sex', c.sex], ['ASA physical status', `${c.asa}`], ['Surgery', `${c.urgency} ${c.surgery}`],
          ['Ward', `${c.ward}, ${c.patients_per_nurse} patients per nurse`], ['Arterial line placed in theatre', c.arterial_line ? 'yes' : 'no']]));
    }
    case 'explanation':
      return h('section', { 'aria-label': 'Why the model says so' }, h('h4', {}, 'What moves this risk most'),
        h('ul', {}, card.explanation.map((x) => h('li', {}, `${x.label}: ${x.log_odds > 0 ? 'raises' : 'lowers'} the risk (log-odds ${x.log_odds > 0 ? '+' : '−'}${Math.abs(x.log_odds).toFixed(2)})`))));
    case 'alert_figures': {
      const f = card.alert_figures;
      return h('p', { className: 'hint' }, `At the ${pct(f.threshold)} threshold, ${pct(f.ppv.value)} of alerts are followed by a recorded deterioration, and a 10-bed ward gets about ${f.alerts_per_shift.toFixed(1)} alerts per 12-hour shift.`);
    }
    default:
      return null;
  }
}

/** outcomeView says what happened after the learner decided. */
function outcomeView(stage, run, d) {
  const o = d.outcome;
  const verdict = d.act === o.deteriorated
    ? (d.act ? 'You acted, and the patient did deteriorate.' : 'You did not act, and the patient did not deteriorate.')
    : (d.act ? 'You acted; the patient did not deteriorate.' : 'You did not act; the patient deteriorated.');
  const next = h('button', { type: 'button', className: 'button', id: 'lab-next', onclick: () => showRun(stage, run) },
    run.next ? 'Next patient' : 'Rate the workload');
  return h('div', { className: 'lab-outcome-view' },
    h('h3', {}, `What happened to patient ${d.position + 1}`),
    h('p', {}, o.deteriorated ? 'Recorded deterioration within 72 hours (a rapid-response call, critical-care admission or death).' : 'No deterioration recorded within 72 hours.'),
    h('p', {}, verdict),
    h('p', {}, `The model gave ${pct(o.risk)}: ${o.alert ? 'it alerted' : 'no alert'}. You took ${(d.milliseconds / 1000).toFixed(1)} s.`),
    next);
}

/** workloadForm asks the six NASA-TLX questions, each on a 0–100 scale in steps of 5. */
function workloadForm(stage, run) {
  const sliders = TLX.map(([name, label, question, low, high]) => {
    const input = h('input', { type: 'range', id: uid(`tlx-${name}`), min: '0', max: '100', step: '5', value: '50', 'aria-valuetext': '50' });
    const out = h('output', { for: input.id }, '50');
    input.addEventListener('input', () => {
      out.textContent = input.value;
      input.setAttribute('aria-valuetext', input.value);
    });
    return { name, input, node: h('div', { className: 'field lab-tlx', 'data-field': name },
      h('label', { for: input.id }, h('strong', {}, label), ` – ${question}`),
      h('div', { className: 'slider-row' }, h('span', { 'aria-hidden': 'true' }, low), input, h('span', { 'aria-hidden': 'true' }, high), out)) };
  });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'lab-tlx-form', novalidate: true },
    h('h3', {}, 'How demanding was this run?'),
    h('p', { className: 'hint' }, 'NASA Task Load Index, raw form: the six ratings and their mean are kept with your run.'),
    sliders.map((s) => s.node), h('button', { type: 'submit', className: 'button' }, 'Save the ratings'), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(sliders.map((s) => [s.name, Number(s.input.value)]));
    await sendForm(form, errors, async () => {
      showRun(stage, await api(`/lab-runs/${encodeURIComponent(run.id)}/workload`, { method: 'POST', body }));
    }, { status, busy: 'Saving…' });
  });
  return form;
}

/** summary lists the run's decisions and outcomes, and the workload. */
function summary(run) {
  const seconds = run.decisions.reduce((s, d) => s + d.milliseconds, 0) / 1000;
  return h('div', { className: 'lab-run-summary' },
    h('h3', {}, 'Your run'),
    h('p', {}, `Raw TLX ${run.workload.raw_tlx.toFixed(1)} of 100; ${seconds.toFixed(0)} s for ${run.total} patients.`),
    h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Your decisions' },
      h('table', {},
        h('caption', {}, 'Each patient: the alert, your decision and what happened'),
        h('thead', {}, h('tr', {}, ['Patient', 'Alert', 'You', 'Deteriorated', 'Time'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, run.decisions.map((d) => h('tr', {},
          h('th', { scope: 'row' }, String(d.position + 1)), h('td', {}, d.outcome.alert ? 'yes' : 'no'),
          h('td', {}, d.act ? 'acted' : 'did not act'), h('td', {}, d.outcome.deteriorated ? 'yes' : 'no'),
          h('td', {}, `${(d.milliseconds / 1000).toFixed(1)} s`)))))));
}
