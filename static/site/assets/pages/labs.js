// @ts-check
// The prototype labs (/labs): models on synthetic patients that mixed teams explore together.
import { catalogue } from '../api.js';
import { h, minutes } from '../dom.js';
import { t } from '../i18n.js';

export default async function labsPage() {
  const { items } = await catalogue('/labs');
  const node = h('div', { className: 'page' },
    h('h1', {}, t('lab.labs')),
    h('p', { className: 'lede' }, t('lab.labs_lede')),
    items.length
      ? h('ul', { className: 'card-list' }, items.map((x) => h('li', {},
        h('article', { className: 'card' },
          h('h2', { className: 'card-title' }, h('a', { href: `/labs/${encodeURIComponent(x.slug)}` }, x.title)),
          h('p', { className: 'card-meta' }, t('lab.about_for_named_exercise', { Time: minutes(x.minutes), Exercise: x.exercise.title })),
          h('p', { className: 'card-summary' }, x.summary)))))
      : h('p', {}, t('lab.no_labs')));
  return { title: t('lab.labs'), node };
}
