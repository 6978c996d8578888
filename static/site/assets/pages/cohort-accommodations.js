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

const LIMITS = { extra_time_percent: 400, extra_minutes: 1440, extra_attempts: 20, extra_days: 90 };

export default async function cohortAccommodationsPage({ id }) {
  const path = `/cohorts/${encodeURIComponent(id)}`;
  const [cohort, all, members] = await Promise.all([api(path), tracks(), api(`${path}/members`)]);
  const slugs = all.filter((t) => cohort.tracks.includes(t.slug)).flatMap((t) => t.modules.map((m) => m.slug));
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
    cohortHead(cohort, `Accommodations in ${cohort.name}`, all),
    cohortNav(cohort, 'accommodations'),
    h('section', { 'aria-labelledby': 'accommodations-heading' },
      h('h2', { id: 'accommodations-heading', tabindex: '-1' }, 'Accommodations in force'),
      h('p', {}, 'Extra time and attempts apply from the next attempt a learner starts; attempts already under way keep their deadlines. Extra days move the due dates of the learner’s team: its work is late only after the most days given to any of its members.'),
      outcome,
      listArea),
    h('section', { className: 'panel', 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, 'Add an accommodation'),
      h('p', {}, 'One per learner (or the whole cohort) and quiz: adding another for the same ones replaces it. Learners see their longer limit when they start; the progress grid notes it.'),
      form),
    underWay);
  return { title: `Accommodations in ${cohort.name}`, node };
}

/** amount formats n of unit ('percent', 'minute') with the browser's language. */
function amount(n, unit) {
  return new Intl.NumberFormat(undefined, { style: 'unit', unit, unitDisplay: unit === 'percent' ? 'short' : 'long' }).format(n);
}

/** grants says in words what an accommodation gives. */
function grants(a) {
  const plural = new Intl.PluralRules(undefined);
  const parts = [
    a.extra_time_percent ? `${amount(a.extra_time_percent, 'percent')} more time` : '',
    a.extra_minutes ? `${amount(a.extra_minutes, 'minute')} more` : '',
    a.extra_attempts ? `${new Intl.NumberFormat().format(a.extra_attempts)} more ${plural.select(a.extra_attempts) === 'one' ? 'attempt' : 'attempts'}` : '',
    a.extra_days ? `team exercises due ${amount(a.extra_days, 'day')} later` : '',
  ].filter(Boolean);
  return parts.length ? new Intl.ListFormat(undefined, { type: 'conjunction' }).format(parts) : 'Nothing extra';
}

function accommodationList(items, ctx) {
  if (!items.length) return h('p', { className: 'hint' }, 'No accommodations yet.');
  const when = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'long', year: 'numeric' });
  // The whole-cohort sitting first, then learners by name.
  const sorted = [...items].sort((a, b) => (a.user ? 1 : 0) - (b.user ? 1 : 0) || who(a, ctx).localeCompare(who(b, ctx)));
  return h('ul', { className: 'card-list accommodation-list' }, sorted.map((a) => {
    const quiz = ctx.quizzes.find((q) => q.slug === a.quiz);
    return h('li', { className: 'card accommodation', 'data-accommodation': a.id, 'data-user': a.user || null },
      h('h3', { className: 'card-title' }, who(a, ctx)),
      h('p', { className: 'accommodation-grant' }, `${grants(a)} at ${a.quiz ? a.quiz_title || a.quiz : 'every quiz'}`),
      quiz && quiz.minutes && (a.extra_time_percent || a.extra_minutes)
        ? h('p', { className: 'card-meta' }, `Time limit ${amount(quiz.minutes, 'minute')}, for them ${amount(limitFor(quiz.minutes, a), 'minute')}.`)
        : null,
      a.note ? h('p', { className: 'accommodation-note' }, a.note) : null,
      h('p', { className: 'card-meta' }, `Set on ${when.format(new Date(a.updated_at))}`),
      removeButton(a, a.user ? `the accommodation of ${who(a, ctx)}` : 'the later sitting for every member', ctx.refresh));
  }));
}

