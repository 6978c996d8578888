// @ts-check
// The prototype labs (/labs): models on synthetic patients that mixed teams explore together.
import { catalogue } from '../api.js';
import { h, minutes } from '../dom.js';

export default async function labsPage() {
  const { items } = await catalogue('/labs');
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Labs'),
    h('p', { className: 'lede' }, 'Explore a prediction model on synthetic patients: set its threshold, read its curves, and find its flaws as a team.'),
    items.length
      ? h('ul', { className: 'card-list' }, items.map((x) => h('li', {},
        h('article', { className: 'card' },
          h('h2', { className: 'card-title' }, h('a', { href: `/labs/${encodeURIComponent(x.slug)}` }, x.title)),
          h('p', { className: 'card-meta' }, `About ${minutes(x.minutes)} · for the exercise “${x.exercise.title}”`),
          h('p', { className: 'card-summary' }, x.summary)))))
      : h('p', {}, 'There are no labs yet.'));
  return { title: 'Labs', node };
}
