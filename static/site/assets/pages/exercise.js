// One joint exercise (/exercises/:slug): the brief (its case studies linked by title), each
// discipline's role, the deliverables and the rubric the work is reviewed against.
import { catalogue } from '../api.js';
import { caseStudies, glossary } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { exerciseSections } from '../components/exercise-parts.js';
import { h, minutes } from '../dom.js';
import { t } from '../i18n.js';

export default async function exercisePage({ slug }) {
  const [x, terms, cases] = await Promise.all([catalogue(`/exercises/${encodeURIComponent(slug)}`), glossary(), caseStudies()]);
  const node = h('div', { className: 'page reader' },
    breadcrumbs([[t('peer.exercises_title'), '/exercises']]),
    h('article', {},
      h('header', { className: 'lesson-head' },
        h('h1', {}, x.title),
        x.minutes ? h('p', { className: 'card-meta' }, t('peer.exercise_team_minutes', { Minutes: minutes(x.minutes) })) : null),
      exerciseSections(x, terms, null, cases)));
  return { title: x.title, node };
}
