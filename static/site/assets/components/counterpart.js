// The counterpart bridge: what learners of the other discipline study alongside this module.
import { badge, h } from '../dom.js';
import { contentLang, t } from '../i18n.js';

/** counterpartBridge links a module's counterpart in the other track, or returns null. */
export function counterpartBridge(counterpart, ownAudience) {
  if (!counterpart) return null;
  const other = ownAudience === 'clinical' ? 'technical' : 'clinical';
  return h('aside', { className: `bridge bridge-${other}`, 'aria-label': t('counterpart.label') },
    h('p', { className: 'bridge-kicker' }, badge(other), ' ', t(other === 'clinical' ? 'counterpart.clinicians_study' : 'counterpart.technologists_study')),
    h('p', { className: 'bridge-title', lang: contentLang(counterpart) }, h('a', { href: `/modules/${encodeURIComponent(counterpart.slug)}` }, counterpart.title)),
    h('p', { className: 'bridge-note' }, t('counterpart.note')));
}
