// @ts-check
// Use the model as a clinician would: a run of eight synthetic patient cards in a display the
// learner chooses (which parts show, in what order, saved per lab). The learner acts or not;
// only then does the server say what happened. Time per card is measured here and sent with
// the decision; the run ends with the NASA-TLX workload rating (raw form).
import { api } from '../api.js';
import { announce, h, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { formatNumber, t } from '../i18n.js';

/** partName names a part of the card (alert, risk, vitals, context, explanation, alert_figures). */
const partName = (/** @type {string} */ part) => t(`lab.part_${part}`);
/** TLX are the NASA-TLX scales: name, and the message of the scale's low end and high end. */
const TLX = [
  ['mental', 'lab.tlx_very_low', 'lab.tlx_very_high'], ['physical', 'lab.tlx_very_low', 'lab.tlx_very_high'],
  ['temporal', 'lab.tlx_very_low', 'lab.tlx_very_high'], ['performance', 'lab.tlx_perfect', 'lab.tlx_failure'],
  ['effort', 'lab.tlx_very_low', 'lab.tlx_very_high'], ['frustration', 'lab.tlx_very_low', 'lab.tlx_very_high'],
];

/** @param {number | null | undefined} v */
const pct = (v) => (v === null || v === undefined ? '–' : formatNumber(v, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }));
/**
 * columnLabel names a column of the model (a feature, or one level of a category) in the
 * reader's language; a column these messages do not know keeps the server's English label.
 * @param {{name: string, label: string}} column
 */
function columnLabel(column) {
  const [, category, level] = /^(asa|urgency|surgery)_(.+)$/.exec(column.name) || [];
  if (category === 'asa') return t('lab.column_asa', { Level: level });
  if (category) return t(`lab.column_${category}`, { Level: t(`lab.${category}_${level}`) });
  const id = `lab.column_${column.name}`;
  const text = t(id);
  return text === id ? column.label : text;
}
/** fixedDigits writes v with exactly digits decimals, the reader's way. */
const fixedDigits = (/** @type {number} */ v, /** @type {number} */ digits) => formatNumber(v, { minimumFractionDigits: digits, maximumFractionDigits: digits });

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
  const start = h('button', { type: 'button', className: 'button', id: 'lab-run-start' }, t('lab.cards_start'));
  start.addEventListener('click', async () => {
    start.disabled = true;
    try {
      showRun(stage, await api(runs, { method: 'POST' }));
    } finally {
      start.disabled = false;
    }
  });
  return h('section', { className: 'lab-cards', 'aria-labelledby': 'lab-cards-title' },
    h('h2', { id: 'lab-cards-title' }, t('lab.cards_title')),
    h('p', {}, t('lab.cards_intro')),
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
        'aria-label': t(by < 0 ? 'lab.display_move_up' : 'lab.display_move_down', { Part: partName(part) }),
        onclick: () => {
          [order[i], order[i + by]] = [order[i + by], order[i]];
          draw(`${part}:${by}`);
        },
      }, label);
      return h('li', {}, h('label', { for: box.id }, box, ` ${partName(part)}`), h('span', { className: 'lab-display-moves' }, move(-1, t('lab.display_up')), move(1, t('lab.display_down'))));
    }));
    // Keep the focus on the part just moved: on the same button, or on its other one at an end.
    const [part, by] = (focus || '').split(':');
    const again = focus && (list.querySelector(`[data-move="${focus}"]:not([disabled])`) || list.querySelector(`[data-move="${part}:${-Number(by)}"]`));
    if (again instanceof HTMLElement) again.focus();
  };
  draw(null);
  const form = h('form', { className: 'lab-display', id: 'lab-display-form', novalidate: true },
    h('fieldset', { 'data-field': 'items' }, h('legend', {}, t('lab.display_legend')), list),
    h('button', { type: 'submit', className: 'button-secondary' }, t('lab.display_save')), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const items = order.filter((p) => shown.has(p));
    if (await sendForm(form, errors, async () => {
      const saved = await api(`/labs/${encodeURIComponent(lab.slug)}/display`, { method: 'PUT', body: { items } });
      order = [...saved.items, ...saved.parts.filter((p) => !saved.items.includes(p))];
      draw(null);
    }, { status, busy: t('common.saving') })) status.textContent = t('lab.display_saved');
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
      announce(err instanceof Error ? err.message : t('lab.card_not_saved'));
    }
  };
  const buttons = h('div', { className: 'lab-decide' },
    h('button', { type: 'button', className: 'button', id: 'lab-act', onclick: () => decide(true) }, t('lab.card_act')),
    h('button', { type: 'button', className: 'button-secondary', id: 'lab-wait', onclick: () => decide(false) }, t('lab.card_wait')));
  return h('article', { className: 'lab-card', 'aria-labelledby': 'lab-card-title' },
    h('h3', { id: 'lab-card-title' }, t('lab.card_title', { Number: card.position + 1, Total: run.total })),
    card.order.map((part) => cardPart(part, card)), buttons);
}

