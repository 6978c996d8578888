// The site header: brand, main navigation (with the current section marked), the account area
// (log in and register, or the learner's name, leading to their account, and log out), and a
// reminder to confirm an unconfirmed address. A signed-in user's bell shows their unread notices.
import { logout } from '../api.js';
import { announce, badge, h } from '../dom.js';
import { noticeBell } from './notice-bell.js';
import { currentUser, disciplineGroup } from '../session.js';
import { t } from '../i18n.js';
import { languageSwitcher } from './language-switcher.js';

const SECTIONS = [
  { href: '/', label: 'header.courses', matches: (p) => p === '/' || /^\/(tracks|modules|lessons|quizzes|attempts)\//.test(p) },
  { href: '/glossary', label: 'header.glossary', matches: (p) => p === '/glossary' },
  { href: '/case-studies', label: 'header.case_studies', matches: (p) => p.startsWith('/case-studies') },
  { href: '/exercises', label: 'header.exercises', matches: (p) => p.startsWith('/exercises') },
];

// Sections only some users see: a learner's teams, an instructor's cohorts, a society's programmes.
const ROLE_SECTIONS = [
  { href: '/teams', label: 'header.teams', roles: ['learner'], matches: (p) => p.startsWith('/teams') },
  { href: '/teach', label: 'header.teaching', roles: ['instructor', 'admin'], matches: (p) => p.startsWith('/teach') },
  { href: '/society', label: 'header.society', roles: ['society_admin', 'admin'], matches: (p) => p.startsWith('/society') },
  { href: '/admin', label: 'header.admin', roles: ['admin'], matches: (p) => p.startsWith('/admin') },
];

/** renderHeader draws the header for the current user and location. */
export function renderHeader(header) {
  const user = currentUser();
  const path = location.pathname;
  const sections = user ? [{ href: '/dashboard', label: 'header.dashboard', matches: (p) => p === '/dashboard' }, ...SECTIONS, ...ROLE_SECTIONS.filter((s) => s.roles.some((r) => user.roles.includes(r)))] : SECTIONS;
  const nav = h('nav', { className: 'main-nav', 'aria-label': t('header.main_nav') },
    h('ul', {}, sections.map((s) => h('li', {},
      h('a', { href: s.href, 'aria-current': s.matches(path) ? 'page' : null }, t(s.label))))));
  const account = user
    ? h('div', { className: 'account' },
      noticeBell(path),
      h('a', { className: 'account-name', href: '/account', 'aria-current': path === '/account' ? 'page' : null },
        badge(disciplineGroup(user.discipline)), ' ', h('span', { className: 'name' }, user.name),
        h('span', { className: 'visually-hidden' }, t('header.your_account'))),
      h('button', { type: 'button', className: 'button button-quiet', onclick: onLogout }, t('header.log_out')))
    : h('div', { className: 'account' },
      h('a', { href: `/login?next=${encodeURIComponent(path)}`, className: 'button button-quiet' }, t('header.log_in')),
      h('a', { href: '/register', className: 'button' }, t('header.register')));
  const inner = h('div', { className: 'header-inner' },
    h('a', { className: 'brand', href: '/' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), 'Tandem'),
    languageSwitcher(() => renderHeader(header)),
    account,
    nav);
  if (user && user.email_verified === false && path !== '/account') header.replaceChildren(inner, unconfirmedBanner(user));
  else header.replaceChildren(inner);
}

// unconfirmedBanner tells a learner whose address is not confirmed what that means and where
// to get a new link.
function unconfirmedBanner(user) {
  return h('p', { className: 'unconfirmed-banner' },
    t('header.unconfirmed', { Email: user.email }), ' ',
    h('a', { href: '/account#email' }, t('header.send_new_link')));
}

async function onLogout() {
  try {
    await logout();
  } finally {
    announce(t('header.logged_out'));
  }
}
