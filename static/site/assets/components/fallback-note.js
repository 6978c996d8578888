// @ts-check
// The note a page shows where a catalogue item is in English because it has no translation
// into the reader's language yet (the API marks such items with fallback: true).
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * fallbackNote is a short note that item is shown in English, or null when it is shown in
 * the language asked for.
 * @param {{language?: string, fallback?: boolean} | null | undefined} item
 * @returns {HTMLElement | null}
 */
export function fallbackNote(item) {
  if (!item || !item.fallback) return null;
  return h('p', { className: 'fallback-note', role: 'note' }, t('content.fallback_note'));
}
