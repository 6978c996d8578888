// The forms that invite learners to a cohort: addresses pasted from anywhere, or a CSV file
// exported from a spreadsheet (an email and an optional name per row). The answer is the same
// for every address, whether or not it has an account.
import { api, upload } from '../api.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';
import { fieldErrors, sendForm } from './form-errors.js';

/** inviteForm invites the addresses pasted into it, then calls refresh. */
export function inviteForm(cohort, refresh) {
  const result = h('div', { className: 'invite-result', tabindex: '-1' });
  const form = h('form', { id: 'invite-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'emails' },
      h('label', { for: 'invite-emails' }, t('cohort.invite.emails')),
      h('p', { className: 'hint', id: 'invite-emails-hint' }, t('cohort.invite.emails_hint')),
      h('textarea', { id: 'invite-emails', name: 'emails', rows: '5', spellcheck: 'false', 'aria-describedby': 'invite-emails-hint' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('cohort.invite.submit'))),
    result);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const box = form.querySelector('#invite-emails');
    // Pasted lists come as "Name <a@b.org>", quoted cells or plain addresses: keep what looks like an address.
    const emails = [...new Set(box.value.match(/[^\s,;<>"'()]+@[^\s,;<>"'()]+/g) || [])];
    if (!emails.length) {
      errors.show({ emails: t('cohort.invite.missing') });
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
        if (bad.length) throw Object.assign(err, { details: { emails: t('cohort.invite.check', { Emails: bad.join(', ') }) } });
        if (fields.invitations) throw Object.assign(err, { details: { emails: t('cohort.invite.list_problem', { Problem: fields.invitations }) } });
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
      h('label', { for: 'import-file' }, t('cohort.import.file')),
      h('p', { className: 'hint', id: 'import-file-hint' }, t('cohort.import.file_hint')),
      h('input', { type: 'file', id: 'import-file', name: 'file', accept: '.csv,text/csv', 'aria-describedby': 'import-file-hint' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('cohort.import.submit'))),
    result);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = form.querySelector('#import-file').files[0];
    if (!file) {
      errors.show({ file: t('cohort.import.missing') });
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
    h('p', { className: 'reply-title' }, t('cohort.invite.sent', { Count: n })),
    h('p', {}, t('cohort.invite.sent_body', { Date: dateText(res.expires_at) }))));
  result.focus();
  announce(t('cohort.invite.invited', { Count: n }));
}

// showRowProblems lists the file's rows with a problem, in row order.
function showRowProblems(result, fields) {
  const row = (key) => Number(key.split('.')[1]) || 0;
  const items = Object.entries(fields).sort(([a], [b]) => row(a) - row(b))
    .map(([key, text]) => h('li', {}, key.startsWith('rows.') ? t('cohort.import.row_problem', { Row: row(key), Problem: text }) : t('cohort.import.file_problem', { Problem: text })));
  result.replaceChildren(h('div', { className: 'notice notice-bad', role: 'alert', 'data-result': 'rows' },
    h('p', { className: 'reply-title' }, t('cohort.import.nobody')),
    h('ul', {}, items)));
  result.focus();
}
