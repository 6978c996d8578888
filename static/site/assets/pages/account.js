// Your account (/account): profile, email address, password, where you are signed in, and your
// notification settings, and your data (download or delete).
import { api } from '../api.js';
import { emailSection } from '../components/account-email.js';
import { notificationsSection } from '../components/account-notifications.js';
import { dataSection } from '../components/account-data.js';
import { passwordSection } from '../components/account-password.js';
import { profileSection } from '../components/account-profile.js';
import { sessionsSection } from '../components/account-sessions.js';
import { signInSection } from '../components/account-sign-in.js';
import { h } from '../dom.js';

const PARTS = [['profile', 'Profile'], ['email', 'Email address'], ['password', 'Password'], ['sessions', 'Sessions'], ['notifications', 'Notifications'], ['data', 'Your data']];

export default async function accountPage() {
  const [me, sessions, signIn, notices] = await Promise.all([api('/me'), sessionsSection(), signInSection(), notificationsSection()]);
  const node = h('div', { className: 'page narrow account-page' },
    h('h1', {}, 'Your account'),
    h('nav', { className: 'on-this-page', 'aria-label': 'On this page' },
      h('ul', {}, PARTS.map(([id, label]) => h('li', {}, h('a', { href: `#${id}` }, label))))),
    profileSection(me),
    emailSection(me),
    passwordSection(),
    signIn,
    sessions,
    notices,
    dataSection());
  return { title: 'Your account', node };
}
