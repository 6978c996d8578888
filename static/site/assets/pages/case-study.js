// One case study (/case-studies/:slug): what happened, with glossary terms and sources.
import { catalogue } from '../api.js';
import { glossary } from '../catalog.js';
import { enhanceGlossaryTerms } from '../components/glossary-terms.js';
import { outcomeLabel } from '../components/outcome.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { h, reference, rendered } from '../dom.js';
import { t } from '../i18n.js';

export default async function caseStudyPage({ slug }) {
  const [c, terms] = await Promise.all([catalogue(`/case-studies/${encodeURIComponent(slug)}`), glossary()]);
  const prose = rendered('div', 'prose', c.html);
  enhanceGlossaryTerms(prose, terms);
  const node = h('div', { className: 'page reader' },
    breadcrumbs([[t('pages.case_studies'), '/case-studies']]),
    h('article', {},
      h('header', { className: 'lesson-head' },
        h('p', { className: 'card-kicker' }, outcomeLabel(c.outcome), c.setting ? ` ${c.setting}` : ''),
        h('h1', {}, c.title),
        h('p', { className: 'lede' }, c.summary)),
      prose,
      h('section', { className: 'references', 'aria-labelledby': 'sources-heading' },
        h('h2', { id: 'sources-heading' }, t('pages.sources')),
        h('ol', {}, c.sources.map(reference)))));
  return { title: c.title, node };
}
