// One joint exercise (/exercises/:slug): the brief, each discipline's role, the deliverables
// and the rubric the work is reviewed against.
import { catalogue } from '../api.js';
import { glossary } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { enhanceGlossaryTerms } from '../components/glossary-terms.js';
import { badge, h, minutes, rendered } from '../dom.js';

export default async function exercisePage({ slug }) {
  const [x, terms] = await Promise.all([catalogue(`/exercises/${encodeURIComponent(slug)}`), glossary()]);
  const brief = rendered('div', 'prose', x.brief_html);
  enhanceGlossaryTerms(brief, terms);
  const total = x.rubric.reduce((n, r) => n + r.max_points, 0);
  const node = h('div', { className: 'page reader' },
    breadcrumbs([['Joint exercises', '/exercises']]),
    h('article', {},
      h('header', { className: 'lesson-head' },
        h('h1', {}, x.title),
        x.minutes ? h('p', { className: 'card-meta' }, `About ${minutes(x.minutes)} of team work`) : null),
      h('section', { 'aria-labelledby': 'brief-heading' }, h('h2', { id: 'brief-heading' }, 'Brief'), brief),
      h('section', { 'aria-labelledby': 'roles-heading' },
        h('h2', { id: 'roles-heading' }, 'Roles'),
        h('ul', { className: 'roles' }, x.roles.map((r) => h('li', { className: `role ${r.discipline}` },
          h('p', { className: 'role-title' }, badge(r.discipline), ' ', r.title),
          h('p', {}, r.description))))),
      h('section', { 'aria-labelledby': 'deliverables-heading' },
        h('h2', { id: 'deliverables-heading' }, 'Deliverables'),
        h('ul', {}, x.deliverables.map((d) => h('li', {}, d)))),
      h('section', { 'aria-labelledby': 'rubric-heading' },
        h('h2', { id: 'rubric-heading' }, 'Rubric'),
        h('table', { className: 'rubric' },
            h('caption', {}, `How the work is reviewed (${total} points in all)`),
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Criterion'), h('th', { scope: 'col' }, 'What reviewers look for'), h('th', { scope: 'col', className: 'num' }, 'Points'))),
            h('tbody', {}, x.rubric.map((r) => h('tr', {},
              h('th', { scope: 'row' }, criterionName(r.criterion)),
              h('td', {}, r.description),
              h('td', { className: 'num' }, String(r.max_points)))))))));
  return { title: x.title, node };
}

function criterionName(slug) {
  const words = slug.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
