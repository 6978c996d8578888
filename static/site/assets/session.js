// Who is signed in: the current user, restored at start from the browser's refresh cookie, and
// the disciplines they can belong to.
import { api, hasRefreshToken, onSession, refresh } from './api.js';
import { t } from './i18n.js';
import { h } from './dom.js';

let user = null;
const listeners = new Set();

onSession((u) => {
  user = u;
  for (const fn of listeners) fn(user);
});

/** currentUser is the signed-in user, or null. */
export function currentUser() {
  return user;
}

/** onUserChange calls fn with the user (or null) after every sign-in, refresh and sign-out. */
export function onUserChange(fn) {
  listeners.add(fn);
}

/** setUser replaces the user after the server returned a fresher copy (PATCH /me). */
function setUser(u) {
  user = u;
  for (const fn of listeners) fn(user);
}

/** restore resumes the browser's session, if it has one. */
export async function restore() {
  if (hasRefreshToken()) await refresh();
  return user;
}

/** DISCIPLINES are the choices at registration, grouped as the API groups them. */
const DISCIPLINES = [
  { group: 'clinical', items: ['medicine', 'nursing', 'allied_health'] },
  { group: 'technical', items: ['computer_science', 'data_science', 'engineering'] },
  { group: 'other', items: ['other'] },
];

/** disciplineOptions are the discipline choices of a <select>, grouped, with selected chosen. */
export function disciplineOptions(selected = '') {
  return DISCIPLINES.map((g) => h('optgroup', { label: t(`audience.${g.group}`) },
    g.items.map((value) => h('option', { value, selected: value === selected }, disciplineLabel(value)))));
}

/** disciplineLabel names a discipline in the reader's language. */
function disciplineLabel(discipline) {
  return t(`discipline.${discipline}`);
}

/** disciplineGroup is clinical, technical or other for a discipline. */
export function disciplineGroup(discipline) {
  const found = DISCIPLINES.find((g) => g.items.includes(discipline));
  return found ? found.group : 'other';
}

/** passwordRules explains, before anyone types, what the server accepts as a password. */
export function passwordRules() {
  return t('account.password_rules');
}

/** reloadUser fetches the caller again (after an address was verified or changed). */
export async function reloadUser() {
  const u = await api('/me');
  setUser(u);
  return u;
}

/** updateMe patches the caller's profile and keeps the session's copy current. */
export async function updateMe(patch) {
  const u = await api('/me', { method: 'PATCH', body: patch });
  setUser(u);
  return u;
}
