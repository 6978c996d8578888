// @ts-check
// Peer review between teams for one exercise of a cohort (/teach/cohorts/:id/cross-reviews/
// :exercise), for its instructors: the calibration example with their own marks and which
// discipline group marks each criterion; pairing the teams from a seed; then, per team, the
// reviews received with each reviewer's weight, the weighted scores and the disagreements.
// The decision stays in the review queue.
import { api, catalogue } from '../api.js';
import { tracks } from '../catalog.js';
import { dataTable } from '../components/admin-parts.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { groupName, marksFieldset, marksOf } from '../components/cross-review.js';
import { criterionName } from '../components/exercise-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { announce, h, percent, uid } from '../dom.js';
import { t } from '../i18n.js';

export default async function cohortCrossReviewPage({ id, exercise }) {
  const path = `/cohorts/${encodeURIComponent(id)}/cross-reviews/${encodeURIComponent(exercise)}`;
  const [cohort, all, x] = await Promise.all([api(`/cohorts/${encodeURIComponent(id)}`), tracks(),
    catalogue(`/exercises/${encodeURIComponent(exercise)}`)]);
  let view = null;
  try {
    view = await api(path);
  } catch (err) {
    if (err.status !== 404) throw err;
  }
  const results = h('div', { className: 'cross-results' });
  const drawResults = async () => {
    results.replaceChildren(...(view && view.assigned_at ? resultsPart(await api(`${path}/results`), id) : [h('p', {}, t('peer.not_paired_yet'))]).filter(Boolean));
  };
  await drawResults();
  const title = t('peer.page_title', { Title: x.title });
  const node = h('div', { className: 'page' },
    cohortHead(cohort, title, all),
    cohortNav(cohort, 'exercises'),
    h('section', { className: 'panel', 'aria-labelledby': 'setup-heading' },
      h('h2', { id: 'setup-heading' }, t('peer.setup_heading')),
      h('p', {}, t('peer.setup_intro')),
      setupForm(path, x, view, (v) => { view = v; })),
    h('section', { className: 'panel', 'aria-labelledby': 'assign-heading' },
      h('h2', { id: 'assign-heading' }, t('peer.assign_heading')),
      h('p', {}, t('peer.assign_intro')),
      assignForm(path, view, async () => {
        view = await api(path);
        await drawResults();
      })),
    h('section', { 'aria-labelledby': 'results-heading' },
      h('h2', { id: 'results-heading' }, t('peer.results_heading')), results));
  return { title, node };
}

function setupForm(path, x, view, saved) {
  const groups = new Map((view ? view.criteria : []).map((c) => [c.criterion, c.group]));
  const example = Object.fromEntries((view ? view.criteria : []).map((c) => [c.criterion, c.example_points]));
  const textId = uid('example');
  const dueId = uid('due');
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'cross-setup-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'example_markdown' },
      h('label', { for: textId }, t('peer.example_text')),
      h('p', { className: 'hint' }, t('peer.example_hint')),
      h('textarea', { id: textId, rows: 8, name: 'example_markdown' }, view ? view.example_markdown || '' : '')),
    marksFieldset(x.rubric, example, t('peer.example_marks')),
    h('fieldset', {}, h('legend', {}, t('peer.groups_legend')), x.rubric.map((c) => {
      const sel = uid('group');
      return h('div', { className: 'field', 'data-field': `groups.${c.criterion}` },
        h('label', { for: sel }, criterionName(c.criterion)),
        h('select', { id: sel, 'data-group': c.criterion },
          ['clinical', 'technical'].map((g) => h('option', { value: g, selected: groups.get(c.criterion) === g }, groupName(g)))));
    })),
    h('div', { className: 'field', 'data-field': 'due_on' },
      h('label', { for: dueId }, t('peer.due_label'), ' ', h('span', { className: 'optional' }, t('peer.optional'))),
      h('input', { id: dueId, type: 'date', name: 'due_on', className: 'input-short', value: view ? view.due_on : '' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('peer.save_setup'))), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const body = {
      example_markdown: /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea')).value,
      example_marks: marksOf(form),
      groups: Object.fromEntries([...form.querySelectorAll('select[data-group]')].map((s) => [s.dataset.group, s.value])),
      due_on: /** @type {HTMLInputElement} */ (form.querySelector('input[type="date"]')).value,
    };
    await sendForm(form, errors, async () => {
      saved(await api(path, { method: 'PUT', body }));
      status.textContent = t('peer.setup_saved');
      announce(t('peer.setup_saved'));
    }, { status, busy: t('peer.sending') });
  });
  return form;
}

