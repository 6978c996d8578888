// After an account was deleted (/goodbye).
import { h } from '../dom.js';
import { t } from '../i18n.js';

export default async function goodbyePage() {
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, t('pages.goodbye_title')),
    h('p', {}, t('pages.goodbye_body')),
    h('p', {}, h('a', { href: '/' }, t('pages.goodbye_courses'))));
  return { title: t('pages.goodbye_page_title'), node };
}
