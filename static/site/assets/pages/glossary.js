// The shared glossary (/glossary): every term with its clinical and its technical
// explanation, side by side, and a filter to find a term quickly.
import { glossary } from '../catalog.js';
import { badge, h } from '../dom.js';

export default async function glossaryPage() {
  const terms = await glossary();
  const entries = [...terms.values()].sort((a, b) => a.term.localeCompare(b.term, 'en', { sensitivity: 'base' }));
  const list = h('div', { className: 'glossary' }, entries.map((t) => entry(t, terms)));
  const count = h('p', { className: 'hint', role: 'status' }, `${entries.length} terms`);
  const filter = h('input', { type: 'search', id: 'glossary-filter', autocomplete: 'off', 'aria-describedby': 'glossary-filter-hint' });
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    let shown = 0;
    for (const el of list.children) {
      const match = !q || el.textContent.toLowerCase().includes(q);
      el.hidden = !match;
      if (match) shown += 1;
    }
    count.textContent = q ? `${shown} of ${entries.length} terms match` : `${entries.length} terms`;
  });
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Glossary'),
    h('p', { className: 'lede' }, 'One vocabulary, two ways in: each term as a clinician would explain it and as a computer scientist would.'),
    h('div', { className: 'field filter' },
      h('label', { for: 'glossary-filter' }, 'Find a term'),
      h('p', { id: 'glossary-filter-hint', className: 'hint' }, 'Filters the list as you type.'),
      filter),
    count,
    list);
  return { title: 'Glossary', node };
}

function entry(t, terms) {
  const seeAlso = (t.see_also || []).filter((s) => terms.has(s));
  return h('section', { className: 'term', id: t.slug, 'aria-labelledby': `${t.slug}-name` },
    h('h2', { id: `${t.slug}-name` }, t.term),
    h('div', { className: 'term-views' },
      h('div', { className: 'term-view clinical' }, h('p', { className: 'term-view-label' }, badge('clinical'), ' For clinicians'), h('p', {}, t.clinical)),
      h('div', { className: 'term-view technical' }, h('p', { className: 'term-view-label' }, badge('technical'), ' For computer scientists'), h('p', {}, t.technical))),
    seeAlso.length ? h('p', { className: 'see-also' }, 'See also: ',
      seeAlso.map((s, i) => [i ? ', ' : '', h('a', { href: `#${s}` }, terms.get(s).term)])) : null);
}
