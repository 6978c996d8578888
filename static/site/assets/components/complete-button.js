// "Mark as complete" for a lesson. Completing is idempotent on the server, so pressing it
// again (after a reload, say) is harmless.
import { api } from '../api.js';
import { announce, h } from '../dom.js';

/** completeButton returns the control that marks lesson slug complete. */
export function completeButton(slug) {
  const box = h('div', { className: 'complete' });
  const button = h('button', { type: 'button', className: 'button button-secondary' }, 'Mark as complete');
  const error = h('p', { className: 'form-error', role: 'alert' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      const done = await api(`/lessons/${encodeURIComponent(slug)}/complete`, { method: 'POST' });
      const when = done && done.completed_at ? new Date(done.completed_at).toLocaleDateString() : '';
      const status = h('p', { className: 'completed-status', tabindex: '-1' },
        h('span', { className: 'tick', 'aria-hidden': 'true' }, '✓'), ' Lesson completed', when ? ` on ${when}` : '');
      box.replaceChildren(status);
      status.focus();
      announce('Lesson marked as complete.');
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
    }
  });
  box.append(button, error);
  return box;
}
