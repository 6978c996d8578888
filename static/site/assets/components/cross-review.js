// @ts-check
// Peer review between teams, on a team's exercise page: the reviewer first marks the
// instructor's example on the criteria of their discipline group (their accuracy then weights
// their reviews), then marks the version their team was given; below, the reviews their team
// received, without the reviewers' names.
import { api } from '../api.js';
import { announce, h, percent, sanitised, uid } from '../dom.js';
import { t } from '../i18n.js';
import { criterionName } from './exercise-parts.js';
import { fieldErrors, sendForm } from './form-errors.js';

/**
 * marksFieldset draws a number field per criterion, named as the API names its errors.
 * @param {{criterion: string, max_points: number, description?: string}[]} criteria
 * @param {Object<string, number>} values
 */
export function marksFieldset(criteria, values, legend) {
  return h('fieldset', { className: 'marks' },
    h('legend', {}, legend),
    criteria.map((c) => {
      const id = uid('mark');
      return h('div', { className: 'field', 'data-field': `marks.${c.criterion}` },
        h('label', { for: id }, t('peer.criterion_label', { Criterion: criterionName(c.criterion), Max: c.max_points })),
        c.description ? h('p', { className: 'hint' }, c.description) : null,
        h('input', { id, type: 'number', min: '0', max: String(c.max_points), step: '0.1', required: true, className: 'input-short',
          'data-criterion': c.criterion, value: values[c.criterion] ?? '' }));
    }));
}

/** marksOf reads the marks of a form drawn with marksFieldset. */
export function marksOf(form) {
  /** @type {Object<string, number>} */
  const marks = {};
  for (const input of form.querySelectorAll('input[data-criterion]')) {
    if (input.value !== '') marks[input.dataset.criterion] = Number(input.value);
  }
  return marks;
}

/** groupName is a discipline group in words. */
export function groupName(group) {
  return ['clinical', 'technical'].includes(group) ? t(`peer.group_${group}`) : group;
}

/** crossReviewSection is the cross review of an exercise for a member, or null when there is none. */
export async function crossReviewSection(cohortId, slug) {
  const path = `/cohorts/${encodeURIComponent(cohortId)}/cross-reviews/${encodeURIComponent(slug)}`;
  let view;
  try {
    view = await api(path);
  } catch (err) {
    if (err.status === 404) return null;
    throw err;
  }
  const body = h('div', { className: 'cross-review-body' });
  const reload = async () => {
    view = await api(path);
    draw();
  };
  function draw() {
    const mine = view.mine;
    const criteria = view.criteria.filter((c) => c.group === mine.group);
    body.replaceChildren(...[
      h('p', {}, t('peer.intro')),
      view.due_on ? h('p', { className: 'hint' }, t('peer.due', { Date: view.due_on })) : null,
      criteria.length ? calibrationPart(path, view, criteria, reload) : h('p', { className: 'notice' }, t('peer.no_criteria')),
      criteria.length ? reviewPart(path, view, criteria) : null,
      receivedPart(view)].filter(Boolean));
  }
  draw();
  return h('section', { className: 'cross-review', 'aria-labelledby': 'cross-heading' },
    h('h2', { id: 'cross-heading' }, t('peer.heading')), body);
}

function calibrationPart(path, view, criteria, reload) {
  const cal = view.mine.calibration;
  const example = h('details', { className: 'cross-example', open: !cal },
    h('summary', {}, t('peer.example')), sanitised('div', 'prose', view.example_html));
  if (cal) {
    return h('div', { className: 'calibration-done' },
      h('h3', {}, t('peer.calibration_heading')),
      h('p', { className: 'notice', role: 'status' }, t('peer.accuracy', { Percent: percent(cal.accuracy * 100) })),
      h('ul', {}, criteria.map((c) => h('li', {}, t('peer.yours_and_instructor', {
        Criterion: criterionName(c.criterion), Yours: cal.marks[c.criterion], Instructor: c.example_points, Max: c.max_points })))),
      example);
  }
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'calibration-form', novalidate: true },
    marksFieldset(criteria, {}, t('peer.calibration_legend')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('peer.send_calibration'))), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const ok = await sendForm(form, errors, () => api(`${path}/calibration`, { method: 'POST', body: { marks: marksOf(form) } }),
      { status, busy: t('peer.sending') });
    if (ok) {
      announce(t('peer.calibrated'));
      await reload();
    }
  });
  return h('div', {}, h('h3', {}, t('peer.calibration_heading')), h('p', {}, t('peer.calibration_intro')), example, form);
}

function reviewPart(path, view, criteria) {
  const a = view.mine.assignment;
  const heading = h('h3', {}, t('peer.review_heading'));
  if (!a) return h('div', {}, heading, h('p', {}, t('peer.not_paired')));
  if (!view.mine.calibration) return h('div', {}, heading, h('p', {}, t('peer.calibrate_first')));
  const status = h('p', { className: 'form-status', role: 'status' });
  const commentId = uid('comment');
  const form = h('form', { id: 'cross-review-form', novalidate: true },
    marksFieldset(criteria, a.marks, t('peer.review_legend')),
    h('div', { className: 'field', 'data-field': 'comment' },
      h('label', { for: commentId }, t('peer.comment')),
      h('textarea', { id: commentId, rows: 4, name: 'comment' }, a.comment || '')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('peer.save_review'))), status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    errors.clear();
    const comment = /** @type {HTMLTextAreaElement} */ (form.querySelector('textarea')).value;
    const ok = await sendForm(form, errors, () => api(`${path}/review`, { method: 'PUT', body: { marks: marksOf(form), comment } }),
      { status, busy: t('peer.sending') });
    if (ok) {
      status.textContent = t('peer.review_saved');
      announce(t('peer.review_saved'));
    }
  });
  return h('div', {}, heading,
    h('p', { className: 'hint' }, t('peer.version_to_review', { Version: a.version })),
    sanitised('div', 'prose reviewed-version', a.body_html), form);
}

function receivedPart(view) {
  const mine = view.mine;
  if (!mine.received.length) return null;
  return h('div', { className: 'cross-received' },
    h('h3', {}, t('peer.received_heading')),
    h('ul', {}, mine.scores.map((s) => h('li', {}, s.weighted === null
      ? t('peer.score_none', { Criterion: criterionName(s.criterion) })
      : t('peer.score', { Criterion: criterionName(s.criterion), Points: s.weighted, Max: s.max_points })))),
    h('ul', { className: 'plain-list' }, mine.received.map((r) => h('li', {},
      h('p', {}, h('strong', {}, t('peer.a_reviewer', { Group: groupName(r.group) }))),
      r.comment ? h('p', {}, r.comment) : null))),
    h('p', { className: 'hint' }, t('peer.instructor_decides')));
}
