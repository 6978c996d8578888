// A track (/tracks/:slug): its summary, enrolment, and its modules in order, each with the
// counterpart it pairs with.
import { catalogue } from '../api.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { enrolControl } from '../components/enrol.js';
import { moduleCard } from '../components/module-card.js';
import { badge, h } from '../dom.js';
import { moduleProgress, myProgress, trackProgress } from '../progress.js';
import { contentLang, t } from '../i18n.js';

export default async function trackPage({ slug }) {
  const [track, progress] = await Promise.all([catalogue(`/tracks/${encodeURIComponent(slug)}`), myProgress().catch(() => null)]);
  const node = h('div', { className: 'page' },
    breadcrumbs([[t('header.courses'), '/']]),
    h('header', { className: `page-head ${track.audience}` },
      h('p', { className: 'card-kicker' }, badge(track.audience), ' ', t(track.audience === 'clinical' ? 'catalogue.for_clinicians' : 'catalogue.for_technologists')),
      h('h1', { lang: contentLang(track) }, track.title),
      h('p', { className: 'lede', lang: contentLang(track) }, track.summary),
      enrolControl(track, trackProgress(progress, track.slug))),
    h('h2', {}, t('track.modules')),
    h('ol', { className: 'module-list' }, track.modules.map((m) => h('li', {},
      moduleCard(m, track, moduleProgress(progress, m.slug)),
      m.counterpart
        ? h('p', { className: 'counterpart-line' }, h('span', { 'aria-hidden': 'true' }, '⇄ '), t('track.pairs_with'), ' ',
          h('a', { href: `/modules/${encodeURIComponent(m.counterpart.slug)}`, lang: contentLang(m.counterpart) }, m.counterpart.title))
        : null))));
  return { title: track.title, node };
}