/** cardPart renders one part of a card. */
function cardPart(part, card) {
  const dl = (/** @type {Array<[string, string]>} */ rows) => h('dl', { className: 'lab-card-facts' }, rows.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
  switch (part) {
    case 'alert':
      return h('p', { className: card.alert ? 'lab-card-alert is-on' : 'lab-card-alert' }, card.alert ? t('lab.card_alert_on') : t('lab.card_no_alert'));
    case 'risk':
      return dl([[t('lab.card_risk'), pct(card.risk)]]);
    case 'vitals': {
      const v = card.vitals;
      return h('section', { 'aria-label': partName('vitals') }, h('h4', {}, t('lab.card_vitals_heading')),
        dl([[t('lab.card_map'), t('lab.unit_mmhg', { Value: v.map })], [t('lab.card_heart_rate'), t('lab.unit_per_minute', { Value: v.heart_rate })],
          [t('lab.card_spo2'), formatNumber(v.spo2 / 100, { style: 'percent' })], [t('lab.card_lactate'), t('lab.unit_mmol', { Value: fixedDigits(v.lactate, 1) })]]));
    }
    case 'context': {
      const c = card.context;
      return h('section', { 'aria-label': partName('context') }, h('h4', {}, partName('context')),
        dl([[t('lab.card_age'), formatNumber(c.age)], [t('lab.card_sex'), t(`lab.sex_${c.sex}`)], [t('lab.card_asa'), formatNumber(c.asa)],
          [t('lab.card_surgery'), t('lab.card_surgery_value', { Urgency: t(`lab.urgency_${c.urgency}`), Surgery: t(`lab.surgery_${c.surgery}`) })],
          [t('lab.card_ward'), t('lab.card_ward_value', { Ward: c.ward, Count: c.patients_per_nurse })], [t('lab.card_arterial_line'), c.arterial_line ? t('lab.yes') : t('lab.no')]]));
    }
    case 'explanation':
      return h('section', { 'aria-label': partName('explanation') }, h('h4', {}, t('lab.card_explanation_heading')),
        h('ul', {}, card.explanation.map((x) => h('li', {}, t(x.log_odds > 0 ? 'lab.card_raises' : 'lab.card_lowers',
          { Feature: columnLabel(x), LogOdds: `${x.log_odds > 0 ? '+' : '−'}${fixedDigits(Math.abs(x.log_odds), 2)}` })))));
    case 'alert_figures': {
      const f = card.alert_figures;
      return h('p', { className: 'hint' }, t('lab.card_alert_figures', { Threshold: pct(f.threshold), PPV: pct(f.ppv.value), Alerts: fixedDigits(f.alerts_per_shift, 1) }));
    }
    default:
      return null;
  }
}

/** outcomeView says what happened after the learner decided. */
function outcomeView(stage, run, d) {
  const o = d.outcome;
  const verdict = d.act === o.deteriorated
    ? (d.act ? t('lab.verdict_acted_deteriorated') : t('lab.verdict_waited_well'))
    : (d.act ? t('lab.verdict_acted_well') : t('lab.verdict_waited_deteriorated'));
  const next = h('button', { type: 'button', className: 'button', id: 'lab-next', onclick: () => showRun(stage, run) },
    run.next ? t('lab.next_patient') : t('lab.rate_workload'));
  return h('div', { className: 'lab-outcome-view' },
    h('h3', {}, t('lab.outcome_title', { Number: d.position + 1 })),
    h('p', {}, o.deteriorated ? t('lab.outcome_deteriorated') : t('lab.outcome_well')),
    h('p', {}, verdict),
    h('p', {}, t(o.alert ? 'lab.outcome_model_alerted' : 'lab.outcome_model_silent', { Risk: pct(o.risk), Seconds: fixedDigits(d.milliseconds / 1000, 1) })),
    next);
}

/** workloadForm asks the six NASA-TLX questions, each on a 0–100 scale in steps of 5. */
function workloadForm(stage, run) {
  const sliders = TLX.map(([name, low, high]) => {
    const input = h('input', { type: 'range', id: uid(`tlx-${name}`), min: '0', max: '100', step: '5', value: '50', 'aria-valuetext': '50' });
    const out = h('output', { for: input.id }, '50');
    input.addEventListener('input', () => {
      out.textContent = input.value;
      input.setAttribute('aria-valuetext', input.value);
    });
    return { name, input, node: h('div', { className: 'field lab-tlx', 'data-field': name },
      h('label', { for: input.id }, h('strong', {}, t(`lab.tlx_${name}`)), ` – ${t(`lab.tlx_${name}_question`)}`),
      h('div', { className: 'slider-row' }, h('span', { 'aria-hidden': 'true' }, t(low)), input, h('span', { 'aria-hidden': 'true' }, t(high)), out)) };
  });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'lab-tlx-form', novalidate: true },
    h('h3', {}, t('lab.tlx_title')),
    h('p', { className: 'hint' }, t('lab.tlx_hint')),
    sliders.map((s) => s.node), h('button', { type: 'submit', className: 'button' }, t('lab.tlx_save')), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(sliders.map((s) => [s.name, Number(s.input.value)]));
    await sendForm(form, errors, async () => {
      showRun(stage, await api(`/lab-runs/${encodeURIComponent(run.id)}/workload`, { method: 'POST', body }));
    }, { status, busy: t('common.saving') });
  });
  return form;
}

