// "Mark as complete" for a lesson. Completing is idempotent on the server, so pressing it
// again (after a reload, say) is harmless.
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { formatDate, t } from '../i18n.js';

/** completeButton returns the control that marks lesson slug complete. */
export function completeButton(slug) {
  const box = h('div', { className: 'complete' });
  const button = h('button', { type: 'button', className: 'button button-secondary' }, t('lesson.mark_complete'));
  const error = h('p', { className: 'form-error', role: 'alert' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      const done = await api(`/lessons/${encodeURIComponent(slug)}/complete`, { method: 'POST' });
      const when = done && done.completed_at ? formatDate(done.completed_at) : '';
      const status = h('p', { className: 'completed-status', tabindex: '-1' },
        h('span', { className: 'tick', 'aria-hidden': 'true' }, '✓'), ' ', when ? t('lesson.completed_on', { Date: when }) : t('lesson.completed'));
      box.replaceChildren(status);
      status.focus();
      announce(t('lesson.marked_complete'));
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
    }
  });
  box.append(button, error);
  return box;
}
