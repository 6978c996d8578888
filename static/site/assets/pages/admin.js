// Platform administration (/admin): where a platform admin starts. Each part of the platform
// they run is one link away.
import { h } from '../dom.js';
import { t } from '../i18n.js';

// PARTS are the parts of the platform, each a link and the keys of its name and summary.
const PARTS = [
  ['/admin/organisations', 'admin.organisations_title', 'admin.home.organisations'],
  ['/admin/instructors', 'admin.instructors_title', 'admin.home.instructors'],
  ['/admin/accommodations', 'admin.home.accommodations_title', 'admin.home.accommodations'],
  ['/regrades', 'admin.home.regrades_title', 'admin.home.regrades'],
  ['/admin/audit', 'admin.audit_log', 'admin.home.audit'],
  ['/admin/lti', 'admin.learning_platforms', 'admin.home.lti'],
  ['/society', 'admin.home.societies_title', 'admin.home.societies'],
];

export default async function adminPage() {
  const node = h('div', { className: 'page' },
    h('h1', {}, t('admin.title')),
    h('p', { className: 'lede' }, t('admin.home.lede')),
    h('ul', { className: 'card-list admin-parts' }, PARTS.map(([href, title, text]) => h('li', {},
      h('article', { className: 'card' },
        h('h2', { className: 'card-title' }, h('a', { href }, t(title))),
        h('p', { className: 'card-summary' }, t(text)))))));
  return { title: t('admin.title'), node };
}