function assignForm(path, view, done) {
  const seedId = uid('seed');
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'cross-assign-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'seed' },
      h('label', { for: seedId }, t('peer.seed'), ' ', h('span', { className: 'optional' }, t('peer.optional'))),
      h('p', { className: 'hint' }, t('peer.seed_hint')),
      h('input', { id: seedId, type: 'number', name: 'seed', step: '1', className: 'input-short', value: view && view.seed !== null ? String(view.seed) : '' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('peer.assign'))), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const seed = /** @type {HTMLInputElement} */ (form.querySelector('input')).value;
    await sendForm(form, errors, async () => {
      const got = await api(`${path}/assign`, { method: 'POST', body: seed === '' ? {} : { seed: Number(seed) } });
      status.textContent = t('peer.assigned', { Count: got.pairs.length, Seed: String(got.seed) });
      announce(status.textContent);
      await done();
    }, { status, busy: t('peer.sending') });
  });
  return form;
}

function resultsPart(report, cohortId) {
  return [
    report.items.length ? null : h('p', {}, t('peer.no_pairs')),
    ...report.items.map((item) => h('article', { className: 'cross-result', 'data-team': item.reviewee_team_id },
      h('h3', {}, t('peer.result_heading', { Team: item.reviewee_team_name, Reviewer: item.reviewer_team_name, Version: item.version })),
      item.latest_version > item.version ? h('p', { className: 'hint' }, t('peer.later_version', { Version: item.latest_version })) : null,
      scoresTable(item),
      h('ul', { className: 'plain-list' }, item.reviews.map((r) => h('li', {},
        h('p', {}, h('strong', {}, r.reviewer_name), ' · ', groupName(r.group), ' · ', t('peer.weight', { Percent: percent(r.weight * 100) })),
        r.comment ? h('p', {}, r.comment) : null))))),
    report.unpaired.length ? h('p', { className: 'notice' }, t('peer.unpaired', { Count: report.unpaired.length })) : null,
    h('h3', {}, t('peer.calibrations_heading')),
    report.calibrations.length
      ? h('ul', {}, report.calibrations.map((c) => h('li', {}, t('peer.calibration_row', { Name: c.name, Group: groupName(c.group), Percent: percent(c.accuracy * 100) }))))
      : h('p', {}, t('peer.no_calibrations')),
    h('p', {}, h('a', { href: `/teach/cohorts/${encodeURIComponent(cohortId)}/reviews` }, t('peer.decide_link'))),
  ];
}

function scoresTable(item) {
  return dataTable(t('peer.scores_caption', { Team: item.reviewee_team_name }), [t('peer.col_criterion'), t('peer.col_weighted'), t('peer.col_reviewers'), t('peer.col_spread'), t('peer.col_yours')],
    item.scores.map((s) => h('tr', { className: s.disagreement || s.differs_from_instructor ? 'flagged' : '' },
      h('th', { scope: 'row' }, criterionName(s.criterion)),
      h('td', {}, s.weighted === null ? '—' : `${s.weighted} / ${s.max_points}`),
      h('td', {}, String(s.reviewers)),
      h('td', {}, s.disagreement ? t('peer.disagree', { Spread: s.spread }) : String(s.spread)),
      h('td', {}, s.instructor === undefined ? '—' : s.differs_from_instructor ? t('peer.differs', { Points: s.instructor }) : String(s.instructor)))));
}
