// Breadcrumbs: where a page sits in the catalogue.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** breadcrumbs draws a trail of [label, href] pairs; the last one is the current page's parent. */
export function breadcrumbs(trail) {
  return h('nav', { className: 'breadcrumbs', 'aria-label': t('common.breadcrumb') },
    h('ol', {}, trail.map(([label, href]) => h('li', {}, h('a', { href }, label)))));
}
