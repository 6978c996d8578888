// The enrol control of a track: a login link for visitors, an enrol button for learners not yet
// enrolled, and for enrolled learners their standing and where to resume.
import { api } from '../api.js';
import { announce, h } from '../dom.js';
import { resumeHref } from '../progress.js';
import { currentUser } from '../session.js';
import { contentLang, t } from '../i18n.js';

/** enrolControl returns the control for track, given the learner's standing on it (or null). */
export function enrolControl(track, standing) {
  const box = h('div', { className: 'enrol' });
  if (!currentUser()) {
    box.append(h('a', { className: 'button', href: `/login?next=${encodeURIComponent(location.pathname)}` }, t('enrol.log_in')));
    return box;
  }
  if (standing && standing.enrolled) {
    box.append(enrolled(standing));
    return box;
  }
  const button = h('button', { type: 'button', className: 'button' }, t('enrol.enrol'), h('span', { className: 'visually-hidden' }, ' ', t('enrol.in_track', { Track: track.title })));
  const error = h('p', { className: 'form-error', role: 'alert' });
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.textContent = '';
    try {
      await api(`/tracks/${encodeURIComponent(track.slug)}/enrol`, { method: 'POST' });
      box.replaceChildren(enrolled({ ...(standing || {}), enrolled: true }));
      announce(t('enrol.enrolled_in', { Track: track.title }));
      box.querySelector('.enrolled-status').focus();
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
    }
  });
  box.append(button, error);
  return box;
}

function enrolled(standing) {
  const modules = standing.modules || [];
  const done = modules.filter((m) => m.completed).length;
  return h('div', { className: 'enrolled' },
    h('p', { className: 'enrolled-status', tabindex: '-1' },
      h('span', { className: 'tick', 'aria-hidden': 'true' }, '✓'), ' ', t('enrol.enrolled'),
      modules.length ? ` · ${t('enrol.modules_complete', { Count: done, Total: modules.length })}` : ''),
    standing.resume ? h('a', { className: 'button', href: resumeHref(standing.resume) }, t('enrol.continue'), ' ', h('span', { lang: contentLang(standing.resume) }, standing.resume.title)) : null);
}
