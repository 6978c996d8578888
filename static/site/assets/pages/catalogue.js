// The catalogue (/): the two tracks side by side, each module beside its counterpart so that
// the pairing shows at a glance, with enrolment for each track.
import { pairs, tracks } from '../catalog.js';
import { enrolControl } from '../components/enrol.js';
import { moduleCard } from '../components/module-card.js';
import { badge, h } from '../dom.js';
import { moduleProgress, myProgress, trackProgress } from '../progress.js';
import { contentLang, t } from '../i18n.js';

export default async function cataloguePage() {
  const [all, progress] = await Promise.all([tracks(), myProgress().catch(() => null)]);
  const ordered = [...all.filter((t) => t.audience === 'clinical'), ...all.filter((t) => t.audience !== 'clinical')];
  const node = h('div', { className: 'page wide' },
    h('section', { className: 'intro' },
      h('h1', {}, t('catalogue.title')),
      h('p', { className: 'lede' },
        t('catalogue.lede'))),
    h('section', { className: 'catalogue', 'aria-labelledby': 'tracks-heading' },
      h('h2', { id: 'tracks-heading', className: 'visually-hidden' }, t('catalogue.two_courses')),
      h('div', { className: 'track-heads' }, ordered.map((t) => trackHead(t, trackProgress(progress, t.slug)))),
      h('h2', { className: 'pairs-heading' }, t('catalogue.side_by_side')),
      h('ol', { className: 'pairs' }, pairs(all).map((row) => pairRow(row, progress)))));
  return { title: t('header.courses'), node };
}

function trackHead(track, standing) {
  return h('section', { className: `track-head ${track.audience}`, 'aria-labelledby': `track-${track.slug}` },
    h('p', { className: 'card-kicker' }, badge(track.audience), ' ', t(track.audience === 'clinical' ? 'catalogue.for_clinicians' : 'catalogue.for_technologists')),
    h('h3', { id: `track-${track.slug}`, className: 'track-title', lang: contentLang(track) }, h('a', { href: `/tracks/${encodeURIComponent(track.slug)}` }, track.title)),
    h('p', { lang: contentLang(track) }, track.summary),
    h('p', { className: 'card-meta' }, t('catalogue.module_count', { Count: track.modules.length })),
    enrolControl(track, standing));
}

function pairRow(row, progress) {
  const cell = (m) => (m ? moduleCard(m, m.track, moduleProgress(progress, m.slug)) : h('div', { className: 'module-card empty' }, h('p', {}, t('catalogue.no_counterpart'))));
  return h('li', { className: 'pair' },
    cell(row.clinical),
    h('span', { className: 'pair-link' },
      h('span', { className: 'pair-icon', 'aria-hidden': 'true' }, '⇄'),
      h('span', { className: 'pair-text' }, t('catalogue.pairs_with'))),
    cell(row.technical));
}
