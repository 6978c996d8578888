// The institutions' sign-in buttons on the log-in page: one link per identity provider the
// operator configured, each starting the provider's sign-in and coming back to next. The
// links open as whole pages (target _self), not through the router: the server answers them.
import { publicApi } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * @typedef {{ id: string, name: string, domains: string[], only_way_for_domains: boolean }} SignInProvider
 */

/** signInProviders draws the providers' buttons once they are known; none draws nothing. */
export function signInProviders(next) {
  const box = h('div', { className: 'sign-in-providers stack', hidden: true });
  publicApi('/auth/providers').then((/** @type {{ items: SignInProvider[] }} */ list) => {
    if (!list.items.length) return;
    box.append(
      h('h2', {}, t('login.institution')),
      ...list.items.map((p) => h('p', {},
        h('a', { className: 'button button-secondary', target: '_self', href: `/auth/oidc/${encodeURIComponent(p.id)}/start?next=${encodeURIComponent(next)}` }, t('login.sign_in_with', { Provider: p.name })),
        p.only_way_for_domains ? h('span', { className: 'hint' }, ' ', t('login.required_for', { Domains: p.domains.join(', ') })) : null)),
      h('p', { className: 'hint' }, t('login.or_password')));
    box.hidden = false;
  }).catch(() => null);
  return box;
}
