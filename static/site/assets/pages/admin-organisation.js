// One organisation (/admin/organisations/:id), for platform admins and the organisation's own
// society admins: its name and website (both may change them), its members with their roles
// (change a role, remove a member after a confirmation, add one by email), and for a society
// a link to its programmes and certificates. Nobody changes their own role here.
import { api } from '../api.js';
import { ROLE_NAMES, adminLinks, dataTable, selectField } from '../components/admin-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { announce, dateText, h, uid } from '../dom.js';
import { reload } from '../router.js';
import { currentUser } from '../session.js';

/** roleChoices are the roles the caller may give: only platform admins make authors. */
function roleChoices(isAdmin) {
  return Object.entries(ROLE_NAMES).filter(([role]) => isAdmin || role !== 'author');
}

function editForm(org) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'organisation-edit', className: 'stack', novalidate: true },
    textField('name', 'Name', { required: true, id: 'edit-name', value: org.name }),
    textField('url', 'Website', { inputmode: 'url', id: 'edit-url', value: org.url || '', spellcheck: 'false', autocomplete: 'url' }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Save')),
    status);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (id) => /** @type {HTMLInputElement} */ (form.querySelector(`#${id}`)).value.trim();
    const body = { name: value('edit-name'), url: value('edit-url') };
    if (!body.name) {
      errors.show({ name: 'The organisation needs a name.' });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => api(`/organisations/${encodeURIComponent(org.id)}`, { method: 'PATCH', body }), { status, busy: 'Saving…' })) {
      status.textContent = 'Saved.';
      announce('Organisation saved.');
      const title = document.querySelector('h1');
      if (title) title.textContent = body.name;
    }
  });
  return form;
}

function memberRow(org, m, choices) {
  const self = m.user_id === currentUser().id;
  const name = h('th', { scope: 'row' }, h('span', { className: 'cell-main' }, m.name), h('span', { className: 'cell-sub' }, m.email));
  if (self) return h('tr', { 'data-member': m.user_id }, name, h('td', {}, ROLE_NAMES[m.role] || m.role, h('span', { className: 'cell-sub' }, 'You')), h('td', {}, dateText(m.since)), h('td', {}));
  const selectId = uid('role');
  const form = h('form', { className: 'inline-form member-role', id: uid('member'), novalidate: true },
    selectField('role', `Role of ${m.name}`, choices, { id: selectId, value: m.role, className: 'role-select' }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-small button-secondary' }, 'Change', h('span', { className: 'visually-hidden' }, ` the role of ${m.name}`))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const role = /** @type {HTMLSelectElement} */ (form.querySelector('select')).value;
    if (await sendForm(form, errors, () => api(`/organisations/${encodeURIComponent(org.id)}/members/${encodeURIComponent(m.user_id)}`, { method: 'PUT', body: { role } }))) {
      announce(`${m.name} is now ${ROLE_NAMES[role]}.`);
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
  const remove = h('button', { type: 'button', className: 'button button-small button-danger' }, 'Remove', h('span', { className: 'visually-hidden' }, ` ${m.name}`));
  const confirm = h('button', { type: 'button', className: 'button button-small button-danger', 'data-confirm': 'remove' }, `Yes, remove ${m.name}`);
  const keep = h('button', { type: 'button', className: 'button button-small button-secondary', 'data-confirm': 'keep' }, 'Keep', h('span', { className: 'visually-hidden' }, ` ${m.name}`));
  const question = h('div', { className: 'confirm-remove', role: 'group', 'aria-label': `Remove ${m.name}?` },
    h('p', {}, `Remove ${m.name} from ${org.name}? They are signed out everywhere.`),
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
      announce(`${m.name} removed.`);
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
    textField('email', 'Email address', { type: 'email', required: true, id: 'member-email', spellcheck: 'false', autocomplete: 'off' }, 'The person needs a Tandem account with this address.'),
    selectField('role', 'Role', choices, { id: 'member-role', value: 'member' }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Add the member')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const email = /** @type {HTMLInputElement} */ (form.querySelector('#member-email')).value.trim();
    const role = /** @type {HTMLSelectElement} */ (form.querySelector('#member-role')).value;
    if (!email) {
      errors.show({ email: 'Enter the person’s email address.' });
      return;
    }
    if (await sendForm(form, errors, () => api(`/organisations/${encodeURIComponent(org.id)}/members`, { method: 'POST', body: { email, role } }))) {
      announce('Member added.');
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
    isAdmin ? h('p', { className: 'card-kicker' }, h('a', { href: '/admin/organisations' }, 'Organisations')) : null,
    h('h1', {}, org.name),
    isAdmin ? adminLinks('') : null,
    h('p', { className: 'lede' }, org.kind === 'society' ? 'A society: it defines certificate programmes and issues certificates.' : 'A university.',
      org.kind === 'society' ? [' ', h('a', { href: `/society/${encodeURIComponent(org.id)}` }, 'Its programmes and certificates')] : null),
    h('section', { className: 'panel', 'aria-labelledby': 'edit-heading' },
      h('h2', { id: 'edit-heading' }, 'Name and website'),
      h('p', { className: 'hint' }, 'Its kind stays as it is: certificates a society issued name it as their issuer.'),
      editForm(org)),
    h('section', { 'aria-labelledby': 'members-heading' },
      h('h2', { id: 'members-heading' }, 'Members and roles'),
      h('p', {}, 'Society administrators run this organisation’s programmes, certificates and members. Changing or removing a role signs that person out everywhere.'),
      items.length ? dataTable(items.length === 1 ? '1 member' : `${items.length} members`, ['Member', 'Role', 'Since', ''], items.map((m) => memberRow(org, m, choices)), 'members-table')
        : h('p', {}, 'Nobody holds a role here yet.')),
    h('section', { className: 'panel', 'aria-labelledby': 'add-heading' },
      h('h2', { id: 'add-heading' }, 'Add a member'),
      addForm(org, choices)));
  return { title: org.name, node };
}
