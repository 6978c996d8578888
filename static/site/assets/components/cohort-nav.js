// The tabs of a cohort's instructor pages: progress, members, exercises, teams, the review
// queue, the item analysis of its quizzes, its learners' accommodations, and the learning platform it is linked to.
import { h } from '../dom.js';
import { currentLanguage, formatDate, t } from '../i18n.js';

const TABS = [
  ['progress', ''],
  ['members', '/members'],
  ['exercises', '/exercises'],
  ['teams', '/teams'],
  ['reviews', '/reviews'],
  ['statistics', '/statistics'],
  ['accommodations', '/accommodations'],
  ['platform', '/platform'],
];

/** cohortHref is the address of one of a cohort's instructor pages. */
export function cohortHref(cohortId, tab = 'progress') {
  const found = TABS.find(([name]) => name === tab);
  return `/teach/cohorts/${encodeURIComponent(cohortId)}${found ? found[1] : ''}`;
}

/** andList joins names the reader's way ("A, B and C"). */
export function andList(names) {
  return new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(names);
}

// day writes a calendar date (YYYY-MM-DD) in the reader's language, the same day wherever the
// browser is.
function day(date) {
  return formatDate(`${date}T00:00:00Z`, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** cohortDates says when a cohort runs, from its dates that are set ('' when neither is). */
export function cohortDates(cohort) {
  const data = { From: cohort.starts_on && day(cohort.starts_on), To: cohort.ends_on && day(cohort.ends_on) };
  if (cohort.starts_on && cohort.ends_on) return t('cohort.dates_from_to', data);
  if (cohort.starts_on) return t('cohort.dates_from', data);
  return cohort.ends_on ? t('cohort.dates_to', data) : '';
}

/** cohortNav draws the tabs with current ('progress', 'members', 'exercises', 'teams', 'reviews', 'statistics', 'accommodations' or 'platform') marked. */
export function cohortNav(cohort, current) {
  return h('nav', { className: 'subnav', 'aria-label': t('cohort.nav', { Cohort: cohort.name }) },
    h('ul', {}, TABS.map(([name]) => h('li', {},
      h('a', { href: cohortHref(cohort.id, name), 'aria-current': name === current ? 'page' : null }, t(`cohort.tab.${name}`))))));
}

/** cohortHead is the header of a cohort's instructor pages: the cohort, its tracks and dates. */
export function cohortHead(cohort, heading, tracks) {
  const titles = cohort.tracks.map((slug) => (tracks.find((tr) => tr.slug === slug) || { title: slug }).title);
  const dates = cohortDates(cohort);
  return h('header', { className: 'page-head' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/teach' }, t('header.teaching')), ` › ${cohort.name}`),
    h('h1', {}, heading),
    h('p', { className: 'card-meta' }, andList(titles), dates ? ` · ${dates}` : ''));
}
