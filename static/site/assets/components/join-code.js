// A cohort's join code, for its instructors: whether one works and until when, a form that
// makes a new one (shown once, with its link), and a button that withdraws it.
import { api } from '../api.js';
import { announce, dateText, h } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';

const DAYS = [['7', 'a week'], ['14', 'two weeks'], ['30', 'a month'], ['90', 'three months']];

/** joinCodePanel draws the cohort's join code state (from its member list); refresh redraws. */
export function joinCodePanel(cohort, state, refresh) {
  const shown = h('div', { className: 'join-code-made', tabindex: '-1' });
  const status = state
    ? h('p', { className: 'join-code-state' }, state.expired
      ? `The code made on ${dateText(state.created_at)} expired on ${dateText(state.expires_at)}.`
      : `A code works until ${dateText(state.expires_at)}. It was shown when it was made; make a new one if you need to show it again (the old one then stops working).`)
    : h('p', { className: 'join-code-state' }, 'There is no join code.');
  const form = h('form', { id: 'join-code-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'expires_in_days' },
      h('label', { for: 'join-code-days' }, 'Works for'),
      h('select', { id: 'join-code-days', name: 'expires_in_days' }, DAYS.map(([v, label]) => h('option', { value: v, selected: v === '14' }, label)))),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, state ? 'Make a new code' : 'Make a join code')),
    shown);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await sendForm(form, errors, async () => {
      const code = await api(`/cohorts/${encodeURIComponent(cohort.id)}/join-code`, {
        method: 'POST', body: { expires_in_days: Number(form.querySelector('#join-code-days').value) },
      });
      await refresh();
      // refresh drew a new panel: show the code there, once.
      const fresh = /** @type {HTMLElement} */ (document.querySelector('.join-code-made'));
      fresh.replaceChildren(madeCode(code));
      fresh.focus();
      announce(`Join code ${code.code} made.`);
    });
  });
  return h('div', { className: 'join-code' }, status, form, state ? withdraw(cohort, refresh) : null);
}

function madeCode(code) {
  const link = h('input', { type: 'text', id: 'join-code-link', readonly: true, value: code.link, spellcheck: 'false' });
  const copied = h('span', { className: 'form-status', role: 'status' });
  const copy = h('button', { type: 'button', className: 'button button-small button-secondary' }, 'Copy the link');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.link);
      copied.textContent = 'Copied.';
    } catch {
      link.select();
      copied.textContent = 'Selected: copy it with your keyboard.';
    }
  });
  return h('div', { className: 'notice notice-good', 'data-result': 'code' },
    h('p', { className: 'reply-title' }, 'Join code ', h('strong', { className: 'join-code-value' }, code.code)),
    h('p', {}, `It works until ${dateText(code.expires_at)}. Copy it now: it is shown only this once.`),
    h('div', { className: 'field' }, h('label', { for: 'join-code-link' }, 'Link that joins with it'), link),
    h('p', {}, copy, ' ', copied));
}

function withdraw(cohort, refresh) {
  const button = h('button', { type: 'button', className: 'button button-secondary join-code-withdraw' }, 'Withdraw the code');
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api(`/cohorts/${encodeURIComponent(cohort.id)}/join-code`, { method: 'DELETE' });
      await refresh();
      announce('The join code no longer works.');
    } catch (err) {
      button.disabled = false;
      announce(`Not withdrawn: ${err.message}`);
    }
  });
  return h('p', {}, button);
}
