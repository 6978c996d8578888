// Arriving from a learning platform (/lti/signed-in#code=...&next=...): Tandem checked the
// platform's launch and put a single-use code after the #, which never reaches a server log.
// The page trades it for a session, asks a new account its discipline once when the platform
// did not send it, and opens the page the course linked to.
import { adoptSession, publicApi } from '../api.js';
import { h } from '../dom.js';
import { navigate, safeNext } from '../router.js';
import { disciplineOptions, updateMe } from '../session.js';

/** launchFragment takes code, next and ask from the address bar's # and removes them from there. */
export function launchFragment() {
  const params = new URLSearchParams(location.hash.slice(1));
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  return { code: params.get('code') || '', next: safeNext(params.get('next'), '/'), ask: params.get('ask') === 'discipline' };
}

/** disciplineForm asks a new account its discipline, then opens next. */
export function disciplineForm(next) {
  const problem = h('p', { className: 'error', role: 'alert', hidden: true });
  const select = h('select', { id: 'lti-discipline', name: 'discipline', required: true },
    h('option', { value: '' }, 'Choose…'),
    disciplineOptions());
  const form = h('form', { id: 'lti-discipline-form', className: 'stack' },
    h('div', { className: 'field' }, h('label', { for: 'lti-discipline' }, 'Your discipline'), select),
    problem,
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Continue')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!select.value) {
      problem.textContent = 'Choose your discipline.';
      problem.hidden = false;
      return;
    }
    try {
      await updateMe({ discipline: select.value });
      navigate(next, { replace: true });
    } catch (err) {
      problem.textContent = err.message;
      problem.hidden = false;
    }
  });
  return form;
}

export default async function ltiSignedInPage() {
  const { code, next, ask } = launchFragment();
  try {
    if (!code) throw new Error('This sign-in is incomplete. Open Tandem again from your course.');
    adoptSession(await publicApi('/auth/exchange', { method: 'POST', body: { code } }));
  } catch (err) {
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, 'Tandem could not sign you in'),
      h('p', { className: 'lede' }, err.message),
      h('p', {}, 'Open Tandem again from your course.'));
    return { title: 'Sign-in failed', node };
  }
  if (!ask) {
    queueMicrotask(() => navigate(next, { replace: true }));
    return { title: 'Signed in', node: h('div', { className: 'page narrow' }, h('h1', {}, 'Signed in'), h('p', {}, 'Opening your course…')) };
  }
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, 'Welcome to Tandem'),
    h('p', { className: 'lede' }, 'One question before you start: Tandem pairs clinicians with computer, data and engineering students, and shows each the track written for them.'),
    disciplineForm(next));
  return { title: 'Welcome', node };
}
