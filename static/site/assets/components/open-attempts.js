// @ts-check
// A cohort's timed attempts under way, for its instructors, each with a way to give it more
// minutes: the one way an attempt's deadline changes after it started (accommodations set
// later apply to the next attempt only).
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { currentLanguage, t } from '../i18n.js';

/**
 * @typedef {{id: string, user: string, name: string, quiz: string, quiz_title: string, number: number, started_at: string, deadline: string}} OpenAttempt
 */

/** openAttempts draws the section for cohort id; it loads the list itself and again after each extension. */
export async function openAttempts(/** @type {string} */ id) {
  const area = h('div', { className: 'open-attempts-area' });
  const refresh = async () => {
    /** @type {{items: OpenAttempt[]}} */
    const list = await api(`/cohorts/${encodeURIComponent(id)}/open-attempts`);
    area.replaceChildren(list.items.length
      ? h('ul', { className: 'card-list open-attempts' }, list.items.map((a) => attemptCard(id, a, refresh)))
      : h('p', { className: 'hint' }, t('work.attempts.none')));
  };
  await refresh();
  return h('section', { 'aria-labelledby': 'open-attempts-heading' },
    h('h2', { id: 'open-attempts-heading' }, t('work.attempts.heading')),
    h('p', {}, t('work.attempts.intro')),
    area);
}

function attemptCard(/** @type {string} */ cohort, /** @type {OpenAttempt} */ a, /** @type {() => Promise<void>} */ refresh) {
  const time = new Intl.DateTimeFormat(currentLanguage(), { hour: 'numeric', minute: '2-digit' });
  const inputId = `extend-${a.id}`;
  const input = /** @type {HTMLInputElement} */ (h('input', { id: inputId, name: 'minutes', type: 'number', inputmode: 'numeric', min: '1', max: '1440', step: '1', value: '10', className: 'input-short' }));
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { className: 'extend-form', novalidate: true },
    h('div', { className: 'field' }, h('label', { for: inputId }, t('work.attempts.extra_minutes')), input),
    h('p', {}, h('button', { type: 'submit', className: 'button button-small' }, t('work.attempts.extend'), h('span', { className: 'visually-hidden' }, ` ${t('work.attempts.extend_whose', { Name: a.name })}`))),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const minutes = Number(input.value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      status.textContent = t('work.attempts.minutes_invalid', { Min: 1, Max: 1440 });
      input.focus();
      return;
    }
    try {
      const ext = await api(`/attempts/${encodeURIComponent(a.id)}/extension`, { method: 'POST', body: { cohort, minutes } });
      await refresh();
      announce(t('work.attempts.extended', { Name: a.name, Time: time.format(new Date(ext.deadline)) }));
    } catch (err) {
      status.textContent = t('work.attempts.not_extended', { Reason: err instanceof Error ? err.message : err });
    }
  });
  return h('li', { className: 'card open-attempt', 'data-attempt': a.id },
    h('h3', { className: 'card-title' }, a.name),
    h('p', {}, `${t('work.attempts.ends_at', { Quiz: a.quiz_title, Number: a.number })} `, h('time', { dateTime: a.deadline, className: 'open-attempt-deadline' }, time.format(new Date(a.deadline)))),
    form);
}
