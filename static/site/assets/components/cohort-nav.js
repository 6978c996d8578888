// The tabs of a cohort's instructor pages: progress, members, exercises, teams, the review
// queue, the item analysis of its quizzes, its learners' accommodations, and the learning platform it is linked to.
import { h } from '../dom.js';

const TABS = [
  ['progress', 'Progress', ''],
  ['members', 'Members', '/members'],
  ['exercises', 'Exercises', '/exercises'],
  ['teams', 'Teams', '/teams'],
  ['reviews', 'Review queue', '/reviews'],
  ['statistics', 'Item analysis', '/statistics'],
  ['accommodations', 'Accommodations', '/accommodations'],
  ['platform', 'Learning platform', '/platform'],
];

/** cohortHref is the address of one of a cohort's instructor pages. */
export function cohortHref(cohortId, tab = 'progress') {
  const found = TABS.find(([name]) => name === tab);
  return `/teach/cohorts/${encodeURIComponent(cohortId)}${found ? found[2] : ''}`;
}

/** cohortNav draws the tabs with current ('progress', 'members', 'exercises', 'teams', 'reviews', 'statistics', 'accommodations' or 'platform') marked. */
export function cohortNav(cohort, current) {
  return h('nav', { className: 'subnav', 'aria-label': `Cohort ${cohort.name}` },
    h('ul', {}, TABS.map(([name, label]) => h('li', {},
      h('a', { href: cohortHref(cohort.id, name), 'aria-current': name === current ? 'page' : null }, label)))));
}

/** cohortHead is the header of a cohort's instructor pages: the cohort, its tracks and dates. */
export function cohortHead(cohort, heading, tracks) {
  const titles = cohort.tracks.map((slug) => (tracks.find((t) => t.slug === slug) || { title: slug }).title);
  const dates = [cohort.starts_on && `from ${cohort.starts_on}`, cohort.ends_on && `to ${cohort.ends_on}`].filter(Boolean).join(' ');
  return h('header', { className: 'page-head' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/teach' }, 'Teaching'), ` › ${cohort.name}`),
    h('h1', {}, heading),
    h('p', { className: 'card-meta' }, titles.join(' and '), dates ? ` · ${dates}` : ''));
}
