// Learning platforms (/admin/lti), for platform admins: the platforms registered to open
// Tandem by LTI 1.3, the URLs their administrators enter on their side, and the form that
// registers another.
import { api } from '../api.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textArea, textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { reload } from '../router.js';

/** toolSide lists what a platform's administrator enters for Tandem. */
function toolSide() {
  const base = location.origin;
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, h('code', {}, value))];
  return h('dl', { className: 'tool-urls' },
    row('Initiate login URL', `${base}/lti/login`),
    row('Redirection (launch) URL', `${base}/lti/launch`),
    row('Public keyset URL', `${base}/api/v1/lti/jwks.json`));
}

/** registrationItem shows one platform with the button that removes it. */
function registrationItem(reg) {
  const remove = h('button', { type: 'button', className: 'button button-secondary' }, `Remove ${reg.name}`);
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    await api(`/lti/registrations/${encodeURIComponent(reg.id)}`, { method: 'DELETE' });
    reload();
  });
  return h('li', { className: 'lti-registration' },
    h('h3', {}, reg.name),
    h('p', {}, `Issuer ${reg.issuer}, client id ${reg.client_id}, deployments ${reg.deployment_ids.join(', ')}`),
    remove);
}

/** registerForm sends a new platform's registration. */
function registerForm() {
  const form = h('form', { id: 'lti-register-form', className: 'stack', novalidate: true },
    textField('name', 'Name', { required: true }, 'What Tandem\'s admins call the platform.'),
    textField('issuer', 'Platform ID (issuer)', { required: true, spellcheck: 'false' }),
    textField('client_id', 'Client ID', { required: true, spellcheck: 'false' }),
    textArea('deployment_ids', 'Deployment IDs', { required: true, rows: '2', spellcheck: 'false' }, 'One per line.'),
    textField('auth_url', 'Authentication request URL', { required: true, spellcheck: 'false' }),
    textField('token_url', 'Access token URL', { required: true, spellcheck: 'false' }),
    textField('key_set_url', 'Public keyset URL', { required: true, spellcheck: 'false' }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Register platform')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (name) => /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();
    const body = {
      name: value('name'), issuer: value('issuer'), client_id: value('client_id'),
      deployment_ids: value('deployment_ids').split('\n').map((d) => d.trim()).filter(Boolean),
      auth_url: value('auth_url'), token_url: value('token_url'), key_set_url: value('key_set_url'),
    };
    if (await sendForm(form, errors, () => api('/lti/registrations', { method: 'POST', body }))) reload();
  });
  return form;
}

/** dynamicLink makes a single-use link a platform's administrator pastes to register Tandem. */
function dynamicLink() {
  const out = h('p', { role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary', id: 'lti-registration-link' }, 'Make a registration link');
  button.addEventListener('click', async () => {
    const link = await api('/lti/registration-links', { method: 'POST' });
    out.replaceChildren('Paste this into the platform (Moodle: Site administration › Plugins › Manage tools, "Tool URL"; Canvas: Developer Keys › LTI Registration). It works once, until ',
      new Date(link.expires_at).toLocaleString(), ': ', h('code', { id: 'lti-registration-url' }, link.url));
  });
  return [button, out];
}

export default async function adminLTIPage() {
  const { items } = await api('/lti/registrations');
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Learning platforms'),
    h('p', { className: 'lede' }, 'Platforms registered here open Tandem from their courses by LTI 1.3, signed in.'),
    h('h2', {}, 'Tandem\'s side'),
    h('p', {}, 'Give these to the platform\'s administrator when they add Tandem as an external tool.'),
    toolSide(),
    h('h2', {}, 'Registered platforms'),
    items.length ? h('ul', { className: 'plain', id: 'lti-registrations' }, items.map(registrationItem)) : h('p', {}, 'No platform is registered yet.'),
    h('h2', {}, 'Register a platform by a link'),
    h('p', {}, 'Moodle 4.x and Canvas register Tandem themselves (LTI Dynamic Registration) from a link made here.'),
    ...dynamicLink(),
    h('h2', {}, 'Register a platform by hand'),
    registerForm());
  return { title: 'Learning platforms', node };
}
