// The case-study library (/case-studies): real implementations of AI in healthcare, the ones
// that worked and the ones that did not.
import { catalogue } from '../api.js';
import { outcomeLabel } from '../components/outcome.js';
import { h } from '../dom.js';

export default async function caseStudiesPage() {
  const { items } = await catalogue('/case-studies');
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Case studies'),
    h('p', { className: 'lede' }, 'Documented deployments of AI in healthcare, successful and not, each with its sources.'),
    items.length
      ? h('ul', { className: 'card-list' }, items.map((c) => h('li', {},
        h('article', { className: 'card' },
          h('p', { className: 'card-kicker' }, outcomeLabel(c.outcome), c.setting ? ` ${c.setting}` : ''),
          h('h2', { className: 'card-title' }, h('a', { href: `/case-studies/${encodeURIComponent(c.slug)}` }, c.title)),
          h('p', { className: 'card-summary' }, c.summary)))))
      : h('p', {}, 'There are no case studies yet.'));
  return { title: 'Case studies', node };
}
