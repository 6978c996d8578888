// Learning platforms (/admin/lti), for platform admins: the platforms registered to open
// Tandem by LTI 1.3, the URLs their administrators enter on their side, and the form that
// registers another.
import { api } from '../api.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { textArea, textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { formatDate, t } from '../i18n.js';
import { reload } from '../router.js';

/** toolSide lists what a platform's administrator enters for Tandem. */
function toolSide() {
  const base = location.origin;
  const row = (label, value) => [h('dt', {}, label), h('dd', {}, h('code', {}, value))];
  return h('dl', { className: 'tool-urls' },
    row(t('staff2.lti.login_url'), `${base}/lti/login`),
    row(t('staff2.lti.launch_url'), `${base}/lti/launch`),
    row(t('staff2.lti.keyset_url'), `${base}/api/v1/lti/jwks.json`));
}

/** registrationItem shows one platform with the button that removes it. */
function registrationItem(reg) {
  const remove = h('button', { type: 'button', className: 'button button-secondary' }, t('staff2.lti.remove', { Name: reg.name }));
  remove.addEventListener('click', async () => {
    remove.disabled = true;
    await api(`/lti/registrations/${encodeURIComponent(reg.id)}`, { method: 'DELETE' });
    reload();
  });
  return h('li', { className: 'lti-registration' },
    h('h3', {}, reg.name),
    h('p', {}, t('staff2.lti.registration', { Issuer: reg.issuer, Client: reg.client_id, Deployments: reg.deployment_ids.join(', ') })),
    remove);
}

/** registerForm sends a new platform's registration. */
function registerForm() {
  const form = h('form', { id: 'lti-register-form', className: 'stack', novalidate: true },
    textField('name', t('staff2.lti.name'), { required: true }, t('staff2.lti.name_hint')),
    textField('issuer', t('staff2.lti.issuer'), { required: true, spellcheck: 'false' }),
    textField('client_id', t('staff2.lti.client_id'), { required: true, spellcheck: 'false' }),
    textArea('deployment_ids', t('staff2.lti.deployment_ids'), { required: true, rows: '2', spellcheck: 'false' }, t('staff2.lti.deployment_ids_hint')),
    textField('auth_url', t('staff2.lti.auth_url'), { required: true, spellcheck: 'false' }),
    textField('token_url', t('staff2.lti.token_url'), { required: true, spellcheck: 'false' }),
    textField('key_set_url', t('staff2.lti.keyset_url'), { required: true, spellcheck: 'false' }),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('staff2.lti.register'))));
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
  const button = h('button', { type: 'button', className: 'button button-secondary', id: 'lti-registration-link' }, t('staff2.lti.make_link'));
  button.addEventListener('click', async () => {
    const link = await api('/lti/registration-links', { method: 'POST' });
    out.replaceChildren(t('staff2.lti.link_made', { Until: formatDate(link.expires_at, { dateStyle: 'medium', timeStyle: 'short' }) }), ' ',
      h('code', { id: 'lti-registration-url' }, link.url));
  });
  return [button, out];
}

export default async function adminLTIPage() {
  const { items } = await api('/lti/registrations');
  const node = h('div', { className: 'page' },
    h('h1', {}, t('admin.learning_platforms')),
    h('p', { className: 'lede' }, t('staff2.lti.lede')),
    h('h2', {}, t('staff2.lti.tandem_side')),
    h('p', {}, t('staff2.lti.tandem_side_hint')),
    toolSide(),
    h('h2', {}, t('staff2.lti.registered')),
    items.length ? h('ul', { className: 'plain', id: 'lti-registrations' }, items.map(registrationItem)) : h('p', {}, t('staff2.lti.none')),
    h('h2', {}, t('staff2.lti.by_link')),
    h('p', {}, t('staff2.lti.by_link_hint')),
    ...dynamicLink(),
    h('h2', {}, t('staff2.lti.by_hand')),
    registerForm());
  return { title: t('admin.learning_platforms'), node };
}
