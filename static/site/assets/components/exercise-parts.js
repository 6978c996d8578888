// The parts of a joint exercise that the exercise page and a team's workspace both show: the
// brief, each discipline's role (with the team's members in it, in a workspace), the
// deliverables and the rubric.
import { badge, h, rendered } from '../dom.js';
import { t } from '../i18n.js';
import { linkCaseStudies } from './case-links.js';
import { enhanceGlossaryTerms } from './glossary-terms.js';

/** criterionName turns a rubric criterion's slug into words. */
export function criterionName(slug) {
  const words = slug.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** rubricTotal is the most points the rubric gives. */
export function rubricTotal(rubric) {
  return rubric.reduce((n, r) => n + r.max_points, 0);
}

/**
 * exerciseSections draws exercise x's brief, roles, deliverables and rubric as sections with
 * h2 headings; terms is the glossary by slug and cases the case studies by slug, whose
 * mentions become links by title. roleExtra, when given, draws what a team adds under each
 * role (who takes it).
 */
export function exerciseSections(x, terms, roleExtra = null, cases = new Map()) {
  const brief = rendered('div', 'prose', x.brief_html);
  enhanceGlossaryTerms(brief, terms);
  const sections = [
    h('section', { 'aria-labelledby': 'brief-heading' }, h('h2', { id: 'brief-heading' }, t('peer.exercise_brief')), brief),
    h('section', { 'aria-labelledby': 'roles-heading' },
      h('h2', { id: 'roles-heading' }, t('peer.exercise_roles')),
      h('ul', { className: 'roles' }, x.roles.map((r) => h('li', { className: `role ${r.discipline}` },
        h('p', { className: 'role-title' }, badge(r.discipline), ' ', r.title),
        h('p', {}, r.description),
        roleExtra ? roleExtra(r) : null)))),
    h('section', { 'aria-labelledby': 'deliverables-heading' },
      h('h2', { id: 'deliverables-heading' }, t('peer.exercise_deliverables')),
      h('ul', {}, x.deliverables.map((d) => h('li', {}, d)))),
    h('section', { 'aria-labelledby': 'rubric-heading' },
      h('h2', { id: 'rubric-heading' }, t('peer.exercise_rubric')),
      rubricTable(x.rubric)),
  ];
  for (const section of sections) linkCaseStudies(section, cases);
  return sections;
}

/** rubricTable lists the rubric's criteria with what reviewers look for and their points. */
export function rubricTable(rubric) {
  return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('peer.exercise_rubric_table') },
    h('table', { className: 'rubric' },
      h('caption', {}, t('peer.exercise_rubric_caption', { Count: rubricTotal(rubric) })),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('peer.col_criterion')), h('th', { scope: 'col' }, t('peer.exercise_look_for')), h('th', { scope: 'col', className: 'num' }, t('peer.exercise_points')))),
      h('tbody', {}, rubric.map((r) => h('tr', {},
        h('th', { scope: 'row' }, criterionName(r.criterion)),
        h('td', {}, r.description),
        h('td', { className: 'num' }, String(r.max_points)))))));
}
