// Society administration (/society): choose the society to manage. The societies the user
// administers come first; platform administrators can also open any issuing society or one by
// its id. The last one opened is remembered.
import { api } from '../api.js';
import { fieldErrors } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { h } from '../dom.js';
import { navigate } from '../router.js';
import { t } from '../i18n.js';
import { currentUser } from '../session.js';

/** lastSocietyKey is where this browser remembers the society a user last managed. */
export function lastSocietyKey() {
  return `tandem.society.${currentUser().id}`;
}

export default async function societyPage() {
  const [{ items }, mine] = await Promise.all([api('/programmes'), api('/me/organisations')]);
  const administered = mine.items.filter((o) => o.kind === 'society' && o.role === 'society_admin');
  const issuers = [...new Map(items.map((p) => [p.issuer.id, p.issuer])).values()];
  const last = localStorage.getItem(lastSocietyKey());
  const form = h('form', { id: 'society-form', className: 'stack', novalidate: true },
    textField('organisation', t('society.home.id'), { required: true, id: 'society-id', autocomplete: 'off', spellcheck: 'false' },
      t('society.home.id_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('society.home.open'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const id = form.querySelector('#society-id').value.trim();
    if (!id) {
      errors.show({ organisation: t('society.home.missing_id') });
      return;
    }
    navigate(`/society/${encodeURIComponent(id)}`);
  });
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, t('header.society')),
    h('p', { className: 'lede' }, t('society.home.lede')),
    administered.length ? h('section', { 'aria-labelledby': 'mine-heading' },
      h('h2', { id: 'mine-heading' }, t('society.home.yours')),
      h('ul', { className: 'link-list' }, administered.map((o) => h('li', {}, h('a', { href: `/society/${encodeURIComponent(o.id)}` }, o.name))))) : null,
    last && !administered.some((o) => o.id === last) ? h('p', {}, h('a', { className: 'button', href: `/society/${encodeURIComponent(last)}` }, t('society.home.continue'))) : null,
    issuers.length ? h('section', { 'aria-labelledby': 'issuers-heading' },
      h('h2', { id: 'issuers-heading' }, t('society.home.issuers')),
      h('ul', { className: 'link-list' }, issuers.map((o) => h('li', {}, h('a', { href: `/society/${encodeURIComponent(o.id)}` }, o.name))))) : null,
    h('section', { 'aria-labelledby': 'open-heading' },
      h('h2', { id: 'open-heading' }, t('society.home.open_yours')),
      form));
  return { title: t('header.society'), node };
}
