// Back from an institution's identity provider (/sign-in/done#code=...&next=...): Tandem
// checked the provider's answer and put a single-use code after the #. The page trades it for
// a session, asks a new account its discipline once, and opens next.
import { adoptSession, publicApi } from '../api.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { disciplineForm, launchFragment } from './lti-signed-in.js';

export default async function signInDonePage() {
  const { code, next, ask } = launchFragment();
  try {
    if (!code) throw new Error('This sign-in is incomplete.');
    adoptSession(await publicApi('/auth/exchange', { method: 'POST', body: { code } }));
  } catch (err) {
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, 'Tandem could not sign you in'),
      h('p', { className: 'lede' }, err.message),
      h('p', {}, h('a', { href: '/login' }, 'Back to the log-in page')));
    return { title: 'Sign-in failed', node };
  }
  if (!ask) {
    queueMicrotask(() => navigate(next, { replace: true }));
    return { title: 'Signed in', node: h('div', { className: 'page narrow' }, h('h1', {}, 'Signed in'), h('p', {}, 'Opening Tandem…')) };
  }
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, 'Welcome to Tandem'),
    h('p', { className: 'lede' }, 'One question before you start: Tandem pairs clinicians with computer, data and engineering students, and shows each the track written for them.'),
    disciplineForm(next));
  return { title: 'Welcome', node };
}
