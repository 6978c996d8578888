// The joint exercises (/exercises): work for mixed teams, with a role for each discipline.
import { catalogue } from '../api.js';
import { badge, h, minutes } from '../dom.js';
import { t } from '../i18n.js';

export default async function exercisesPage() {
  const { items } = await catalogue('/exercises');
  const node = h('div', { className: 'page' },
    h('h1', {}, t('peer.exercises_title')),
    h('p', { className: 'lede' }, t('peer.exercises_lede')),
    items.length
      ? h('ul', { className: 'card-list' }, items.map((x) => h('li', {},
        h('article', { className: 'card' },
          h('h2', { className: 'card-title' }, h('a', { href: `/exercises/${encodeURIComponent(x.slug)}` }, x.title)),
          x.minutes ? h('p', { className: 'card-meta' }, t('peer.exercises_minutes', { Minutes: minutes(x.minutes) })) : null,
          h('ul', { className: 'role-chips', 'aria-label': t('peer.exercise_roles') }, x.roles.map((r) => h('li', {}, badge(r.discipline), ' ', r.title)))))))
      : h('p', {}, t('peer.exercises_none')));
  return { title: t('peer.exercises_title'), node };
}
