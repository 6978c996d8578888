// @ts-check
// Exercise briefs name case studies by their slugs (`epic-sepsis-model`), as authors write
// them. linkCaseStudies turns each mention into a link to the case study, named by its title.
import { h } from '../dom.js';

/**
 * linkCaseStudies replaces, under root, every code span that is exactly a case study's slug and
 * every slug mentioned in plain text with a link titled as the case study; cases maps slugs
 * to {slug, title}. Text inside links and code that is not a slug is left as it is.
 * @param {Element} root
 * @param {Map<string, {slug: string, title: string}>} cases
 */
export function linkCaseStudies(root, cases) {
  if (!cases.size) return;
  for (const code of [...root.querySelectorAll('code')]) {
    const c = cases.get((code.textContent || '').trim());
    if (c && !code.closest('a, pre')) code.replaceWith(caseLink(c));
  }
  const slugs = [...cases.keys()].sort((a, b) => b.length - a.length).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w-])(${slugs.join('|')})(?![\\w-])`, 'g');
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  /** @type {Text[]} */
  const texts = [];
  for (let n = /** @type {Text | null} */ (walker.nextNode()); n; n = /** @type {Text | null} */ (walker.nextNode())) {
    if (!n.parentElement?.closest('a, code, pre') && pattern.test(n.nodeValue || '')) texts.push(n);
    pattern.lastIndex = 0;
  }
  for (const text of texts) {
    const value = text.nodeValue || '';
    const parts = [];
    let last = 0;
    for (const m of value.matchAll(pattern)) {
      parts.push(value.slice(last, m.index), caseLink(cases.get(m[1])));
      last = (m.index || 0) + m[1].length;
    }
    parts.push(value.slice(last));
    text.replaceWith(...parts.filter((p) => p !== ''));
  }
}

/** @param {{slug: string, title: string}} c */
function caseLink(c) {
  return h('a', { className: 'case-link', href: `/case-studies/${encodeURIComponent(c.slug)}` }, c.title);
}
