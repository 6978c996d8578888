// A cohort's accommodations (/teach/cohorts/:id/accommodations), for its instructors: extra
// time and attempts for one learner or, as a later sitting, for every member, at one quiz or
// all of them. The server applies them when an attempt starts; attempts already under way keep
// their deadlines.
import { api, catalogue } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { openAttempts } from '../components/open-attempts.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { announce, h } from '../dom.js';
import { currentLanguage, formatDate, t } from '../i18n.js';
import { grants } from './admin-accommodations.js';

const LIMITS = { extra_time_percent: 400, extra_minutes: 1440, extra_attempts: 20, extra_days: 90 };

export default async function cohortAccommodationsPage({ id }) {
  const path = `/cohorts/${encodeURIComponent(id)}`;
  const [cohort, all, members] = await Promise.all([api(path), tracks(), api(`${path}/members`)]);
  const slugs = all.filter((tr) => cohort.tracks.includes(tr.slug)).flatMap((tr) => tr.modules.map((m) => m.slug));
  const modules = await Promise.all(slugs.map((s) => catalogue(`/modules/${encodeURIComponent(s)}`)));
  /** @type {Array<{slug: string, title: string, minutes: number}>} */
  const quizzes = modules.filter((m) => m.quiz).map((m) => ({ slug: m.quiz.slug, title: m.quiz.title, minutes: m.quiz.time_limit_minutes || 0 }));
  const people = new Map(members.members.map((m) => [m.user_id, m.name]));
  const listArea = h('div', { className: 'accommodation-area' });
  // What the last addition or removal did, said under the list's heading.
  const outcome = h('p', { className: 'form-status accommodation-outcome', role: 'status' });
  const refresh = async (/** @type {string} */ said = '') => {
    const list = await api(`/accommodations?cohort=${encodeURIComponent(id)}`);
    listArea.replaceChildren(accommodationList(list.items, { people, quizzes, refresh }));
    outcome.textContent = said;
  };
  await refresh();
  const underWay = await openAttempts(id);
  const form = addForm(cohort, members.members, quizzes, refresh);
  // A new attempt at adding makes the last outcome old news.
  form.addEventListener('submit', () => { outcome.textContent = ''; });
  const node = h('div', { className: 'page' },
    cohortHead(cohort, t('staff2.acc.title', { Cohort: cohort.name }), all),
    cohortNav(cohort, 'accommodations'),
    h('section', { 'aria-labelledby': 'accommodations-heading' },
      h('h2', { id: 'accommodations-heading', tabindex: '-1' }, t('assess.admin_in_force')),
      h('p', {}, t('staff2.acc.in_force_hint')),
      outcome,
      listArea),
    h('section', { className: 'panel', 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, t('assess.admin_add')),
      h('p', {}, t('staff2.acc.add_hint')),
      form),
    underWay);
  return { title: t('staff2.acc.title', { Cohort: cohort.name }), node };
}

/** minutesText writes n minutes in words, in the reader's language. */
function minutesText(n) {
  return new Intl.NumberFormat(currentLanguage(), { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(n);
}

function accommodationList(items, ctx) {
  if (!items.length) return h('p', { className: 'hint' }, t('staff2.acc.none'));
  // The whole-cohort sitting first, then learners by name.
  const sorted = [...items].sort((a, b) => (a.user ? 1 : 0) - (b.user ? 1 : 0) || who(a, ctx).localeCompare(who(b, ctx)));
  return h('ul', { className: 'card-list accommodation-list' }, sorted.map((a) => {
    const quiz = ctx.quizzes.find((q) => q.slug === a.quiz);
    return h('li', { className: 'card accommodation', 'data-accommodation': a.id, 'data-user': a.user || null },
      h('h3', { className: 'card-title' }, who(a, ctx)),
      h('p', { className: 'accommodation-grant' }, a.quiz
        ? t('staff2.acc.grant_at', { Grant: grants(a), Quiz: a.quiz_title || a.quiz })
        : t('staff2.acc.grant_every_quiz', { Grant: grants(a) })),
      quiz && quiz.minutes && (a.extra_time_percent || a.extra_minutes)
        ? h('p', { className: 'card-meta' }, t('staff2.acc.time_limit', { Limit: minutesText(quiz.minutes), Theirs: minutesText(limitFor(quiz.minutes, a)) }))
        : null,
      a.note ? h('p', { className: 'accommodation-note' }, a.note) : null,
      h('p', { className: 'card-meta' }, t('assess.admin_set_on', { Date: formatDate(a.updated_at) })),
      a.user
        ? removeButton(a, t('assess.admin_remove_of', { Name: who(a, ctx) }), t('assess.admin_removed', { Name: who(a, ctx) }), ctx.refresh)
        : removeButton(a, t('staff2.acc.remove_sitting'), t('staff2.acc.sitting_removed'), ctx.refresh));
  }));
}

/** limitFor is a time limit after an accommodation, rounded up to whole minutes as a reader expects. */
function limitFor(minutes, a) {
  return Math.ceil(minutes * (1 + a.extra_time_percent / 100) + a.extra_minutes);
}

function who(a, ctx) {
  return a.user ? ctx.people.get(a.user) || t('staff2.acc.former_member') : t('staff2.acc.every_member_sitting');
}

/** removeButton withdraws a; what names it in words ("the accommodation of …"), said is told once it is gone. */
function removeButton(a, what, said, refresh) {
  const button = h('button', { type: 'button', className: 'button button-small button-secondary' },
    t('assess.admin_remove'), h('span', { className: 'visually-hidden' }, ` ${what}`));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api(`/accommodations/${encodeURIComponent(a.id)}`, { method: 'DELETE' });
      await refresh(said);
      document.getElementById('accommodations-heading').focus();
    } catch (err) {
      button.disabled = false;
      announce(t('assess.admin_not_removed', { Reason: err.message }));
    }
  });
  return button;
}

