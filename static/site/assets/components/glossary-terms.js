// Glossary terms in rendered catalogue HTML: each a.glossary-term[data-term] opens, in place,
// the term's clinical and technical explanations (a disclosure: Enter or a click toggles it,
// Escape closes it and returns focus to the term). The explanation opens just below the
// paragraph, list item or table cell that holds the term, so the sentence stays whole. A term
// missing from the glossary keeps its plain link to the glossary page.
import { badge, h, uid } from '../dom.js';
import { contentLang, currentLanguage, t } from '../i18n.js';

/** enhanceGlossaryTerms wires every glossary link inside root to the terms in glossary (a Map by slug). */
export function enhanceGlossaryTerms(root, glossary) {
  for (const link of root.querySelectorAll('a.glossary-term[data-term]')) {
    const term = glossary.get(link.dataset.term);
    if (!term) continue;
    link.setAttribute('aria-expanded', 'false');
    link.addEventListener('click', (event) => {
      event.preventDefault();
      toggle(root, link, term);
    });
  }
  root.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const card = event.target.closest('.term-card');
    const link = card ? root.querySelector(`a.glossary-term[aria-controls="${card.id}"]`) : event.target.closest('a.glossary-term[aria-expanded="true"]');
    if (link) {
      close(link);
      link.focus();
    }
  });
}

const BLOCKS = 'p, li, td, th, dd, blockquote';

function toggle(root, link, term) {
  if (link.getAttribute('aria-expanded') === 'true') {
    close(link);
    return;
  }
  for (const open of root.querySelectorAll('a.glossary-term[aria-expanded="true"]')) close(open);
  const id = uid('term');
  const card = h('span', { className: 'term-card', id, role: 'group', 'aria-label': t('glossary.explained', { Term: term.term }), lang: contentLang(term) },
    h('span', { className: 'term-card-title' }, term.term),
    h('span', { className: 'term-card-row' }, badge('clinical'), ' ', term.clinical),
    h('span', { className: 'term-card-row' }, badge('technical'), ' ', term.technical),
    h('span', { className: 'term-card-actions' },
      h('a', { href: `/glossary#${encodeURIComponent(term.slug)}`, lang: contentLang(term) ? currentLanguage() : null }, t('glossary.open')),
      h('button', { type: 'button', className: 'button button-small button-quiet', onclick: () => { close(link); link.focus(); } },
        h('span', { lang: contentLang(term) ? currentLanguage() : null }, t('common.close')), h('span', { className: 'visually-hidden' }, ` ${term.term}`))));
  const block = link.closest(BLOCKS);
  if (block && root.contains(block)) block.append(card);
  else link.after(card);
  link.setAttribute('aria-controls', id);
  link.setAttribute('aria-expanded', 'true');
}

function close(link) {
  const card = document.getElementById(link.getAttribute('aria-controls'));
  if (card) card.remove();
  link.setAttribute('aria-expanded', 'false');
  link.removeAttribute('aria-controls');
}
