// The joint exercises (/exercises): work for mixed teams, with a role for each discipline.
import { catalogue } from '../api.js';
import { badge, h, minutes } from '../dom.js';

export default async function exercisesPage() {
  const { items } = await catalogue('/exercises');
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Joint exercises'),
    h('p', { className: 'lede' }, 'Exercises for mixed teams: a clinician and a computer scientist each bring what the other lacks.'),
    items.length
      ? h('ul', { className: 'card-list' }, items.map((x) => h('li', {},
        h('article', { className: 'card' },
          h('h2', { className: 'card-title' }, h('a', { href: `/exercises/${encodeURIComponent(x.slug)}` }, x.title)),
          x.minutes ? h('p', { className: 'card-meta' }, `About ${minutes(x.minutes)}`) : null,
          h('ul', { className: 'role-chips', 'aria-label': 'Roles' }, x.roles.map((r) => h('li', {}, badge(r.discipline), ' ', r.title)))))))
      : h('p', {}, 'There are no exercises yet.'));
  return { title: 'Joint exercises', node };
}
