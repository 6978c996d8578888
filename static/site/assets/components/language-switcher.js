// @ts-check
// The language switcher in the header: the four languages, each named in itself (and marked
// with its own lang), saved to the profile when signed in, in this browser otherwise.
import { currentLanguage, LANGUAGES, loadLanguage, rememberLanguage, t, translateStatic } from '../i18n.js';
import { announce, h } from '../dom.js';
import { reload } from '../router.js';
import { currentUser, updateMe } from '../session.js';

/** languageSwitcher draws the switcher; onSwitched runs once the new language is shown. */
export function languageSwitcher(onSwitched) {
  const select = h('select', { id: 'language-switcher', className: 'language-select', onchange: () => switchTo(select.value, onSwitched) },
    LANGUAGES.map((l) => h('option', { value: l.code, lang: l.code, selected: l.code === currentLanguage() }, l.name)));
  return h('div', { className: 'language-switcher' },
    h('label', { for: 'language-switcher', className: 'visually-hidden' }, t('header.language')),
    select);
}

async function switchTo(code, onSwitched) {
  rememberLanguage(code);
  if (currentUser()) await updateMe({ language: code });
  await loadLanguage(code);
  translateStatic();
  onSwitched();
  await reload();
  announce(t('header.language_changed'));
}
