// The shared glossary (/glossary): every term with its clinical and its technical
// explanation, side by side, and a filter to find a term quickly.
import { glossary } from '../catalog.js';
import { badge, h } from '../dom.js';
import { currentLanguage, t } from '../i18n.js';

export default async function glossaryPage() {
  const terms = await glossary();
  const entries = [...terms.values()].sort((a, b) => a.term.localeCompare(b.term, currentLanguage(), { sensitivity: 'base' }));
  const list = h('div', { className: 'glossary' }, entries.map((e) => entry(e, terms)));
  const count = h('p', { className: 'hint', role: 'status' }, t('pages.glossary_count', { Count: entries.length }));
  const filter = h('input', { type: 'search', id: 'glossary-filter', autocomplete: 'off', 'aria-describedby': 'glossary-filter-hint' });
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const el of list.children) {
      const match = !q || el.textContent.toLowerCase().includes(q);
      el.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = q ? t('pages.glossary_matching', { Shown: shown, Count: entries.length }) : t('pages.glossary_count', { Count: entries.length });
  });
  const node = h('div', { className: 'page' },
    h('h1', {}, t('pages.glossary')),
    h('p', { className: 'lede' }, t('pages.glossary_lede')),
    h('div', { className: 'field filter' },
      h('label', { for: 'glossary-filter' }, t('pages.glossary_find')),
      h('p', { id: 'glossary-filter-hint', className: 'hint' }, t('pages.glossary_filter_hint')),
      filter),
    count,
    list);
  return { title: t('pages.glossary'), node };
}

function entry(e, terms) {
  const seeAlso = (e.see_also || []).filter((s) => terms.has(s));
  return h('section', { className: 'term', id: e.slug, 'aria-labelledby': `${e.slug}-name` },
    h('h2', { id: `${e.slug}-name` }, e.term),
    h('div', { className: 'term-views' },
      h('div', { className: 'term-view clinical' }, h('p', { className: 'term-view-label' }, badge('clinical'), ` ${t('catalogue.for_clinicians')}`), h('p', {}, e.clinical)),
      h('div', { className: 'term-view technical' }, h('p', { className: 'term-view-label' }, badge('technical'), ` ${t('catalogue.for_technologists')}`), h('p', {}, e.technical))),
    seeAlso.length ? h('p', { className: 'see-also' }, `${t('pages.glossary_see_also')} `,
      seeAlso.map((s, i) => [i ? ', ' : '', h('a', { href: `#${s}` }, terms.get(s).term)])) : null);
}
