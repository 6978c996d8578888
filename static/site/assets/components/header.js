// The site header: brand, main navigation (with the current section marked), the account area
// (log in and register, or the learner's name, leading to their account, and log out), and a
// reminder to confirm an unconfirmed address. A signed-in user's bell shows their unread notices.
import { logout } from '../api.js';
import { announce, badge, h } from '../dom.js';
import { noticeBell } from './notice-bell.js';
import { currentUser, disciplineGroup } from '../session.js';

const SECTIONS = [
  { href: '/', label: 'Courses', matches: (p) => p === '/' || /^\/(tracks|modules|lessons|quizzes|attempts)\//.test(p) },
  { href: '/glossary', label: 'Glossary', matches: (p) => p === '/glossary' },
  { href: '/case-studies', label: 'Case studies', matches: (p) => p.startsWith('/case-studies') },
  { href: '/exercises', label: 'Exercises', matches: (p) => p.startsWith('/exercises') },
];

// Sections only some users see: a learner's teams, an instructor's cohorts, a society's programmes.
const ROLE_SECTIONS = [
  { href: '/teams', label: 'Teams', roles: ['learner'], matches: (p) => p.startsWith('/teams') },
  { href: '/teach', label: 'Teaching', roles: ['instructor', 'admin'], matches: (p) => p.startsWith('/teach') },
  { href: '/society', label: 'Society', roles: ['society_admin', 'admin'], matches: (p) => p.startsWith('/society') },
  { href: '/admin', label: 'Admin', roles: ['admin'], matches: (p) => p.startsWith('/admin') },
];

/** renderHeader draws the header for the current user and location. */
export function renderHeader(header) {
  const user = currentUser();
  const path = location.pathname;
  const sections = user ? [{ href: '/dashboard', label: 'Dashboard', matches: (p) => p === '/dashboard' }, ...SECTIONS, ...ROLE_SECTIONS.filter((s) => s.roles.some((r) => user.roles.includes(r)))] : SECTIONS;
  const nav = h('nav', { className: 'main-nav', 'aria-label': 'Main' },
    h('ul', {}, sections.map((s) => h('li', {},
      h('a', { href: s.href, 'aria-current': s.matches(path) ? 'page' : null }, s.label)))));
  const account = user
    ? h('div', { className: 'account' },
      noticeBell(path),
      h('a', { className: 'account-name', href: '/account', 'aria-current': path === '/account' ? 'page' : null },
        badge(disciplineGroup(user.discipline)), ' ', h('span', { className: 'name' }, user.name),
        h('span', { className: 'visually-hidden' }, ': your account')),
      h('button', { type: 'button', className: 'button button-quiet', onclick: onLogout }, 'Log out'))
    : h('div', { className: 'account' },
      h('a', { href: `/login?next=${encodeURIComponent(path)}`, className: 'button button-quiet' }, 'Log in'),
      h('a', { href: '/register', className: 'button' }, 'Register'));
  const inner = h('div', { className: 'header-inner' },
    h('a', { className: 'brand', href: '/' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), 'Tandem'),
    account,
    nav);
  if (user && user.email_verified === false && path !== '/account') header.replaceChildren(inner, unconfirmedBanner(user));
  else header.replaceChildren(inner);
}

// unconfirmedBanner tells a learner whose address is not confirmed what that means and where
// to get a new link.
function unconfirmedBanner(user) {
  return h('p', { className: 'unconfirmed-banner' },
    `Please confirm ${user.email}: follow the link we mailed you. Until then no certificate can be issued in your name. `,
    h('a', { href: '/account#email' }, 'Send a new link'));
}

async function onLogout() {
  try {
    await logout();
  } finally {
    announce('You have logged out.');
  }
}
