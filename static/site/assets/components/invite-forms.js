// The forms that invite learners to a cohort: addresses pasted from anywhere, or a CSV file
// exported from a spreadsheet (an email and an optional name per row). The answer is the same
// for every address, whether or not it has an account.
import { api, upload } from '../api.js';
import { announce, dateText, h } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';

/** inviteForm invites the addresses pasted into it, then calls refresh. */
export function inviteForm(cohort, refresh) {
  const result = h('div', { className: 'invite-result', tabindex: '-1' });
  const form = h('form', { id: 'invite-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'emails' },
      h('label', { for: 'invite-emails' }, 'Email addresses'),
      h('p', { className: 'hint', id: 'invite-emails-hint' }, 'Paste them from a spreadsheet or an email: one per line, or separated by commas, semicolons or spaces.'),
      h('textarea', { id: 'invite-emails', name: 'emails', rows: '5', spellcheck: 'false', 'aria-describedby': 'invite-emails-hint' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Send the invitations')),
    result);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const box = form.querySelector('#invite-emails');
    // Pasted lists come as "Name <a@b.org>", quoted cells or plain addresses: keep what looks like an address.
    const emails = [...new Set(box.value.match(/[^\s,;<>"'()]+@[^\s,;<>"'()]+/g) || [])];
    if (!emails.length) {
      errors.show({ emails: 'Paste at least one email address.' });
      return;
    }
    errors.clear();
    result.replaceChildren();
    await sendForm(form, errors, async () => {
      try {
        const res = await api(`/cohorts/${encodeURIComponent(cohort.id)}/invitations`, { method: 'POST', body: { invitations: emails.map((email) => ({ email })) } });
        box.value = '';
        showInvited(result, res);
      } catch (err) {
        const fields = (err.details && err.details.fields) || {};
        const bad = Object.keys(fields).map((k) => emails[Number(k.split('.')[1])]).filter(Boolean);
        if (bad.length) throw Object.assign(err, { details: { emails: `Check these addresses: ${bad.join(', ')}.` } });
        if (fields.invitations) throw Object.assign(err, { details: { emails: `The list ${fields.invitations}.` } });
        throw err;
      }
      await refresh();
    });
  });
  return form;
}

/** importForm invites the people of a CSV file, every row or none, then calls refresh. */
export function importForm(cohort, refresh) {
  const result = h('div', { className: 'import-result', tabindex: '-1' });
  const form = h('form', { id: 'import-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'file' },
      h('label', { for: 'import-file' }, 'CSV file'),
      h('p', { className: 'hint', id: 'import-file-hint' }, 'One person per row: the email address, then their name if you like, which greets them in the mail. A first row naming the columns (email, name) is fine, as are commas or semicolons. If a row has a problem, nobody is invited and the rows are listed.'),
      h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,text/csv', 'aria-describedby': 'import-file-hint' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Invite everyone in the file')),
    result);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.querySelector('#import-file').files[0];
    if (!file) {
      errors.show({ file: 'Choose a CSV file.' });
      return;
    }
    errors.clear();
    result.replaceChildren();
    const text = await file.text();
    await sendForm(form, errors, async () => {
      try {
        showInvited(result, await upload(`/cohorts/${encodeURIComponent(cohort.id)}/invitations/import`, text, 'text/csv'));
      } catch (err) {
        const fields = err.details && err.details.fields;
        if (!fields) throw err;
        showRowProblems(result, fields);
        return;
      }
      form.reset();
      await refresh();
    });
  });
  return form;
}

function showInvited(result, res) {
  const n = res.invited.length;
  result.replaceChildren(h('div', { className: 'notice notice-good', 'data-result': 'invited' },
    h('p', { className: 'reply-title' }, n === 1 ? '1 invitation sent' : `${n} invitations sent`),
    h('p', {}, `They can be accepted until ${dateText(res.expires_at)}. Each person appears as joined once they accept.`)));
  result.focus();
  announce(`${n} invited.`);
}

// showRowProblems lists the file's rows with a problem, in row order.
function showRowProblems(result, fields) {
  const row = (key) => Number(key.split('.')[1]) || 0;
  const items = Object.entries(fields).sort(([a], [b]) => row(a) - row(b))
    .map(([key, text]) => h('li', {}, key.startsWith('rows.') ? `Row ${row(key)}: ${text}.` : `The file ${text}.`));
  result.replaceChildren(h('div', { className: 'notice notice-bad', role: 'alert', 'data-result': 'rows' },
    h('p', { className: 'reply-title' }, 'Nobody was invited: fix these rows and choose the file again'),
    h('ul', {}, items)));
  result.focus();
}
