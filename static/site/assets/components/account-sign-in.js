// Account page, institutional sign-in: the identity providers the operator configured, which
// of them open this account, a button to link another (the provider's page opens, then Tandem
// comes back here) and one to unlink a linked one, as long as the account keeps another way
// in. Draws nothing when no provider is configured.
import { api, publicApi } from '../api.js';
import { h } from '../dom.js';
import { formatDate, t } from '../i18n.js';

/** signInSection draws the providers linked to the account and the ones to link; null for none. */
export async function signInSection() {
  const [providers, links] = await Promise.all([publicApi('/auth/providers'), api('/me/oidc-links')]);
  if (!providers.items.length) return null;
  const linked = new Map(links.items.map((l) => [l.provider, l]));
  const problem = h('p', { className: 'error', role: 'alert', hidden: true });
  const rows = providers.items.map((p) => {
    const link = linked.get(p.id);
    if (link) return linkedRow(p, link, problem);
    const button = h('button', { type: 'button', className: 'button button-secondary' }, t('account.link_provider', { Provider: p.name }));
    button.addEventListener('click', async () => {
      button.disabled = true;
      try {
        const started = await api('/me/oidc-links', { method: 'POST', body: { provider: p.id } });
        location.assign(started.redirect_url);
      } catch (err) {
        problem.textContent = err.message;
        problem.hidden = false;
        button.disabled = false;
      }
    });
    return h('li', {}, button);
  });
  return h('section', { className: 'panel', id: 'sign-in', 'aria-labelledby': 'sign-in-heading' },
    h('h2', { id: 'sign-in-heading' }, t('login.institution')),
    h('p', {}, t('account.link_hint')),
    h('ul', { className: 'plain-list', id: 'sign-in-links' }, rows),
    problem);
}

/**
 * linkedRow draws a linked provider with a button that opens the unlink form: the password,
 * when the account has one, keeps it reachable; without one, another link must.
 * @param {{id: string, name: string}} p
 * @param {{linked_at: string}} link
 * @param {HTMLElement} problem
 */
function linkedRow(p, link, problem) {
  const password = /** @type {HTMLInputElement} */ (h('input', { type: 'password', id: `unlink-${p.id}-password`, autocomplete: 'current-password' }));
  const form = h('form', { className: 'unlink-form', hidden: true },
    h('label', { for: password.id }, t('account.unlink_password')),
    password,
    h('button', { type: 'submit', className: 'button button-secondary' }, t('account.unlink_provider', { Provider: p.name })));
  const open = h('button', { type: 'button', className: 'button button-secondary', 'aria-expanded': 'false' }, t('account.unlink_provider_open', { Provider: p.name }));
  open.addEventListener('click', () => {
    form.hidden = !form.hidden;
    open.setAttribute('aria-expanded', String(!form.hidden));
    if (!form.hidden) password.focus();
  });
  const row = h('li', {}, t('account.linked_on', { Provider: p.name, Date: formatDate(link.linked_at) }), ' ', open, form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    problem.hidden = true;
    try {
      const body = password.value ? { password: password.value } : undefined;
      await api(`/me/oidc-links/${encodeURIComponent(p.id)}`, { method: 'DELETE', body });
      const fresh = await signInSection();
      row.closest('section')?.replaceWith(fresh ?? '');
    } catch (err) {
      problem.textContent = err.message;
      problem.hidden = false;
    }
  });
  return row;
}