/** limitFor is a time limit after an accommodation, rounded up to whole minutes as a reader expects. */
function limitFor(minutes, a) {
  return Math.ceil(minutes * (1 + a.extra_time_percent / 100) + a.extra_minutes);
}

function who(a, ctx) {
  return a.user ? ctx.people.get(a.user) || 'A former member' : 'Every member (later sitting)';
}

/** removeButton withdraws a; what names it in words ("the accommodation of …"). */
function removeButton(a, what, refresh) {
  const button = h('button', { type: 'button', className: 'button button-small button-secondary' },
    'Remove', h('span', { className: 'visually-hidden' }, ` ${what}`));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api(`/accommodations/${encodeURIComponent(a.id)}`, { method: 'DELETE' });
      await refresh(`${what[0].toUpperCase()}${what.slice(1)} is removed.`);
      document.getElementById('accommodations-heading').focus();
    } catch (err) {
      button.disabled = false;
      announce(`Not removed: ${err.message}`);
    }
  });
  return button;
}

function numberField(name, label, hint) {
  const inputId = `acc-${name.replace(/_/g, '-')}`;
  return h('div', { className: 'field', 'data-field': name },
    h('label', { for: inputId }, label),
    h('p', { className: 'hint', id: `${inputId}-hint` }, hint),
    h('input', { id: inputId, name, type: 'number', inputmode: 'numeric', min: '0', max: String(LIMITS[name]), step: '1', className: 'input-short', 'aria-describedby': `${inputId}-hint` }));
}

function addForm(cohort, members, quizzes, refresh) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'accommodation-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'user' },
      h('label', { for: 'acc-user' }, 'Learner'),
      h('select', { id: 'acc-user', name: 'user' },
        h('option', { value: '' }, 'Every member (a later sitting)'),
        [...members].sort((a, b) => a.name.localeCompare(b.name)).map((m) => h('option', { value: m.user_id }, m.name)))),
    h('div', { className: 'field', 'data-field': 'quiz' },
      h('label', { for: 'acc-quiz' }, 'Quiz'),
      h('select', { id: 'acc-quiz', name: 'quiz' },
        h('option', { value: '' }, 'Every quiz'),
        quizzes.map((q) => h('option', { value: q.slug }, q.minutes ? `${q.title} (${amount(q.minutes, 'minute')})` : q.title)))),
    h('div', { className: 'field-row' },
      numberField('extra_time_percent', 'Extra time, percent', 'Of the time limit, up to 400.'),
      numberField('extra_minutes', 'Extra minutes', 'Added after the percentage, up to 1,440.'),
      numberField('extra_attempts', 'Extra attempts', 'Beyond the quiz’s limit, up to 20.'),
      numberField('extra_days', 'Extra days for team exercises', 'Their team’s due dates move this much later, up to 90; for every quiz only.')),
    h('div', { className: 'field', 'data-field': 'note' },
      h('label', { for: 'acc-note' }, 'Note ', h('span', { className: 'optional' }, '(optional, for instructors)')),
      h('p', { className: 'hint', id: 'acc-note-hint' }, 'For example the decision it follows; at most 500 characters. Keep health details out of it.'),
      h('textarea', { id: 'acc-note', name: 'note', rows: 2, maxlength: 500, 'aria-describedby': 'acc-note-hint' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Add the accommodation')),
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
      if (!/^\d*$/.test(text) || n > max) missing[name] = `must be a whole number from 0 to ${new Intl.NumberFormat().format(max)}`;
      body[name] = n;
    }
    if (!Object.keys(missing).length && !body.extra_time_percent && !body.extra_minutes && !body.extra_attempts && !body.extra_days) {
      missing.extra_time_percent = 'Give extra time in percent or minutes, extra attempts, or extra days.';
    }
    if (showMissing(errors, missing)) return;
    errors.clear();
    const done = await sendForm(form, errors, () => api('/accommodations', { method: 'PUT', body }), { status, busy: 'Saving…' });
    if (!done) return;
    form.reset();
    status.textContent = '';
    await refresh('The accommodation is added.');
  });
  return form;
}
