// The choice of a cohort's time zone: every IANA zone the browser knows, preset to the
// cohort's own or, for a new cohort, the browser's.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** timeZoneField is a labelled select of time zones with id, preset to value or the browser's zone. */
export function timeZoneField(id, value) {
  const chosen = value || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  const list = [...new Set(['UTC', chosen, ...zones])];
  const hintId = `${id}-hint`;
  return h('div', { className: 'field', 'data-field': 'time_zone' },
    h('label', { for: id }, t('pages.time_zone')),
    h('p', { className: 'hint', id: hintId }, t('pages.time_zone_hint')),
    h('select', { id, name: 'time_zone', 'aria-describedby': hintId },
      list.map((zone) => h('option', { value: zone, selected: zone === chosen }, zone.replaceAll('_', ' ')))));
}
