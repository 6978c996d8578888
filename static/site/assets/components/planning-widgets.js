// @ts-check
// Two dashboard widgets that help a learner plan: the next due dates of the joint exercises in
// their cohorts (with their team's workspace one click away), and the prototype labs with
// what their team has done in each.
import { api, catalogue } from '../api.js';
import { dateText, h, minutes } from '../dom.js';
import { teamHref } from '../teamwork.js';
import { t } from '../i18n.js';

/** DUE_SHOWN is how many upcoming due dates the widget lists. */
const DUE_SHOWN = 5;

/** @typedef {{id: string, name: string, cohort_id: string, cohort_name: string}} MyTeam */

/**
 * daysUntil says in words how far away an ISO date (YYYY-MM-DD) is from today, in the
 * learner's own calendar.
 * @param {string} day
 */
function daysUntil(day) {
  const now = new Date();
  const today = Date.UTC(now.getFullYear(), now.getMonth(), now.getDate());
  const [y, m, d] = day.split('-').map(Number);
  const days = Math.round((Date.UTC(y, m - 1, d) - today) / 86_400_000);
  if (days === 0) return t('planning.due_today');
  if (days === 1) return t('planning.due_tomorrow');
  return t('planning.due_in_days', { Count: days });
}

/**
 * nextDueDates lists the exercises due next in the learner's teams' cohorts, soonest first,
 * from today on; teams are the learner's teams (GET /me/teams).
 * @param {MyTeam[]} teams
 */
export async function nextDueDates(teams) {
  if (!teams.length) return h('p', {}, t('planning.no_team'));
  const cohorts = [...new Map(teams.map((t) => [t.cohort_id, t])).values()];
  const lists = await Promise.all(cohorts.map((t) => api(`/cohorts/${encodeURIComponent(t.cohort_id)}/exercises`).catch(() => ({ items: [] }))));
  const now = new Date();
  const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
  const due = cohorts.flatMap((t, i) => lists[i].items.filter((x) => x.due_on && x.due_on >= today).map((x) => ({ ...x, team: t })))
    .sort((a, b) => a.due_on.localeCompare(b.due_on));
  if (!due.length) return h('p', {}, t('planning.nothing_due'));
  return h('ul', { className: 'due-list' }, due.slice(0, DUE_SHOWN).map((x) => h('li', { 'data-exercise': x.slug },
    h('a', { href: teamHref(x.team.cohort_id, x.team.id, x.slug) }, x.title),
    h('span', { className: 'card-meta' }, ` · ${dateText(x.due_on)} (${daysUntil(x.due_on)}) · ${x.team.cohort_name}`))));
}

/**
 * labsOverview lists the prototype labs, each with how many runs of patient cards the learner's
 * first team has made in it.
 * @param {MyTeam[]} teams
 */
export async function labsOverview(teams) {
  const { items } = await catalogue('/labs');
  if (!items.length) return h('p', {}, t('planning.no_labs'));
  const team = teams[0];
  const runs = team
    ? await Promise.all(items.map((x) => api(`/teams/${encodeURIComponent(team.id)}/labs/${encodeURIComponent(x.slug)}/runs`).then((r) => r.items.length, () => null)))
    : [];
  return h('ul', { className: 'lab-list' }, items.map((x, i) => h('li', { 'data-lab': x.slug },
    h('a', { href: `/labs/${encodeURIComponent(x.slug)}` }, x.title),
    h('span', { className: 'card-meta' }, ` · ${t('planning.about', { Time: minutes(x.minutes) })}`,
      team && runs[i] !== null ? ` · ${team.name}: ${runs[i] === 0 ? t('planning.not_started') : t('planning.runs', { Count: runs[i] })}` : ''))));
}
