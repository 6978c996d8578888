// The audit log (/admin/audit), for platform admins: who did what to what, newest first. The
// filters (actor, action, target, date range) live in the address, so a filtered view can be
// shared and the browser's back button returns to the previous one; the server filters and
// pages.
import { api } from '../api.js';
import { adminLinks, dataTable, filtersInAddress, selectField } from '../components/admin-parts.js';
import { fieldErrors } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { formatDate, t } from '../i18n.js';

const FILTERS = ['actor', 'action', 'target', 'from', 'to'];
// ACTIONS are the kinds of action the filter offers: the prefix of their names, and their label.
const ACTIONS = [['', 'admin.audit.any_action'], ['organisation.', 'admin.organisations_title'], ['membership.', 'admin.audit.memberships'], ['user.', 'admin.audit.accounts'],
  ['programme.', 'admin.audit.programmes'], ['certificate.', 'admin.audit.certificates'], ['key.', 'admin.audit.keys'], ['lti.', 'admin.learning_platforms']];

function when(iso) {
  return formatDate(iso, { dateStyle: 'medium', timeStyle: 'short' });
}

function filterForm(query) {
  const actions = ACTIONS.map(([v, key]) => [v, t(key)]);
  const form = h('form', { id: 'audit-filters', className: 'filter-grid', novalidate: true },
    textField('actor', t('admin.audit.who'), { id: 'audit-actor', value: query.get('actor') || '', spellcheck: 'false', autocomplete: 'off' }, t('admin.audit.who_hint')),
    selectField('action', t('admin.audit.action'), actions.some(([v]) => v === (query.get('action') || '')) ? actions : [...actions, [query.get('action'), query.get('action')]],
      { id: 'audit-action', value: query.get('action') || '' }),
    textField('target', t('admin.audit.target'), { id: 'audit-target', value: query.get('target') || '', spellcheck: 'false', autocomplete: 'off' }, t('admin.audit.target_hint')),
    textField('from', t('admin.audit.from'), { type: 'date', id: 'audit-from', value: query.get('from') || '' }),
    textField('to', t('admin.audit.to'), { type: 'date', id: 'audit-to', value: query.get('to') || '' }),
    h('p', { className: 'filter-actions' }, h('button', { type: 'submit', className: 'button' }, t('admin.audit.filter')), ' ',
      h('a', { href: '/admin/audit', className: 'button button-quiet' }, t('admin.clear'))));
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
    h('td', {}, e.actor_name ? [h('span', { className: 'cell-main' }, e.actor_name), h('span', { className: 'cell-sub' }, e.actor_email)] : (e.actor_id ? t('admin.audit.removed_account') : 'Tandem')),
    h('td', {}, h('code', {}, e.action)),
    h('td', { className: 'audit-target' }, target(e.subject)),
    h('td', { className: 'audit-details' }, details(e.details))));
  const older = new URLSearchParams(params);
  older.delete('limit');
  older.set('before', page.next_cursor);
  const filtered = FILTERS.some((name) => query.get(name));
  const node = h('div', { className: 'page wide' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/admin' }, t('admin.title'))),
    h('h1', {}, t('admin.audit_log')),
    adminLinks('/admin/audit'),
    h('section', { className: 'panel', 'aria-label': t('admin.audit.filters') }, form),
    rows.length ? dataTable(t(filtered ? 'admin.audit.matching' : 'admin.audit.events'),
      [t('admin.audit.when'), t('admin.audit.who'), t('admin.audit.action'), t('admin.audit.target'), t('admin.audit.details')], rows, 'audit-table')
      : h('p', { className: 'audit-empty' }, t(filtered ? 'admin.audit.no_match' : 'admin.audit.empty')),
    h('p', { className: 'audit-paging' },
      query.get('before') ? h('a', { href: `/admin/audit?${new URLSearchParams([...params].filter(([k]) => k !== 'before' && k !== 'limit'))}`, className: 'button button-secondary' }, t('admin.audit.newest')) : null, ' ',
      page.next_cursor ? h('a', { href: `/admin/audit?${older}`, className: 'button button-secondary', rel: 'next' }, t('admin.audit.older')) : null));
  return { title: t('admin.audit_log'), node };
}
