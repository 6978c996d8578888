// Back from an institution's identity provider (/sign-in/done#code=...&next=...): Tandem
// checked the provider's answer and put a single-use code after the #. The page trades it for
// a session, asks a new account its discipline once, and opens next.
import { adoptSession, publicApi } from '../api.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { disciplineForm, launchFragment } from './lti-signed-in.js';
import { t } from '../i18n.js';

export default async function signInDonePage() {
  const { code, next, ask } = launchFragment();
  try {
    if (!code) throw new Error(t('pages.sign_in_incomplete'));
    adoptSession(await publicApi('/auth/exchange', { method: 'POST', body: { code } }));
  } catch (err) {
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, t('pages.sign_in_failed_title')),
      h('p', { className: 'lede' }, err.message),
      h('p', {}, h('a', { href: '/login' }, t('pages.back_to_log_in_page'))));
    return { title: t('pages.sign_in_failed'), node };
  }
  if (!ask) {
    queueMicrotask(() => navigate(next, { replace: true }));
    return { title: t('pages.signed_in'), node: h('div', { className: 'page narrow' }, h('h1', {}, t('pages.signed_in')), h('p', {}, t('pages.opening_tandem'))) };
  }
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, t('pages.welcome_title')),
    h('p', { className: 'lede' }, t('pages.welcome_lede')),
    disciplineForm(next));
  return { title: t('pages.welcome'), node };
}
