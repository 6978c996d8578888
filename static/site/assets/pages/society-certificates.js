// The certificates a society issued (/society/:org/certificates): found by the holder's name,
// email or the serial, narrowed to a programme and a status, newest first, a page at a time.
// The filters live in the address. A revoked certificate can be re-issued here: the holder
// gets a new certificate with a new serial, and the revoked one stays revoked.
import { api, newIdempotencyKey } from '../api.js';
import { dataTable, filtersInAddress, selectField } from '../components/admin-parts.js';
import { fieldErrors } from '../components/form-errors.js';
import { linkedText } from '../components/linked-text.js';
import { textField } from '../components/text-field.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';

const STATUSES = ['valid', 'revoked', 'expired'];
const FILTERS = ['q', 'programme', 'status'];

function filterForm(org, programmes, query) {
  const form = h('form', { id: 'certificate-filters', className: 'filter-grid', role: 'search', novalidate: true },
    textField('q', t('society.certs.search'), { type: 'search', id: 'certificates-q', value: query.get('q') || '', spellcheck: 'false', autocomplete: 'off' }, t('society.certs.search_hint')),
    selectField('programme', t('certificates.programme'), [['', t('society.certs.any_programme')], ...programmes.map((p) => [p.id, p.retired_at ? t('society.certs.retired_programme', { Title: p.title }) : p.title])], { id: 'certificates-programme', value: query.get('programme') || '' }),
    selectField('status', t('society.certs.status'), [['', t('society.certs.any_status')], ...STATUSES.map((s) => [s, statusText(s)])], { id: 'certificates-status', value: query.get('status') || '' }),
    h('p', { className: 'filter-actions' }, h('button', { type: 'submit', className: 'button' }, t('society.certs.search')), ' ',
      h('a', { href: `/society/${encodeURIComponent(org)}/certificates`, className: 'button button-quiet' }, t('admin.clear'))));
  return filtersInAddress(form, FILTERS, `/society/${encodeURIComponent(org)}/certificates`);
}

/** statusText names a certificate's status. */
const statusText = (status) => (STATUSES.includes(status) ? t(`certificates.status_${status}`) : status);

// reissueButton re-issues a revoked certificate and shows the new one in its place.
function reissueButton(c, cell) {
  const key = newIdempotencyKey();
  const button = h('button', { type: 'button', className: 'button button-small button-secondary' }, t('society.certs.reissue'), h('span', { className: 'visually-hidden' }, ` ${c.serial}`));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      const fresh = await api(`/certificates/${encodeURIComponent(c.serial)}/reissue`, { method: 'POST', idempotencyKey: key });
      cell.replaceChildren(h('span', { className: 'reissued', 'data-result': 'reissued' }, reissuedAs(fresh.serial)));
      announce(t('society.certs.reissued', { Serial: fresh.serial }));
    } catch (err) {
      button.disabled = false;
      cell.append(h('p', { className: 'form-error', role: 'alert' }, err.message));
    }
  });
  return button;
}

// reissuedAs says which certificate replaced a re-issued one, linked to its verification page.
function reissuedAs(serial) {
  return linkedText('society.certs.reissued_as', {}, { Serial: h('a', { href: `/verify/${encodeURIComponent(serial)}` }, serial) });
}

function row(c) {
  const action = h('td', { className: 'certificate-action' });
  if (c.replaced_by) action.append(...reissuedAs(c.replaced_by));
  else if (c.status === 'revoked') action.append(reissueButton(c, action));
  return h('tr', { 'data-serial': c.serial, 'data-status': c.status },
    h('th', { scope: 'row' }, h('span', { className: 'cell-main' }, c.holder_erased ? t('society.certs.erased') : c.holder_name), c.email ? h('span', { className: 'cell-sub' }, c.email) : null),
    h('td', {}, h('a', { className: 'serial', href: `/verify/${encodeURIComponent(c.serial)}` }, c.serial)),
    h('td', {}, c.programme),
    h('td', {}, h('span', { className: `status status-${c.status}` }, statusText(c.status)), c.revoked_reason ? h('span', { className: 'cell-sub' }, c.revoked_reason) : null),
    h('td', {}, dateText(c.issued_at)),
    action);
}

export default async function societyCertificatesPage({ org }, query) {
  const base = `/organisations/${encodeURIComponent(org)}`;
  const params = new URLSearchParams();
  for (const name of [...FILTERS, 'before']) if (query.get(name)) params.set(name, query.get(name));
  params.set('limit', '25');
  const [profile, programmes] = await Promise.all([api(`/issuers/${encodeURIComponent(org)}`), api(`${base}/programmes`)]);
  const form = filterForm(org, programmes.items, query);
  const errors = fieldErrors(form);
  let page = { items: [], next_cursor: '' };
  try {
    page = await api(`${base}/certificates?${params}`);
  } catch (err) {
    if (err.status !== 422) throw err;
    errors.show(err.details || {}, err.message);
  }
  const filtered = FILTERS.some((name) => query.get(name));
  const older = new URLSearchParams(params);
  older.delete('limit');
  older.set('before', page.next_cursor);
  const here = `/society/${encodeURIComponent(org)}/certificates`;
  const node = h('div', { className: 'page wide' },
    h('p', { className: 'card-kicker' }, h('a', { href: `/society/${encodeURIComponent(org)}` }, profile.name)),
    h('h1', {}, t('society.certs.title')),
    h('p', { className: 'lede' }, t('society.certs.lede')),
    h('section', { className: 'panel', 'aria-label': t('society.certs.filters') }, form),
    page.items.length ? dataTable(t(filtered ? 'society.certs.matching' : 'society.certs.all'),
      [t('society.certs.holder'), t('society.certs.serial'), t('certificates.programme'), t('society.certs.status'), t('society.certs.issued'), ''], page.items.map(row), 'certificates-table')
      : h('p', { className: 'certificates-empty' }, t(filtered ? 'society.certs.no_match' : 'society.certs.none')),
    h('p', { className: 'audit-paging' },
      query.get('before') ? h('a', { href: `${here}?${new URLSearchParams([...params].filter(([k]) => k !== 'before' && k !== 'limit'))}`, className: 'button button-secondary' }, t('society.certs.newest')) : null, ' ',
      page.next_cursor ? h('a', { href: `${here}?${older}`, className: 'button button-secondary', rel: 'next' }, t('society.certs.older')) : null));
  return { title: t('society.certs.title'), node };
}
