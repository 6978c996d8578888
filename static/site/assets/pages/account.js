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
import { t } from '../i18n.js';

const PARTS = ['profile', 'email', 'password', 'sessions', 'notifications', 'data'];

export default async function accountPage() {
  const [me, sessions, signIn, notices] = await Promise.all([api('/me'), sessionsSection(), signInSection(), notificationsSection()]);
  const node = h('div', { className: 'page narrow account-page' },
    h('h1', {}, t('account.title')),
    h('nav', { className: 'on-this-page', 'aria-label': t('account.on_this_page') },
      h('ul', {}, PARTS.map((id) => h('li', {}, h('a', { href: `#${id}` }, t(`account.part_${id}`)))))),
    profileSection(me),
    emailSection(me),
    passwordSection(),
    signIn,
    sessions,
    notices,
    dataSection());
  return { title: t('account.title'), node };
}
