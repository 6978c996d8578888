// Following a link mailed to an address (/verify-email#token=...): it confirms the address
// given at registration, or moves the account to a new address. The token travels in the
// fragment, so it never reaches a server log, and leaves the address bar at once.
import { api } from '../api.js';
import { h } from '../dom.js';
import { currentUser, reloadUser } from '../session.js';

/** linkToken takes the token from the address bar's #token= and removes it from there. */
export function linkToken() {
  const token = new URLSearchParams(location.hash.slice(1)).get('token') || '';
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return token;
}

export default async function verifyEmailPage() {
  const token = linkToken();
  let heading = 'Address confirmed';
  let body;
  try {
    if (!token) throw new Error('This link is incomplete. Copy the whole link from the mail into the address bar.');
    const result = await api('/auth/verify-email', { method: 'POST', body: { token } });
    body = result.changed
      ? `Your account now uses ${result.email}. Use it to sign in from now on.`
      : `Thank you: ${result.email} is confirmed.`;
    if (currentUser()) await reloadUser();
  } catch (err) {
    heading = 'This link did not work';
    body = err.message;
  }
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, heading),
    h('p', { className: 'lede verify-result' }, body),
    h('p', {}, currentUser()
      ? h('a', { href: '/account#email' }, 'Go to your account')
      : h('a', { href: '/login' }, 'Log in')));
  return { title: heading, node };
}
