// Teaching (/teach), for instructors and admins: the cohorts they teach, a form that creates
// one, and the way to the lessons' feedback.
import { api } from '../api.js';
import { tracks } from '../catalog.js';
import { andList, cohortDates, cohortHref } from '../components/cohort-nav.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { linkedText } from '../components/linked-text.js';
import { textField } from '../components/text-field.js';
import { timeZoneField } from '../components/time-zone.js';
import { badge, h } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';

export default async function teachPage() {
  const [{ items }, all] = await Promise.all([api('/cohorts'), tracks()]);
  const taught = items.filter((c) => c.role === 'instructor');
  const titleOf = (slug) => (all.find((tr) => tr.slug === slug) || { title: slug }).title;
  const node = h('div', { className: 'page' },
    h('h1', {}, t('header.teaching')),
    h('p', { className: 'lede' }, t('cohort.teach.lede')),
    h('section', { 'aria-labelledby': 'cohorts-heading' },
      h('h2', { id: 'cohorts-heading' }, t('cohort.teach.yours')),
      taught.length
        ? h('ul', { className: 'card-list' }, taught.map((c) => h('li', {}, h('article', { className: 'card', 'data-cohort': c.id },
          h('h3', { className: 'card-title' }, h('a', { href: cohortHref(c.id) }, c.name)),
          h('p', { className: 'card-meta' }, andList(c.tracks.map(titleOf))),
          c.starts_on || c.ends_on ? h('p', { className: 'card-meta' }, cohortDates(c)) : null,
          h('p', { className: 'cohort-links' },
            h('a', { href: cohortHref(c.id, 'teams') }, t('cohort.tab.teams')), ' · ',
            h('a', { href: cohortHref(c.id, 'reviews') }, t('cohort.tab.reviews')))))))
        : h('p', {}, t('cohort.teach.none'))),
    h('section', { className: 'panel', 'aria-labelledby': 'create-heading' },
      h('h2', { id: 'create-heading' }, t('cohort.teach.create')),
      createForm(all)),
    h('section', { 'aria-labelledby': 'feedback-heading' },
      h('h2', { id: 'feedback-heading' }, t('cohort.feedback.title')),
      h('p', {}, linkedText('cohort.teach.feedback', {}, { Link: h('a', { href: '/teach/feedback' }, t('cohort.teach.feedback_link')) }))));
  return { title: t('header.teaching'), node };
}

function createForm(all) {
  const form = h('form', { id: 'cohort-form', className: 'stack', novalidate: true },
    textField('name', t('cohort.name'), { required: true, id: 'cohort-name' }, t('cohort.teach.name_hint')),
    h('fieldset', { className: 'choice-group', 'data-field': 'tracks' },
      h('legend', {}, t('cohort.teach.tracks')),
      h('div', { className: 'choices' }, all.map((tr) => h('label', { className: 'choice' },
        h('input', { type: 'checkbox', name: 'tracks', value: tr.slug, checked: true }),
        h('span', {}, badge(tr.audience), ' ', tr.title))))),
    h('div', { className: 'field-row' },
      textField('starts_on', t('cohort.starts_on'), { type: 'date', id: 'cohort-starts' }),
      textField('ends_on', t('cohort.ends_on'), { type: 'date', id: 'cohort-ends' })),
    timeZoneField('cohort-zone'),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('cohort.teach.submit'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const name = form.querySelector('#cohort-name').value.trim();
    const chosen = [...form.querySelectorAll('input[name="tracks"]:checked')].map((i) => i.value);
    const missing = {};
    if (!name) missing.name = t('cohort.missing_name');
    if (!chosen.length) missing.tracks = t('cohort.teach.missing_tracks');
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