/** summary lists the run's decisions and outcomes, and the workload. */
function summary(run) {
  const seconds = run.decisions.reduce((s, d) => s + d.milliseconds, 0) / 1000;
  return h('div', { className: 'lab-run-summary' },
    h('h3', {}, t('lab.summary_title')),
    h('p', {}, t('lab.summary_workload', { TLX: fixedDigits(run.workload.raw_tlx, 1), Seconds: fixedDigits(seconds, 0), Count: run.total })),
    h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('lab.summary_decisions') },
      h('table', {},
        h('caption', {}, t('lab.summary_caption')),
        h('thead', {}, h('tr', {}, ['patient', 'alert', 'you', 'deteriorated', 'time'].map((c) => h('th', { scope: 'col' }, t(`lab.summary_col_${c}`))))),
        h('tbody', {}, run.decisions.map((d) => h('tr', {},
          h('th', { scope: 'row' }, String(d.position + 1)), h('td', {}, d.outcome.alert ? t('lab.yes') : t('lab.no')),
          h('td', {}, d.act ? t('lab.summary_acted') : t('lab.summary_did_not_act')), h('td', {}, d.outcome.deteriorated ? t('lab.yes') : t('lab.no')),
          h('td', {}, t('lab.seconds', { Seconds: fixedDigits(d.milliseconds / 1000, 1) }))))))));
}
