// One joint exercise (/exercises/:slug): the brief (its case studies linked by title), each
// discipline's role, the deliverables and the rubric the work is reviewed against.
import { catalogue } from '../api.js';
import { caseStudies, glossary } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { exerciseSections } from '../components/exercise-parts.js';
import { h, minutes } from '../dom.js';

export default async function exercisePage({ slug }) {
  const [x, terms, cases] = await Promise.all([catalogue(`/exercises/${encodeURIComponent(slug)}`), glossary(), caseStudies()]);
  const node = h('div', { className: 'page reader' },
    breadcrumbs([['Joint exercises', '/exercises']]),
    h('article', {},
      h('header', { className: 'lesson-head' },
        h('h1', {}, x.title),
        x.minutes ? h('p', { className: 'card-meta' }, `About ${minutes(x.minutes)} of team work`) : null),
      exerciseSections(x, terms, null, cases)));
  return { title: x.title, node };
}
