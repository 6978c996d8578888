// Linking an institution's sign-in to an existing account (/sign-in/link#code=...&next=...):
// the provider's address belongs to a Tandem account, so the person proves it is theirs with
// its password once; afterwards the institution's sign-in opens it directly.
import { adoptSession, publicApi } from '../api.js';
import { fieldErrors, sendForm, showMissing } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { launchFragment } from './lti-signed-in.js';

export default async function signInLinkPage() {
  const { code, next } = launchFragment();
  const form = h('form', { id: 'link-form', className: 'stack', novalidate: true },
    textField('password', 'Your Tandem password', { type: 'password', autocomplete: 'current-password', required: true }),
    h('p', {}, h('button', { type: 'submit', className: 'button button-large' }, 'Link and sign in')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const password = form.elements.password.value;
    if (showMissing(errors, password ? {} : { password: 'Enter your password.' })) return;
    const sent = await sendForm(form, errors, async () => {
      const linked = await publicApi('/auth/oidc/links', { method: 'POST', body: { code, password } });
      adoptSession(linked.session);
    }, { explain: linkError });
    if (sent) navigate(next, { replace: true });
  });
  const node = h('div', { className: 'page narrow auth-page' },
    h('h1', {}, 'You already have a Tandem account'),
    h('p', { className: 'lede' }, 'Your institution gave an address that has a Tandem account. Enter its password once to sign in with your institution from now on.'),
    form,
    h('p', {}, h('a', { href: '/forgot-password' }, 'Forgotten your password?')));
  return { title: 'Link your account', node };
}

/**
 * linkError words the errors linking meets for the person at the keyboard.
 * @returns {[object, string?]|null}
 */
function linkError(err) {
  if (err.status === 422) return [{ password: 'This is not the password of the account.' }];
  if (err.status === 410) return [{}, 'This link has expired. Sign in with your institution again.'];
  if (err.status === 429) return [{}, 'Too many failed attempts. Wait a few minutes, then try again.'];
  return null;
}
