// A track (/tracks/:slug): its summary, enrolment, and its modules in order, each with the
// counterpart it pairs with.
import { catalogue } from '../api.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { enrolControl } from '../components/enrol.js';
import { moduleCard } from '../components/module-card.js';
import { badge, h } from '../dom.js';
import { moduleProgress, myProgress, trackProgress } from '../progress.js';

export default async function trackPage({ slug }) {
  const [t, progress] = await Promise.all([catalogue(`/tracks/${encodeURIComponent(slug)}`), myProgress().catch(() => null)]);
  const node = h('div', { className: 'page' },
    breadcrumbs([['Courses', '/']]),
    h('header', { className: `page-head ${t.audience}` },
      h('p', { className: 'card-kicker' }, badge(t.audience), t.audience === 'clinical' ? ' For clinicians' : ' For computer scientists'),
      h('h1', {}, t.title),
      h('p', { className: 'lede' }, t.summary),
      enrolControl(t, trackProgress(progress, t.slug))),
    h('h2', {}, 'Modules'),
    h('ol', { className: 'module-list' }, t.modules.map((m) => h('li', {},
      moduleCard(m, t, moduleProgress(progress, m.slug)),
      m.counterpart
        ? h('p', { className: 'counterpart-line' }, h('span', { 'aria-hidden': 'true' }, '⇄ '), 'Pairs with ',
          h('a', { href: `/modules/${encodeURIComponent(m.counterpart.slug)}` }, m.counterpart.title))
        : null))));
  return { title: t.title, node };
}
