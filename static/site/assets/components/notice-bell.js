// @ts-check
// The bell in the header: a link to the notifications page that carries the unread count, and
// a polite live region that tells screen-reader users when the count changes. The bell is built
// once and kept across page changes, so the live region keeps its place in the page.
import { api } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { currentUser } from '../session.js';

const POLL_MS = 60_000;

const count = h('span', { className: 'bell-count', 'aria-hidden': 'true', hidden: true });
const label = h('span', { className: 'visually-hidden' }, t('notices.title'));
const live = h('span', { className: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'data-unread-status': '' });
const link = h('a', { className: 'bell', href: '/notifications' }, bellIcon(), label, count);
const bell = h('span', { className: 'bell-wrap' }, link, live);

/** @type {number | null} */
let shown = null;
/** @type {ReturnType<typeof setInterval> | null} */
let timer = null;

/** bellIcon is the bell drawn in SVG, hidden from assistive technology (the label speaks). */
function bellIcon() {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const path = document.createElementNS(ns, 'path');
  for (const [k, v] of [['viewBox', '0 0 24 24'], ['width', '22'], ['height', '22'], ['aria-hidden', 'true'], ['focusable', 'false']]) svg.setAttribute(k, v);
  path.setAttribute('d', 'M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3a1.5 1.5 0 0 0-3 0v1.16A7 7 0 0 0 5 11v5l-2 2v1h18v-1z');
  path.setAttribute('fill', 'currentColor');
  svg.append(path);
  return svg;
}

/** noticeBell returns the header's bell for the page at path and refreshes its count. */
export function noticeBell(path) {
  if (path === '/notifications') link.setAttribute('aria-current', 'page');
  else link.removeAttribute('aria-current');
  refreshUnread();
  if (!timer) timer = setInterval(() => { if (document.visibilityState === 'visible' && currentUser()) refreshUnread(); }, POLL_MS);
  return bell;
}

/** refreshUnread asks the server for the unread count and shows it. */
export async function refreshUnread() {
  try {
    const { unread } = await api('/me/notifications/unread-count');
    setUnread(unread);
  } catch {
    // Signed out meanwhile, or offline: the bell keeps its last count.
  }
}

/** setUnread shows n unread notices on the bell, announcing a change. */
export function setUnread(n) {
  count.textContent = n > 99 ? '99+' : String(n);
  count.hidden = n === 0;
  label.textContent = n ? t('notices.bell_unread', { Count: n }) : t('notices.title');
  if (shown !== null && shown !== n) live.textContent = n ? t('notices.unread_count', { Count: n }) : t('notices.none_unread');
  shown = n;
}
