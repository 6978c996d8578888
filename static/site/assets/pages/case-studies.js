// The case-study library (/case-studies): real implementations of AI in healthcare, the ones
// that worked and the ones that did not.
import { catalogue } from '../api.js';
import { outcomeLabel } from '../components/outcome.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default async function caseStudiesPage() {
  const { items } = await catalogue('/case-studies');
  const node = h('div', { className: 'page' },
    h('h1', {}, t('pages.case_studies')),
    h('p', { className: 'lede' }, t('pages.case_studies_lede')),
    items.length
      ? h('ul', { className: 'card-list' }, items.map((c) => h('li', {},
        h('article', { className: 'card' },
          h('p', { className: 'card-kicker' }, outcomeLabel(c.outcome), c.setting ? ` ${c.setting}` : ''),
          h('h2', { className: 'card-title' }, h('a', { href: `/case-studies/${encodeURIComponent(c.slug)}` }, c.title)),
          h('p', { className: 'card-summary' }, c.summary)))))
      : h('p', {}, t('pages.case_studies_none')));
  return { title: t('pages.case_studies'), node };
}
