// Organisations (/admin/organisations), for platform admins: every university and society
// with its number of members, and the form that creates another.
import { api } from '../api.js';
import { adminLinks, dataTable, selectField } from '../components/admin-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { dateText, h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { navigate } from '../router.js';

/** kindName names an organisation's kind. */
const kindName = (kind) => (kind === 'society' || kind === 'university' ? t(`admin.kind.${kind}`) : kind);

function createForm() {
  const form = h('form', { id: 'organisation-form', className: 'stack', novalidate: true },
    textField('name', t('admin.name'), { required: true, id: 'organisation-name' }),
    selectField('kind', t('admin.kind_label'), [['society', t('admin.kind.society_issues')], ['university', t('admin.kind.university')]], { id: 'organisation-kind' }),
    textField('url', t('admin.website'), { inputmode: 'url', id: 'organisation-url', spellcheck: 'false', autocomplete: 'url' }, t('admin.organisations.website_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('admin.organisations.submit'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();
    const body = { name: value('organisation-name'), kind: value('organisation-kind'), url: value('organisation-url') };
    if (!body.name) {
      errors.show({ name: t('admin.organisations.missing_name') });
      return;
    }
    /** @type {any} */
    let created = null;
    if (await sendForm(form, errors, async () => { created = await api('/organisations', { method: 'POST', body }); })) {
      navigate(`/admin/organisations/${encodeURIComponent(created.id)}`);
    }
  });
  return form;
}

export default async function adminOrganisationsPage() {
  const { items } = await api('/organisations');
  const rows = items.map((o) => h('tr', { 'data-organisation': o.id },
    h('th', { scope: 'row' }, h('a', { href: `/admin/organisations/${encodeURIComponent(o.id)}` }, o.name)),
    h('td', {}, kindName(o.kind)),
    h('td', { className: 'num' }, formatNumber(o.members)),
    h('td', {}, dateText(o.created_at))));
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/admin' }, t('admin.title'))),
    h('h1', {}, t('admin.organisations_title')),
    adminLinks('/admin/organisations'),
    items.length ? dataTable(t('admin.organisations.count', { Count: items.length }), [t('admin.name'), t('admin.kind_label'), t('admin.organisations.members'), t('admin.organisations.created')], rows)
      : h('p', {}, t('admin.organisations.none')),
    h('section', { className: 'panel', 'aria-labelledby': 'create-heading' },
      h('h2', { id: 'create-heading' }, t('admin.organisations.create')),
      createForm()));
  return { title: t('admin.organisations_title'), node };
}
