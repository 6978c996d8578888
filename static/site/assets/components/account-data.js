// Account page, your data: a download of everything Tandem holds about the learner, and the
// deletion of the account, confirmed with the password.
import { api, download, forgetSession } from '../api.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { textField } from './text-field.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';

/** dataSection draws the export button and the delete form. */
export function dataSection() {
  return h('section', { className: 'panel', id: 'data', 'aria-labelledby': 'data-heading' },
    h('h2', { id: 'data-heading' }, 'Your data'),
    exportBlock(),
    deleteBlock());
}

function exportBlock() {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary', id: 'export-data' }, 'Download my data');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Preparing…';
    try {
      const name = await download('/me/export', 'tandem-export.json');
      status.textContent = `Downloaded ${name}.`;
    } catch (err) {
      status.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', {},
    h('h3', {}, 'Download'),
    h('p', {}, 'A JSON file with everything Tandem holds about you: your account, learning records and answers, '
      + 'team work, peer ratings, feedback, cohorts, invitations, certificates with their signed credentials, '
      + 'and the audit entries about you.'),
    h('p', { className: 'section-actions' }, button, status));
}

function deleteBlock() {
  const form = h('form', { id: 'delete-form', className: 'stack', novalidate: true },
    textField('password', 'Your password', { id: 'delete-password', type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-danger' }, 'Delete my account')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (!password) {
      errors.show({ password: 'Enter your password to confirm.' });
      return;
    }
    errors.clear();
    if (await sendForm(form, errors, () => api('/me', { method: 'DELETE', body: { password } }))) {
      await navigate('/goodbye', { replace: true });
      forgetSession();
    }
  });
  return h('div', {},
    h('h3', {}, 'Delete your account'),
    h('p', {}, 'Your name, address and institution are erased and you are signed out everywhere. '
      + 'You leave your cohorts and teams: your teams keep the work you sent, shown as sent by a former member, '
      + 'and your peer ratings and feedback comments are removed. '
      + 'Certificates issued to you stay verifiable, without your name. This cannot be undone.'),
    form);
}
