// The countdown of an attempt with a deadline. It shows minutes and seconds left, warns through
// the live region at five minutes and at one, and calls onExpire once when time is up.
import { announce, h } from '../dom.js';
import { t } from '../i18n.js';

/** countdown returns {node, stop} for deadline (an RFC 3339 time). */
export function countdown(deadline, onExpire) {
  const end = Date.parse(deadline);
  const time = h('span', { className: 'countdown-time' });
  const node = h('div', { className: 'countdown', role: 'timer', 'aria-label': t('countdown.time_left') },
    h('span', { className: 'countdown-label' }, t('countdown.time_left')), ' ', time);
  const initial = Math.round((end - Date.now()) / 1000);
  const warned = new Set();
  let timer = null;

  function tick() {
    const left = Math.max(0, Math.round((end - Date.now()) / 1000));
    const m = Math.floor(left / 60);
    const s = String(left % 60).padStart(2, '0');
    time.textContent = `${m}:${s}`;
    node.classList.toggle('countdown-low', left <= 60);
    // Warn only when crossing a mark, not when the attempt already starts below it.
    for (const [at, message] of /** @type {Array<[number, string]>} */ ([[300, t('countdown.five')], [60, t('countdown.one')]])) {
      if (left <= at && left > 0 && initial > at && !warned.has(at)) {
        warned.add(at);
        announce(message);
      }
    }
    if (left === 0) {
      stop();
      setTimeout(onExpire, 0);
    }
  }

  function stop() {
    if (timer !== null) clearInterval(timer);
    timer = null;
  }

  tick();
  if (end > Date.now()) timer = setInterval(tick, 1000);
  return { node, stop };
}
