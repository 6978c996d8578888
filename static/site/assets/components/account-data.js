// Account page, your data: a download of everything Tandem holds about the learner, and the
// deletion of the account, confirmed with the password.
import { api, download, forgetSession } from '../api.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { t } from '../i18n.js';

/** dataSection draws the export button and the delete form. */
export function dataSection() {
  return h('section', { className: 'panel', id: 'data', 'aria-labelledby': 'data-heading' },
    h('h2', { id: 'data-heading' }, t('account.part_data')),
    exportBlock(),
    deleteBlock());
}

function exportBlock() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary', id: 'export-data' }, t('account.download_data'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('account.preparing');
    try {
      const name = await download('/me/export', 'tandem-export.json');
      status.textContent = t('account.downloaded', { File: name });
    } catch (err) {
      status.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {},
    h('h3', {}, t('account.download')),
    h('p', {}, t('account.download_hint')),
    h('p', { className: 'section-actions' }, button, status));
}

function deleteBlock() {
  const form = h('form', { id: 'delete-form', className: 'stack', novalidate: true },
    textField('password', t('account.your_password'), { id: 'delete-password', type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-danger' }, t('account.delete_mine'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (!password) {
      errors.show({ password: t('account.missing_confirm') });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => api('/me', { method: 'DELETE', body: { password } }))) {
      await navigate('/goodbye', { replace: true });
      forgetSession();
    }
  });
  return h('div', {},
    h('h3', {}, t('account.delete')),
    h('p', {}, t('account.delete_hint')),
    form);
}
