// @ts-check
// A cohort's timed attempts under way, for its instructors, each with a way to give it more
// minutes: the one way an attempt's deadline changes after it started (accommodations set
// later apply to the next attempt only).
import { api } from '../api.js';
import { announce, h } from '../dom.js';

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
      : h('p', { className: 'hint' }, 'No timed attempt is under way.'));
  };
  await refresh();
  return h('section', { 'aria-labelledby': 'open-attempts-heading' },
    h('h2', { id: 'open-attempts-heading' }, 'Timed attempts under way'),
    h('p', {}, 'An attempt keeps the deadline it started with; extend one here if a learner needs more time now.'),
    area);
}

function attemptCard(/** @type {string} */ cohort, /** @type {OpenAttempt} */ a, /** @type {() => Promise<void>} */ refresh) {
  const time = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });
  const inputId = `extend-${a.id}`;
  const input = /** @type {HTMLInputElement} */ (h('input', { id: inputId, name: 'minutes', type: 'number', inputmode: 'numeric', min: '1', max: '1440', step: '1', value: '10', className: 'input-short' }));
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { className: 'extend-form', novalidate: true },
    h('div', { className: 'field' }, h('label', { for: inputId }, 'Extra minutes'), input),
    h('p', {}, h('button', { type: 'submit', className: 'button button-small' }, 'Extend', h('span', { className: 'visually-hidden' }, ` the attempt of ${a.name}`))),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const minutes = Number(input.value);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) {
      status.textContent = 'Give a whole number of minutes from 1 to 1,440.';
      input.focus();
      return;
    }
    try {
      const ext = await api(`/attempts/${encodeURIComponent(a.id)}/extension`, { method: 'POST', body: { cohort, minutes } });
      await refresh();
      announce(`The attempt of ${a.name} now ends at ${time.format(new Date(ext.deadline))}.`);
    } catch (err) {
      status.textContent = `Not extended: ${err instanceof Error ? err.message : err}`;
    }
  });
  return h('li', { className: 'card open-attempt', 'data-attempt': a.id },
    h('h3', { className: 'card-title' }, a.name),
    h('p', {}, `${a.quiz_title}, attempt ${a.number}: ends at `, h('time', { dateTime: a.deadline, className: 'open-attempt-deadline' }, time.format(new Date(a.deadline)))),
    form);
}
