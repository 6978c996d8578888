// A cohort's join code, for its instructors: whether one works and until when, a form that
// makes a new one (shown once, with its link), and a button that withdraws it.
import { api } from '../api.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { linkedText } from './linked-text.js';

// DAYS are how many days a new code may work, each named in cohort.code.days_<n>.
const DAYS = ['7', '14', '30', '90'];

/** joinCodePanel draws the cohort's join code state (from its member list); refresh redraws. */
export function joinCodePanel(cohort, state, refresh) {
  const shown = h('div', { className: 'join-code-made', tabindex: '-1' });
  const status = state
    ? h('p', { className: 'join-code-state' }, state.expired
      ? t('cohort.code.expired', { Made: dateText(state.created_at), Expired: dateText(state.expires_at) })
      : t('cohort.code.works', { Date: dateText(state.expires_at) }))
    : h('p', { className: 'join-code-state' }, t('cohort.code.none'));
  const form = h('form', { id: 'join-code-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'expires_in_days' },
      h('label', { for: 'join-code-days' }, t('cohort.code.works_for')),
      h('select', { id: 'join-code-days', name: 'expires_in_days' }, DAYS.map((v) => h('option', { value: v, selected: v === '14' }, t(`cohort.code.days_${v}`))))),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t(state ? 'cohort.code.make_new' : 'cohort.code.make'))),
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
      announce(t('cohort.code.made', { Code: code.code }));
    });
  });
  return h('div', { className: 'join-code' }, status, form, state ? withdraw(cohort, refresh) : null);
}

function madeCode(code) {
  const link = h('input', { type: 'text', id: 'join-code-link', readonly: true, value: code.link, spellcheck: 'false' });
  const copied = h('span', { className: 'form-status', role: 'status' });
  const copy = h('button', { type: 'button', className: 'button button-small button-secondary' }, t('cohort.code.copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(code.link);
      copied.textContent = t('cohort.code.copied');
    } catch {
      link.select();
      copied.textContent = t('cohort.code.selected');
    }
  });
  return h('div', { className: 'notice notice-good', 'data-result': 'code' },
    h('p', { className: 'reply-title' }, linkedText('cohort.code.made_title', {}, { Code: h('strong', { className: 'join-code-value' }, code.code) })),
    h('p', {}, t('cohort.code.made_body', { Date: dateText(code.expires_at) })),
    h('div', { className: 'field' }, h('label', { for: 'join-code-link' }, t('cohort.code.link')), link),
    h('p', {}, copy, ' ', copied));
}

function withdraw(cohort, refresh) {
  const button = h('button', { type: 'button', className: 'button button-secondary join-code-withdraw' }, t('cohort.code.withdraw'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api(`/cohorts/${encodeURIComponent(cohort.id)}/join-code`, { method: 'DELETE' });
      await refresh();
      announce(t('cohort.code.withdrawn'));
    } catch (err) {
      button.disabled = false;
      announce(t('cohort.not_withdrawn', { Reason: err.message }));
    }
  });
  return h('p', {}, button);
}
