// The site header: brand, main navigation (with the current section marked) and the account
// area (log in and register, or the learner's name and log out).
import { logout } from '../api.js';
import { announce, badge, h } from '../dom.js';
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
      h('span', { className: 'account-name' }, badge(disciplineGroup(user.discipline)), ' ', h('span', { className: 'name' }, user.name)),
      h('button', { type: 'button', className: 'button button-quiet', onclick: onLogout }, 'Log out'))
    : h('div', { className: 'account' },
      h('a', { href: `/login?next=${encodeURIComponent(path)}`, className: 'button button-quiet' }, 'Log in'),
      h('a', { href: '/register', className: 'button' }, 'Register'));
  header.replaceChildren(h('div', { className: 'header-inner' },
    h('a', { className: 'brand', href: '/' }, h('span', { className: 'brand-mark', 'aria-hidden': 'true' }), 'Tandem'),
    account,
    nav));
}

async function onLogout() {
  try {
    await logout();
  } finally {
    announce('You have logged out.');
  }
}
