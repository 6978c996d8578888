// The catalogue (/): the two tracks side by side, each module beside its counterpart so that
// the pairing shows at a glance, with enrolment for each track.
import { pairs, tracks } from '../catalog.js';
import { enrolControl } from '../components/enrol.js';
import { moduleCard } from '../components/module-card.js';
import { badge, h } from '../dom.js';
import { moduleProgress, myProgress, trackProgress } from '../progress.js';

export default async function cataloguePage() {
  const [all, progress] = await Promise.all([tracks(), myProgress().catch(() => null)]);
  const ordered = [...all.filter((t) => t.audience === 'clinical'), ...all.filter((t) => t.audience !== 'clinical')];
  const node = h('div', { className: 'page wide' },
    h('section', { className: 'intro' },
      h('h1', {}, 'AI in healthcare, learnt in pairs'),
      h('p', { className: 'lede' },
        'Clinicians learn how AI works; computer scientists learn the clinical world their models live in. ',
        'The two courses are counterparts: every module has a partner module in the other course, so each side learns the other’s language.')),
    h('section', { className: 'catalogue', 'aria-labelledby': 'tracks-heading' },
      h('h2', { id: 'tracks-heading', className: 'visually-hidden' }, 'The two courses'),
      h('div', { className: 'track-heads' }, ordered.map((t) => trackHead(t, trackProgress(progress, t.slug)))),
      h('h2', { className: 'pairs-heading' }, 'Modules, side by side'),
      h('ol', { className: 'pairs' }, pairs(all).map((row) => pairRow(row, progress)))));
  return { title: 'Courses', node };
}

function trackHead(t, standing) {
  return h('section', { className: `track-head ${t.audience}`, 'aria-labelledby': `track-${t.slug}` },
    h('p', { className: 'card-kicker' }, badge(t.audience), t.audience === 'clinical' ? ' For clinicians' : ' For computer scientists'),
    h('h3', { id: `track-${t.slug}`, className: 'track-title' }, h('a', { href: `/tracks/${encodeURIComponent(t.slug)}` }, t.title)),
    h('p', {}, t.summary),
    h('p', { className: 'card-meta' }, `${t.modules.length} modules`),
    enrolControl(t, standing));
}

function pairRow(row, progress) {
  const cell = (m) => (m ? moduleCard(m, m.track, moduleProgress(progress, m.slug)) : h('div', { className: 'module-card empty' }, h('p', {}, 'No counterpart module')));
  return h('li', { className: 'pair' },
    cell(row.clinical),
    h('span', { className: 'pair-link' },
      h('span', { className: 'pair-icon', 'aria-hidden': 'true' }, '⇄'),
      h('span', { className: 'pair-text' }, 'pairs with')),
    cell(row.technical));
}
