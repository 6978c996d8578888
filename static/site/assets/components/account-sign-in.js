// Account page, institutional sign-in: the identity providers the operator configured, which
// of them open this account, and a button to link another (the provider's page opens, then
// Tandem comes back here). Draws nothing when no provider is configured.
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
    if (link) return h('li', {}, t('account.linked_on', { Provider: p.name, Date: formatDate(link.linked_at) }));
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
