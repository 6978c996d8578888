// @ts-check
// The language switcher in the header: a disclosure naming the language shown, which opens the
// four languages, each named in itself (and marked with its own lang). A choice is saved to the
// profile when signed in, in this browser otherwise. Nothing changes until a language is picked,
// so moving through the list by keyboard never reloads the page under the reader.
import { currentLanguage, LANGUAGES, loadLanguage, rememberLanguage, t, translateStatic } from '../i18n.js';
import { announce, h } from '../dom.js';
import { reload } from '../router.js';
import { currentUser, updateMe } from '../session.js';

/** languageSwitcher draws the switcher; onSwitched runs once the new language is shown. */
export function languageSwitcher(onSwitched) {
  const shown = LANGUAGES.find((l) => l.code === currentLanguage()) || LANGUAGES[0];
  const box = h('details', { className: 'language-switcher', id: 'language-switcher' },
    h('summary', {}, h('span', { className: 'visually-hidden' }, `${t('header.language')}: `), h('span', { lang: shown.code }, shown.name)),
    h('ul', { className: 'language-list' }, LANGUAGES.map((l) => h('li', {},
      h('button', { type: 'button', className: 'button button-quiet', lang: l.code, 'aria-current': l.code === shown.code ? 'true' : null,
        onclick: () => switchTo(l.code, onSwitched) }, l.name)))));
  box.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !box.open) return;
    box.open = false;
    box.querySelector('summary').focus();
  });
  return box;
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
