// The counterpart bridge: what learners of the other discipline study alongside this module.
import { badge, h } from '../dom.js';

/** counterpartBridge links a module's counterpart in the other track, or returns null. */
export function counterpartBridge(counterpart, ownAudience) {
  if (!counterpart) return null;
  const other = ownAudience === 'clinical' ? 'technical' : 'clinical';
  const who = other === 'clinical' ? 'clinicians' : 'computer scientists';
  return h('aside', { className: `bridge bridge-${other}`, 'aria-label': 'Counterpart module' },
    h('p', { className: 'bridge-kicker' }, badge(other), ` Meanwhile, the ${who} study`),
    h('p', { className: 'bridge-title' }, h('a', { href: `/modules/${encodeURIComponent(counterpart.slug)}` }, counterpart.title)),
    h('p', { className: 'bridge-note' }, 'The same ground from the other side. Reading it shows how your future colleagues think about it.'));
}
