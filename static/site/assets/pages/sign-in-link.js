// Linking an institution's sign-in to an existing account (/sign-in/link#code=...&next=...):
// the provider's address belongs to a Tandem account, so the person proves it is theirs with
// its password once; afterwards the institution's sign-in opens it directly.
import { adoptSession, publicApi } from '../api.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { launchFragment } from './lti-signed-in.js';
import { t } from '../i18n.js';

export default async function signInLinkPage() {
  const { code, next } = launchFragment();
  const form = h('form', { id: 'link-form', className: 'stack', novalidate: true },
    textField('password', t('pages.link_password'), { type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, t('pages.link_submit'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (showMissing(errors, password ? {} : { password: t('login.missing_password') })) return;
    const sent = await sendForm(form, errors, async () => {
      const linked = await publicApi('/auth/oidc/links', { method: 'POST', body: { code, password } });
      adoptSession(linked.session);
    }, { explain: linkError });
    if (sent) navigate(next, { replace: true });
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, t('pages.link_title')),
    h('p', { className: 'lede' }, t('pages.link_lede')),
    form,
    h('p', {}, h('a', { href: '/forgot-password' }, t('pages.forgot_title'))));
  return { title: t('pages.link_page_title'), node };
}

/**
 * linkError words the errors linking meets for the person at the keyboard.
 * @returns {[object, string?]|null}
 */
function linkError(err) {
  if (err.status === 422) return [{ password: t('pages.link_wrong_password') }];
  if (err.status === 410) return [{}, t('pages.link_expired')];
  if (err.status === 429) return [{}, t('login.too_many')];
  return null;
}
