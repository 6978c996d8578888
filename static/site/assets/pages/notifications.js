// @ts-check
// Notifications (/notifications): the learner's notices, newest first, unread ones marked;
// opening one marks it read and follows its link; "Mark all read" clears the count; older
// notices load a page at a time.
import { api } from '../api.js';
import { setUnread } from '../components/notice-bell.js';
import { announce, dateText, h } from '../dom.js';
import { navigate } from '../router.js';
import { t } from '../i18n.js';

const PAGE = 20;

/**
 * @typedef {{ id: string, kind: string, title: string, body: string, link: string, read: boolean, created_at: string }} Notice
 * @typedef {{ items: Notice[], next_cursor: string, unread: number }} NoticePage
 */

export default async function notificationsPage() {
  const unreadOnly = new URLSearchParams(location.search).get('unread') === 'true';
  /** @type {NoticePage} */
  const first = await api(`/me/notifications?limit=${PAGE}${unreadOnly ? '&unread=true' : ''}`);
  setUnread(first.unread);
  const list = h('ol', { className: 'notice-list', 'aria-labelledby': 'notices-heading' });
  const empty = h('p', { className: 'hint' }, unreadOnly ? t('finish.page_none_unread') : t('finish.page_empty'));
  const more = h('button', { type: 'button', className: 'button button-secondary' }, t('finish.page_older'));
  const summary = h('p', { className: 'notice-summary' });
  const markAll = h('button', { type: 'button', className: 'button button-secondary' }, t('finish.notices_mark_all'));
  let cursor = first.next_cursor;

  /** @param {number} n */
  const showCount = (n) => {
    summary.textContent = n ? t('finish.page_unread', { Count: n }) : t('finish.page_all_read');
    markAll.disabled = n === 0;
    setUnread(n);
  };
  /** @param {Notice[]} items */
  const add = (items) => {
    list.append(...items.map((n) => h('li', {}, noticeCard(n, showCount))));
    empty.hidden = list.children.length > 0;
    more.hidden = !cursor;
  };
  more.addEventListener('click', async () => {
    more.disabled = true;
    try {
      /** @type {NoticePage} */
      const page = await api(`/me/notifications?limit=${PAGE}&cursor=${encodeURIComponent(cursor)}${unreadOnly ? '&unread=true' : ''}`);
      cursor = page.next_cursor;
      add(page.items);
      announce(t('finish.page_older_shown', { Count: page.items.length }));
    } finally {
      more.disabled = false;
    }
  });
  markAll.addEventListener('click', async () => {
    await api('/me/notifications/read', { method: 'POST' });
    for (const card of list.querySelectorAll('.notice-card.unread')) markRead(card);
    showCount(0);
    announce(t('finish.notices_all_read'));
  });
  showCount(first.unread);
  add(first.items);
  const node = h('div', { className: 'page narrow notifications-page' },
    h('h1', { id: 'notices-heading' }, t('notices.title')),
    h('div', { className: 'notice-toolbar' }, summary,
      h('a', { href: unreadOnly ? '/notifications' : '/notifications?unread=true' }, unreadOnly ? t('finish.page_show_all') : t('finish.page_show_unread')),
      markAll,
      h('a', { href: '/account#notifications' }, t('finish.page_settings'))),
    list, empty, more);
  return { title: t('notices.title'), node };
}

/**
 * noticeCard is one notice: its title links to the page it is about; opening it marks it read.
 * @param {Notice} n
 * @param {(unread: number) => void} showCount
 */
function noticeCard(n, showCount) {
  const open = async (/** @type {Event} */ event) => {
    event.preventDefault();
    if (card.classList.contains('unread')) {
      try {
        const { unread } = await api(`/me/notifications/${encodeURIComponent(n.id)}/read`, { method: 'POST' });
        markRead(card);
        showCount(unread);
      } catch {
        // Following the link matters more than the mark.
      }
    }
    if (n.link) navigate(n.link);
  };
  const title = n.link
    ? h('a', { href: n.link, onclick: open }, n.title)
    : h('span', {}, n.title);
  const card = h('article', { className: `notice-card${n.read ? '' : ' unread'}`, 'data-notice': n.id, 'data-kind': n.kind },
    h('h2', { className: 'notice-title' }, n.read ? null : h('span', { className: 'visually-hidden' }, `${t('finish.page_unread_mark')} `), title),
    n.body ? h('p', { className: 'notice-body' }, n.body) : null,
    h('p', { className: 'card-meta' }, dateText(n.created_at)),
    n.read || n.link ? null : h('button', { type: 'button', className: 'button button-quiet', onclick: open }, t('finish.page_mark_read')));
  return card;
}

/** @param {Element} card */
function markRead(card) {
  card.classList.remove('unread');
  card.querySelector('.notice-title .visually-hidden')?.remove();
  card.querySelector('button')?.remove();
}
