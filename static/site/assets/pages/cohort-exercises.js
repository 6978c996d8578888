// A cohort's joint exercises (/teach/cohorts/:id/exercises), for its instructors: which of
// the catalogue's exercises the cohort's teams work on, each with an optional due date. Until
// the instructors choose, every exercise is open.
import { api, catalogue } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { announce, h, minutes, uid } from '../dom.js';
import { currentLanguage, t } from '../i18n.js';

export default async function cohortExercisesPage({ id }) {
  const path = `/cohorts/${encodeURIComponent(id)}/exercises`;
  const [cohort, all, exercises, current, programmes] = await Promise.all([
    api(`/cohorts/${encodeURIComponent(id)}`),
    tracks(),
    catalogue('/exercises'),
    api(path),
    api('/programmes'),
  ]);
  // Certificate programmes over this cohort's tracks that require joint exercises: learners
  // earn them only if their cohort runs those exercises.
  const relevant = programmes.items.filter((p) => p.exercises.length && p.tracks.some((track) => cohort.tracks.includes(track)));
  const andList = (/** @type {string[]} */ items) => new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(items);
  const named = (p) => t('work.exercises.programme', { Title: p.title, Issuer: p.issuer.name });
  const titleOf = new Map(exercises.items.map((x) => [x.slug, x.title]));
  const due = new Map(current.chosen ? current.items.map((x) => [x.slug, x.due_on || '']) : []);
  const state = h('p', { className: 'notice', role: 'status' });
  const missing = h('div', { className: 'notice programme-gaps', hidden: true });
  const drawState = (list) => {
    state.textContent = list.chosen
      ? t('work.exercises.chosen', { Count: list.items.length, Titles: andList(list.items.map((x) => x.title)) })
      : t('work.exercises.none_chosen');
    const run = new Set(list.items.map((x) => x.slug));
    const gaps = relevant.map((p) => ({ p, lacking: p.exercises.filter((e) => !run.has(e)) })).filter((g) => g.lacking.length);
    missing.hidden = gaps.length === 0;
    missing.replaceChildren(
      h('p', {}, t('work.exercises.gaps_intro')),
      h('ul', {}, gaps.map(({ p, lacking }) => h('li', { 'data-programme': p.id },
        t('work.exercises.gap', { Programme: named(p), Exercises: andList(lacking.map((e) => t('work.exercises.quoted', { Title: titleOf.get(e) || e }))) })))));
  };
  drawState(current);
  const rows = exercises.items.map((x, i) => {
    const boxId = uid('exercise');
    const dateId = uid('due');
    const neededBy = relevant.filter((p) => p.exercises.includes(x.slug));
    return h('li', { className: 'exercise-choice', 'data-exercise': x.slug },
      h('div', { className: 'field', 'data-field': `exercises.${x.slug}` },
        h('label', { className: 'choice', for: boxId },
          h('input', { id: boxId, type: 'checkbox', name: 'exercise', value: x.slug, checked: due.has(x.slug) }),
          h('span', {}, h('strong', {}, x.title), x.minutes ? ` · ${t('work.exercises.about', { Time: minutes(x.minutes) })}` : '')),
        neededBy.length ? h('p', { className: 'hint' }, t('work.exercises.required_for', { Programmes: andList(neededBy.map(named)) })) : null,
        h('label', { for: dateId }, `${t('work.exercises.due_on')} `, h('span', { className: 'optional' }, t('common.optional'))),
        h('input', { id: dateId, type: 'date', name: `due-${i}`, 'data-due': x.slug, value: due.get(x.slug) || '', className: 'input-short' })));
  });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'exercises-form', novalidate: true },
    h('fieldset', {},
      h('legend', {}, t('work.exercises.legend')),
      h('ul', { className: 'plain-list' }, rows)),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('work.exercises.save'))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...form.querySelectorAll('input[name="exercise"]:checked')].map((box) => {
      const dueOn = form.querySelector(`input[data-due="${CSS.escape(box.value)}"]`).value;
      return dueOn ? { slug: box.value, due_on: dueOn } : { slug: box.value };
    });
    errors.clear();
    await sendForm(form, errors, async () => {
      const list = await api(path, { method: 'PUT', body: { exercises: chosen } });
      drawState(list);
      status.textContent = t('common.saved');
      announce(t('work.exercises.saved'));
    }, { status, busy: t('common.saving') });
  });
  const node = h('div', { className: 'page' },
    cohortHead(cohort, t('work.exercises.title', { Cohort: cohort.name }), all),
    cohortNav(cohort, 'exercises'),
    state,
    missing,
    h('section', { className: 'panel', 'aria-labelledby': 'choose-heading' },
      h('h2', { id: 'choose-heading' }, t('work.exercises.choose_heading')),
      h('p', {}, t('work.exercises.choose_intro')),
      form),
    h('section', { className: 'panel', 'aria-labelledby': 'cross-heading' },
      h('h2', { id: 'cross-heading' }, t('peer.set_up_heading')),
      h('p', {}, t('peer.set_up_intro')),
      h('ul', {}, exercises.items.filter((x) => !current.chosen || due.has(x.slug)).map((x) => h('li', {},
        h('a', { href: `/teach/cohorts/${encodeURIComponent(id)}/cross-reviews/${encodeURIComponent(x.slug)}` }, t('peer.set_up', { Title: x.title })))))));
  return { title: t('work.exercises.title', { Cohort: cohort.name }), node };
}
