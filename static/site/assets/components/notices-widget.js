// @ts-check
// The dashboard's notifications widget: how many notices are unread, the latest unread ones
// with their links (following one marks it read), "Mark all read", and the way to every notice.
import { api } from '../api.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';
import { setUnread } from './notice-bell.js';

/** NOTICES_SHOWN is how many unread notices the widget lists. */
const NOTICES_SHOWN = 5;

/**
 * @typedef {{ id: string, kind: string, title: string, body: string, link: string, read: boolean, created_at: string }} Notice
 */

/** latestNotices draws the widget's content: the count, the latest unread notices, the buttons. */
export async function latestNotices() {
  /** @type {{ items: Notice[], unread: number }} */
  const page = await api(`/me/notifications?limit=${NOTICES_SHOWN}&unread=true`);
  const summary = h('p', { className: 'notice-summary' });
  const list = h('ul', { className: 'notice-widget-list' });
  const markAll = h('button', { type: 'button', className: 'button button-secondary button-small' }, t('finish.notices_mark_all'));
  /** @param {number} n */
  const showCount = (n) => {
    summary.textContent = n ? t('notices.unread_count', { Count: n }) : t('notices.none_unread');
    markAll.hidden = n === 0;
    setUnread(n);
  };
  list.append(...page.items.map((n) => h('li', { 'data-notice': n.id }, noticeLink(n, showCount),
    h('span', { className: 'card-meta' }, ` · ${dateText(n.created_at)}`))));
  markAll.addEventListener('click', async () => {
    markAll.disabled = true;
    try {
      await api('/me/notifications/read', { method: 'POST' });
      list.replaceChildren();
      showCount(0);
      announce(t('finish.notices_all_read'));
    } finally {
      markAll.disabled = false;
    }
  });
  showCount(page.unread);
  return h('div', {}, summary, page.items.length ? list : null,
    h('p', { className: 'widget-actions' }, markAll, ' ', h('a', { href: '/notifications' }, t('finish.notices_see_all'))));
}

/**
 * noticeLink is a notice's title, linked to what it is about; following it marks it read.
 * @param {Notice} n
 * @param {(unread: number) => void} showCount
 */
function noticeLink(n, showCount) {
  if (!n.link) return h('span', {}, n.title);
  const link = h('a', { href: n.link }, n.title);
  link.addEventListener('click', () => {
    api(`/me/notifications/${encodeURIComponent(n.id)}/read`, { method: 'POST' }).then((r) => showCount(r.unread), () => {});
  });
  return link;
}
