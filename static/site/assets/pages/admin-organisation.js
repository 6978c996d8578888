// One organisation (/admin/organisations/:id), for platform admins and the organisation's own
// society admins: its name and website (both may change them), its members with their roles
// (change a role, remove a member after a confirmation, add one by email), and for a society
// a link to its programmes and certificates. Nobody changes their own role here.
import { api } from '../api.js';
import { ROLES, adminLinks, dataTable, roleName, selectField } from '../components/admin-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { announce, dateText, h, uid } from '../dom.js';
import { t } from '../i18n.js';
import { reload } from '../router.js';
import { currentUser } from '../session.js';

/** roleChoices are the roles the caller may give: only platform admins make authors. */
function roleChoices(isAdmin) {
  return ROLES.filter((role) => isAdmin || role !== 'author').map((role) => [role, roleName(role)]);
}

function editForm(org) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'organisation-edit', className: 'stack', novalidate: true },
    textField('name', t('admin.name'), { required: true, id: 'edit-name', value: org.name }),
    textField('url', t('admin.website'), { inputmode: 'url', id: 'edit-url', value: org.url || '', spellcheck: 'false', autocomplete: 'url' }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('common.save'))),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();
    const body = { name: value('edit-name'), url: value('edit-url') };
    if (!body.name) {
      errors.show({ name: t('admin.organisation.missing_name') });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => api(`/organisations/${encodeURIComponent(org.id)}`, { method: 'PATCH', body }), { status, busy: t('common.saving') })) {
      status.textContent = t('common.saved');
      announce(t('admin.organisation.saved'));
      const title = document.querySelector('h1');
      if (title) title.textContent = body.name;
    }
  });
  return form;
}

function memberRow(org, m, choices) {
  const self = m.user_id === currentUser().id;
  const name = h('th', { scope: 'row' }, h('span', { className: 'cell-main' }, m.name), h('span', { className: 'cell-sub' }, m.email));
  if (self) return h('tr', { 'data-member': m.user_id }, name, h('td', {}, roleName(m.role), h('span', { className: 'cell-sub' }, t('admin.organisation.you'))), h('td', {}, dateText(m.since)), h('td', {}));
  const selectId = uid('role');
  const form = h('form', { className: 'inline-form member-role', id: uid('member'), novalidate: true },
    selectField('role', t('admin.organisation.role_of', { Name: m.name }), choices, { id: selectId, value: m.role, className: 'role-select' }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-small button-secondary' }, t('admin.organisation.change'), h('span', { className: 'visually-hidden' }, ` ${t('admin.organisation.change_hidden', { Name: m.name })}`))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const role = /** @type {HTMLSelectElement} */ (form.querySelector('select')).value;
    if (await sendForm(form, errors, () => api(`/organisations/${encodeURIComponent(org.id)}/members/${encodeURIComponent(m.user_id)}`, { method: 'PUT', body: { role } }))) {
      announce(t('admin.organisation.role_changed', { Name: m.name, Role: roleName(role) }));
    }
  });
  return h('tr', { 'data-member': m.user_id }, name, h('td', {}, form), h('td', {}, dateText(m.since)), h('td', {}, removal(org, m, errors)));
}

/**
 * removal is the Remove button of member m, which asks first: removing a role signs the person
 * out everywhere, so one stray click must not do it.
 */
function removal(org, m, errors) {
  const cell = h('div', { className: 'removal' });
  const remove = h('button', { type: 'button', className: 'button button-small button-danger' }, t('admin.organisation.remove'), h('span', { className: 'visually-hidden' }, ` ${m.name}`));
  const confirm = h('button', { type: 'button', className: 'button button-small button-danger', 'data-confirm': 'remove' }, t('admin.organisation.confirm_remove', { Name: m.name }));
  const keep = h('button', { type: 'button', className: 'button button-small button-secondary', 'data-confirm': 'keep' }, t('admin.organisation.keep'), h('span', { className: 'visually-hidden' }, ` ${m.name}`));
  const question = h('div', { className: 'confirm-remove', role: 'group', 'aria-label': t('admin.organisation.remove_question', { Name: m.name }) },
    h('p', {}, t('admin.organisation.remove_from', { Name: m.name, Organisation: org.name })),
    h('p', { className: 'button-row' }, confirm, keep));
  remove.addEventListener('click', () => {
    cell.replaceChildren(question);
    confirm.focus();
  });
  keep.addEventListener('click', () => {
    cell.replaceChildren(remove);
    remove.focus();
  });
  confirm.addEventListener('click', async () => {
    confirm.disabled = true;
    try {
      await api(`/organisations/${encodeURIComponent(org.id)}/members/${encodeURIComponent(m.user_id)}`, { method: 'DELETE' });
      announce(t('admin.organisation.removed', { Name: m.name }));
      reload();
    } catch (err) {
      confirm.disabled = false;
      errors.show({}, err.message);
    }
  });
  cell.append(remove);
  return cell;
}

function addForm(org, choices) {
  const form = h('form', { id: 'member-add', className: 'stack', novalidate: true },
    textField('email', t('login.email'), { type: 'email', required: true, id: 'member-email', spellcheck: 'false', autocomplete: 'off' }, t('admin.organisation.email_hint')),
    selectField('role', t('admin.organisation.role'), choices, { id: 'member-role', value: 'member' }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('admin.organisation.add_submit'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = /** @type {HTMLInputElement} */ (form.querySelector('#member-email')).value.trim();
    const role = /** @type {HTMLSelectElement} */ (form.querySelector('#member-role')).value;
    if (!email) {
      errors.show({ email: t('admin.organisation.missing_email') });
      return;
    }
    if (await sendForm(form, errors, () => api(`/organisations/${encodeURIComponent(org.id)}/members`, { method: 'POST', body: { email, role } }))) {
      announce(t('admin.organisation.added'));
      reload();
    }
  });
  return form;
}

export default async function adminOrganisationPage({ id }) {
  const path = `/organisations/${encodeURIComponent(id)}`;
  const [org, { items }] = await Promise.all([api(path), api(`${path}/members`)]);
  const isAdmin = currentUser().roles.includes('admin');
  const choices = roleChoices(isAdmin);
  const node = h('div', { className: 'page' },
    isAdmin ? h('p', { className: 'card-kicker' }, h('a', { href: '/admin/organisations' }, t('admin.organisations_title'))) : null,
    h('h1', {}, org.name),
    isAdmin ? adminLinks('') : null,
    h('p', { className: 'lede' }, t(org.kind === 'society' ? 'admin.organisation.is_society' : 'admin.organisation.is_university'),
      org.kind === 'society' ? [' ', h('a', { href: `/society/${encodeURIComponent(org.id)}` }, t('admin.organisation.society_link'))] : null),
    h('section', { className: 'panel', 'aria-labelledby': 'edit-heading' },
      h('h2', { id: 'edit-heading' }, t('admin.organisation.edit')),
      h('p', { className: 'hint' }, t('admin.organisation.edit_hint')),
      editForm(org)),
    h('section', { 'aria-labelledby': 'members-heading' },
      h('h2', { id: 'members-heading' }, t('admin.organisation.members')),
      h('p', {}, t('admin.organisation.members_lede')),
      items.length ? dataTable(t('admin.organisation.count', { Count: items.length }), [t('admin.role.member'), t('admin.organisation.role'), t('admin.organisation.since'), ''], items.map((m) => memberRow(org, m, choices)), 'members-table')
        : h('p', {}, t('admin.organisation.none'))),
    h('section', { className: 'panel', 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, t('admin.organisation.add')),
      addForm(org, choices)));
  return { title: org.name, node };
}
