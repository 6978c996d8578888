// Following a link mailed to an address (/verify-email#token=...): it confirms the address
// given at registration, or moves the account to a new address. The token travels in the
// fragment, so it never reaches a server log, and leaves the address bar at once.
import { api } from '../api.js';
import { h } from '../dom.js';
import { currentUser, reloadUser } from '../session.js';
import { t } from '../i18n.js';

/** linkToken takes the token from the address bar's #token= and removes it from there. */
export function linkToken() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

export default async function verifyEmailPage() {
  const token = linkToken();
  let heading = t('pages.verify_confirmed');
  let body;
  try {
    if (!token) throw new Error(t('pages.verify_incomplete'));
    const result = await api('/auth/verify-email', { method: 'POST', body: { token } });
    body = result.changed
      ? t('pages.verify_changed', { Email: result.email })
      : t('pages.verify_thanks', { Email: result.email });
    if (currentUser()) await reloadUser();
  } catch (err) {
    heading = t('pages.verify_failed');
    body = err.message;
  }
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, heading),
    h('p', { className: 'lede verify-result' }, body),
    h('p', {}, currentUser()
      ? h('a', { href: '/account#email' }, t('pages.verify_account'))
      : h('a', { href: '/login' }, t('header.log_in'))));
  return { title: heading, node };
}
