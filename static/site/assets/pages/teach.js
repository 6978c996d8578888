// Teaching (/teach), for instructors and admins: the cohorts they teach, a form that creates
// one, and the way to the lessons' feedback.
import { api } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHref } from '../components/cohort-nav.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { timeZoneField } from '../components/time-zone.js';
import { badge, h } from '../dom.js';
import { navigate } from '../router.js';

export default async function teachPage() {
  const [{ items }, all] = await Promise.all([api('/cohorts'), tracks()]);
  const taught = items.filter((c) => c.role === 'instructor');
  const titleOf = (slug) => (all.find((t) => t.slug === slug) || { title: slug }).title;
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Teaching'),
    h('p', { className: 'lede' }, 'Run a cohort: add its learners, follow their progress, form mixed teams and review their work.'),
    h('section', { 'aria-labelledby': 'cohorts-heading' },
      h('h2', { id: 'cohorts-heading' }, 'Your cohorts'),
      taught.length
        ? h('ul', { className: 'card-list' }, taught.map((c) => h('li', {}, h('article', { className: 'card', 'data-cohort': c.id },
          h('h3', { className: 'card-title' }, h('a', { href: cohortHref(c.id) }, c.name)),
          h('p', { className: 'card-meta' }, c.tracks.map(titleOf).join(' and ')),
          c.starts_on || c.ends_on ? h('p', { className: 'card-meta' }, [c.starts_on, c.ends_on].filter(Boolean).join(' to ')) : null,
          h('p', { className: 'cohort-links' },
            h('a', { href: cohortHref(c.id, 'teams') }, 'Teams'), ' · ',
            h('a', { href: cohortHref(c.id, 'reviews') }, 'Review queue'))))))
        : h('p', {}, 'You do not teach a cohort yet. Create one below.')),
    h('section', { className: 'panel', 'aria-labelledby': 'create-heading' },
      h('h2', { id: 'create-heading' }, 'Create a cohort'),
      createForm(all)),
    h('section', { 'aria-labelledby': 'feedback-heading' },
      h('h2', { id: 'feedback-heading' }, 'Lesson feedback'),
      h('p', {}, 'What learners say about each lesson, split by discipline, and the problems they report: ', h('a', { href: '/teach/feedback' }, 'read and answer the feedback'), '.')));
  return { title: 'Teaching', node };
}

function createForm(all) {
  const form = h('form', { id: 'cohort-form', className: 'stack', novalidate: true },
    textField('name', 'Name of the cohort', { required: true, id: 'cohort-name' }, 'For example: Anaesthesia and informatics, spring 2027.'),
    h('fieldset', { className: 'choice-group', 'data-field': 'tracks' },
      h('legend', {}, 'Tracks the cohort follows'),
      h('div', { className: 'choices' }, all.map((t) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'tracks', value: t.slug, checked: true }),
        h('span', {}, badge(t.audience), ' ', t.title))))),
    h('div', { className: 'field-row' },
      textField('starts_on', 'Starts on', { type: 'date', id: 'cohort-starts' }),
      textField('ends_on', 'Ends on', { type: 'date', id: 'cohort-ends' })),
    timeZoneField('cohort-zone'),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Create the cohort')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.querySelector('#cohort-name').value.trim();
    const chosen = [...form.querySelectorAll('input[name="tracks"]:checked')].map((i) => i.value);
    const missing = {};
    if (!name) missing.name = 'Give the cohort a name.';
    if (!chosen.length) missing.tracks = 'Choose at least one track.';
    if (Object.keys(missing).length) {
      errors.show(missing);
      return;
    }
    const body = { name, tracks: chosen, time_zone: form.querySelector('#cohort-zone').value };
    const startsOn = form.querySelector('#cohort-starts').value;
    const endsOn = form.querySelector('#cohort-ends').value;
    if (startsOn) body.starts_on = startsOn;
    if (endsOn) body.ends_on = endsOn;
    await sendForm(form, errors, async () => {
      const cohort = await api('/cohorts', { method: 'POST', body });
      navigate(cohortHref(cohort.id));
    });
  });
  return form;
}
