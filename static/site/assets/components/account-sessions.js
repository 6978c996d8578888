// Account page, sessions: every device signed in, when it signed in and was last active; one
// can be signed out, or all of them at once.
import { api, forgetSession } from '../api.js';
import { announce, h } from '../dom.js';
import { navigate } from '../router.js';
import { formatDate, t } from '../i18n.js';

function when(iso) {
  return formatDate(iso, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** sessionsSection draws the list of sessions and the sign-out-everywhere button. */
export async function sessionsSection() {
  const list = h('ul', { className: 'session-list', id: 'session-list' });
  const status = h('p', { className: 'form-status', role: 'status' });
  const draw = async () => {
    const { items } = await api('/me/sessions');
    list.replaceChildren(...items.map((s) => item(s, async () => {
      await api(`/me/sessions/${encodeURIComponent(s.id)}`, { method: 'DELETE' });
      status.textContent = t('account.device_signed_out');
      await draw();
    })));
  };
  await draw();
  const everywhere = h('button', { type: 'button', className: 'button button-danger', id: 'sign-out-everywhere' }, t('account.sign_out_everywhere'));
  everywhere.addEventListener('click', async () => {
    everywhere.disabled = true;
    try {
      await api('/me/sessions', { method: 'DELETE' });
      await navigate('/login', { replace: true });
      forgetSession();
      announce(t('account.signed_out_everywhere'));
    } catch (err) {
      everywhere.disabled = false;
      status.textContent = err.message;
    }
  });
  return h('section', { className: 'panel', id: 'sessions', 'aria-labelledby': 'sessions-heading' },
    h('h2', { id: 'sessions-heading' }, t('account.where_signed_in')),
    h('p', { className: 'hint' }, t('account.sessions_hint')),
    list,
    h('p', { className: 'section-actions' }, everywhere, status));
}

function item(s, signOut) {
  const button = h('button', { type: 'button', className: 'button button-secondary button-small' }, t('account.sign_out'));
  button.setAttribute('aria-label', t('account.sign_out_session', { Date: when(s.created_at) }));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await signOut();
    } catch (err) {
      button.disabled = false;
      announce(err.message);
    }
  });
  return h('li', { className: 'session' },
    h('div', {},
      h('p', { className: 'session-title' }, s.current ? t('account.this_device') : t('account.another_device')),
      h('p', { className: 'session-meta' }, t('account.session_meta', { Start: when(s.created_at), Last: when(s.last_used_at) }))),
    s.current ? null : button);
}
