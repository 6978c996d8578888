// Who is signed in: the current user, restored at start from the browser's refresh cookie, and
// the disciplines they can belong to.
import { api, hasRefreshToken, onSession, refresh } from './api.js';

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
export const DISCIPLINES = [
  { group: 'clinical', label: 'Clinical', items: [['medicine', 'Medicine'], ['nursing', 'Nursing'], ['allied_health', 'Allied health']] },
  { group: 'technical', label: 'Technical', items: [['computer_science', 'Computer science'], ['data_science', 'Data science'], ['engineering', 'Engineering']] },
  { group: 'other', label: 'Other', items: [['other', 'Other']] },
];

/** disciplineGroup is clinical, technical or other for a discipline. */
export function disciplineGroup(discipline) {
  const found = DISCIPLINES.find((g) => g.items.some(([value]) => value === discipline));
  return found ? found.group : 'other';
}

/** PASSWORD_RULES explains, before anyone types, what the server accepts as a password. */
export const PASSWORD_RULES = 'Use 10 to 128 characters. A few unrelated words make a strong password that is easy to remember. '
  + 'Very common passwords, and passwords that contain your email address, are refused.';

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