/** numberField is the input of one amount, labelled by its message assess.field_<name>. */
function numberField(name, hint) {
  const inputId = `acc-${name.replace(/_/g, '-')}`;
  return h('div', { className: 'field', 'data-field': name },
    h('label', { for: inputId }, t(`assess.field_${name}`)),
    h('p', { className: 'hint', id: `${inputId}-hint` }, hint),
    h('input', { id: inputId, name, type: 'number', inputmode: 'numeric', min: '0', max: String(LIMITS[name]), step: '1', className: 'input-short', 'aria-describedby': `${inputId}-hint` }));
}

function addForm(cohort, members, quizzes, refresh) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'accommodation-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'user' },
      h('label', { for: 'acc-user' }, t('grid.learner')),
      h('select', { id: 'acc-user', name: 'user' },
        h('option', { value: '' }, t('staff2.acc.every_member_option')),
        [...members].sort((a, b) => a.name.localeCompare(b.name)).map((m) => h('option', { value: m.user_id }, m.name)))),
    h('div', { className: 'field', 'data-field': 'quiz' },
      h('label', { for: 'acc-quiz' }, t('attempt.quiz')),
      h('select', { id: 'acc-quiz', name: 'quiz' },
        h('option', { value: '' }, t('staff2.acc.every_quiz_option')),
        quizzes.map((q) => h('option', { value: q.slug }, q.minutes ? t('staff2.acc.quiz_option', { Quiz: q.title, Limit: minutesText(q.minutes) }) : q.title)))),
    h('div', { className: 'field-row' },
      numberField('extra_time_percent', t('assess.field_extra_time_percent_hint', { Max: LIMITS.extra_time_percent })),
      numberField('extra_minutes', t('assess.field_extra_minutes_hint', { Max: LIMITS.extra_minutes })),
      numberField('extra_attempts', t('assess.field_extra_attempts_hint', { Max: LIMITS.extra_attempts })),
      numberField('extra_days', t('staff2.acc.extra_days_hint', { Max: LIMITS.extra_days }))),
    h('div', { className: 'field', 'data-field': 'note' },
      h('label', { for: 'acc-note' }, t('staff2.acc.note'), ' ', h('span', { className: 'optional' }, t('staff2.acc.note_optional'))),
      h('p', { className: 'hint', id: 'acc-note-hint' }, t('assess.admin_note_hint')),
      h('textarea', { id: 'acc-note', name: 'note', rows: 2, maxlength: 500, 'aria-describedby': 'acc-note-hint' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('assess.admin_submit'))),
    status);
  const errors = fieldErrors(form);
  const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = { cohort: cohort.id, user: value('user'), quiz: value('quiz'), note: value('note') };
    const missing = {};
    for (const [name, max] of Object.entries(LIMITS)) {
      const text = value(name);
      const n = text === '' ? 0 : Number(text);
      if (!/^\d*$/.test(text) || n > max) missing[name] = t('assess.field_range', { Max: max });
      body[name] = n;
    }
    if (!Object.keys(missing).length && !body.extra_time_percent && !body.extra_minutes && !body.extra_attempts && !body.extra_days) {
      missing.extra_time_percent = t('staff2.acc.nothing');
    }
    if (showMissing(errors, missing)) return;
    errors.clear();
    const done = await sendForm(form, errors, () => api('/accommodations', { method: 'PUT', body }), { status, busy: t('common.saving') });
    if (!done) return;
    form.reset();
    status.textContent = '';
    await refresh(t('assess.admin_added'));
  });
  return form;
}
