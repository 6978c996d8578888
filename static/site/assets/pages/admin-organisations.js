// Organisations (/admin/organisations), for platform admins: every university and society
// with its number of members, and the form that creates another.
import { api } from '../api.js';
import { adminLinks, dataTable, selectField } from '../components/admin-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { dateText, h } from '../dom.js';
import { navigate } from '../router.js';

const KINDS = { society: 'Society', university: 'University' };

function createForm() {
  const form = h('form', { id: 'organisation-form', className: 'stack', novalidate: true },
    textField('name', 'Name', { required: true, id: 'organisation-name' }),
    selectField('kind', 'Kind', [['society', 'Society: issues certificates'], ['university', 'University']], { id: 'organisation-kind' }),
    textField('url', 'Website', { inputmode: 'url', id: 'organisation-url', spellcheck: 'false', autocomplete: 'url' }, 'An https address; shown to verifiers of a society’s certificates.'),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Create the organisation')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();
    const body = { name: value('organisation-name'), kind: value('organisation-kind'), url: value('organisation-url') };
    if (!body.name) {
      errors.show({ name: 'Give the organisation its name.' });
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
    h('td', {}, KINDS[o.kind] || o.kind),
    h('td', { className: 'num' }, String(o.members)),
    h('td', {}, dateText(o.created_at))));
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/admin' }, 'Administration')),
    h('h1', {}, 'Organisations'),
    adminLinks('/admin/organisations'),
    items.length ? dataTable(items.length === 1 ? '1 organisation' : `${items.length} organisations`, ['Name', 'Kind', 'Members', 'Created'], rows)
      : h('p', {}, 'No organisation yet. Create the first below.'),
    h('section', { className: 'panel', 'aria-labelledby': 'create-heading' },
      h('h2', { id: 'create-heading' }, 'Create an organisation'),
      createForm()));
  return { title: 'Organisations', node };
}
