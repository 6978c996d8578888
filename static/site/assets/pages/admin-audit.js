// The audit log (/admin/audit), for platform admins: who did what to what, newest first. The
// filters (actor, action, target, date range) live in the address, so a filtered view can be
// shared and the browser's back button returns to the previous one; the server filters and
// pages.
import { api } from '../api.js';
import { adminLinks, dataTable, filtersInAddress, selectField } from '../components/admin-parts.js';
import { fieldErrors } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';

const FILTERS = ['actor', 'action', 'target', 'from', 'to'];
const ACTIONS = [['', 'Any action'], ['organisation.', 'Organisations'], ['membership.', 'Memberships and roles'], ['user.', 'Accounts'],
  ['programme.', 'Programmes'], ['certificate.', 'Certificates'], ['key.', 'Signing keys'], ['lti.', 'Learning platforms']];

function when(iso) {
  return new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

function filterForm(query) {
  const form = h('form', { id: 'audit-filters', className: 'filter-grid', novalidate: true },
    textField('actor', 'Who', { id: 'audit-actor', value: query.get('actor') || '', spellcheck: 'false', autocomplete: 'off' }, 'An email address.'),
    selectField('action', 'Action', ACTIONS.some(([v]) => v === (query.get('action') || '')) ? ACTIONS : [...ACTIONS, [query.get('action'), query.get('action')]],
      { id: 'audit-action', value: query.get('action') || '' }),
    textField('target', 'Target', { id: 'audit-target', value: query.get('target') || '', spellcheck: 'false', autocomplete: 'off' }, 'A serial or an id.'),
    textField('from', 'From', { type: 'date', id: 'audit-from', value: query.get('from') || '' }),
    textField('to', 'To', { type: 'date', id: 'audit-to', value: query.get('to') || '' }),
    h('p', { className: 'filter-actions' }, h('button', { type: 'submit', className: 'button' }, 'Filter'), ' ',
      h('a', { href: '/admin/audit', className: 'button button-quiet' }, 'Clear')));
  return filtersInAddress(form, FILTERS, '/admin/audit');
}

// target shows an event's subject, linked to its page where the UI has one.
function target(subject) {
  const [kind, id] = subject.split(/:(.*)/s);
  const pages = { organisation: '/admin/organisations/', certificate: '/verify/' };
  const code = h('code', {}, subject);
  return pages[kind] && id ? h('a', { href: pages[kind] + encodeURIComponent(id) }, code) : code;
}

function details(d) {
  if (!d || typeof d !== 'object') return '';
  return Object.entries(d).map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : v}`).join('; ');
}

export default async function adminAuditPage(_params, query) {
  const params = new URLSearchParams();
  for (const name of [...FILTERS, 'before']) if (query.get(name)) params.set(name, query.get(name));
  params.set('limit', '50');
  const form = filterForm(query);
  const errors = fieldErrors(form);
  let page = { items: [], next_cursor: '' };
  try {
    page = await api(`/audit?${params}`);
  } catch (err) {
    if (err.status !== 422) throw err;
    errors.show(err.details || {}, err.message);
  }
  const rows = page.items.map((e) => h('tr', { 'data-event': e.id },
    h('td', {}, h('time', { datetime: e.at }, when(e.at))),
    h('td', {}, e.actor_name ? [h('span', { className: 'cell-main' }, e.actor_name), h('span', { className: 'cell-sub' }, e.actor_email)] : (e.actor_id ? 'A removed account' : 'Tandem')),
    h('td', {}, h('code', {}, e.action)),
    h('td', { className: 'audit-target' }, target(e.subject)),
    h('td', { className: 'audit-details' }, details(e.details))));
  const older = new URLSearchParams(params);
  older.delete('limit');
  older.set('before', page.next_cursor);
  const filtered = FILTERS.some((name) => query.get(name));
  const node = h('div', { className: 'page wide' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/admin' }, 'Administration')),
    h('h1', {}, 'Audit log'),
    adminLinks('/admin/audit'),
    h('section', { className: 'panel', 'aria-label': 'Filters' }, form),
    rows.length ? dataTable(filtered ? 'Events that match, newest first' : 'Events, newest first', ['When', 'Who', 'Action', 'Target', 'Details'], rows, 'audit-table')
      : h('p', { className: 'audit-empty' }, filtered ? 'No event matches these filters.' : 'Nothing has been recorded yet.'),
    h('p', { className: 'audit-paging' },
      query.get('before') ? h('a', { href: `/admin/audit?${new URLSearchParams([...params].filter(([k]) => k !== 'before' && k !== 'limit'))}`, className: 'button button-secondary' }, 'Newest entries') : null, ' ',
      page.next_cursor ? h('a', { href: `/admin/audit?${older}`, className: 'button button-secondary', rel: 'next' }, 'Older entries') : null));
  return { title: 'Audit log', node };
}
