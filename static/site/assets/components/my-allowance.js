// @ts-check
// What a learner's accommodations give them at a quiz, said on the quiz's page before they
// start: the longer time limit and the extra attempts the server will apply.
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * allowanceNotice reads the caller's allowance at quiz slug and, when their accommodations
 * change it, returns a notice saying how; null otherwise (or when no one is signed in).
 * @param {string} slug
 * @returns {Promise<HTMLElement|null>}
 */
export async function allowanceNotice(slug) {
  /** @type {{allowance?: {time_limit_minutes: number, max_attempts: number, base_time_limit_minutes: number, base_max_attempts: number}}|null} */
  const mine = await api(`/me/accommodations?quiz=${encodeURIComponent(slug)}`).catch(() => null);
  const a = mine && mine.allowance;
  if (!a) return null;
  const lines = [];
  if (a.time_limit_minutes !== a.base_time_limit_minutes) {
    lines.push(t('assess.allowance_time', { Count: a.time_limit_minutes, Base: a.base_time_limit_minutes }));
  }
  if (a.max_attempts !== a.base_max_attempts) {
    lines.push(t('assess.allowance_attempts', { Count: a.max_attempts, Base: a.base_max_attempts }));
  }
  if (!lines.length) return null;
  return h('section', { className: 'notice notice-good my-allowance', 'aria-labelledby': 'allowance-heading' },
    h('h2', { id: 'allowance-heading', className: 'notice-title' }, t('assess.allowance_heading')),
    lines.map((line) => h('p', {}, line)));
}
