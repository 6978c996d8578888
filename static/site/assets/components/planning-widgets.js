// @ts-check
// Two dashboard widgets that help a learner plan: the next due dates (the joint exercises in
// their cohorts, with their team's workspace one click away, the time-limited quiz attempts
// they have open, and the end of their cohorts), and the prototype labs with what their team
// has done in each.
import { api, catalogue } from '../api.js';
import { quizModule } from '../catalog.js';
import { dateText, h, minutes } from '../dom.js';
import { teamHref } from '../teamwork.js';
import { currentLanguage, t } from '../i18n.js';

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
 * @typedef {{id: string, name: string, role: string, ends_on?: string}} MyCohort
 * @typedef {{id: string, quiz: string, open: boolean, deadline?: string}} MyAttempt
 * @typedef {{day: string, at?: string, node: HTMLElement}} Due
 */

/** todayText is today in the learner's calendar, as YYYY-MM-DD. */
function todayText() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * nextDueDates lists what is due next, soonest first, from today on: the joint exercises of
 * the learner's teams' cohorts, the open quiz attempts that have a time limit (quizzes have no
 * due dates of their own), and the last day of each cohort the learner is in.
 * @param {MyTeam[]} teams the learner's teams (GET /me/teams)
 * @param {MyCohort[]} cohorts the learner's cohorts (GET /cohorts)
 * @param {MyAttempt[]} attempts the learner's attempts (GET /me/attempts)
 */
export async function nextDueDates(teams, cohorts, attempts) {
  const mine = cohorts.filter((c) => c.role === 'member');
  const open = attempts.filter((a) => a.open && a.deadline);
  if (!teams.length && !mine.length && !open.length) return h('p', {}, t('planning.no_team'));
  const today = todayText();
  const due = [...await exercisesDue(teams, today), ...await attemptsDue(open),
    ...mine.filter((c) => c.ends_on && c.ends_on >= today).map((c) => /** @type {Due} */ ({ day: c.ends_on || '', node: h('li', { 'data-cohort-end': c.id },
      h('span', {}, t('finish.due_cohort_ends', { Cohort: c.name })),
      h('span', { className: 'card-meta' }, ` · ${dateText(c.ends_on)} (${daysUntil(c.ends_on || '')})`)) }))];
  due.sort((a, b) => (a.at || a.day).localeCompare(b.at || b.day));
  const note = h('p', { className: 'hint' }, t('finish.due_quiz_note'));
  if (!due.length) return h('div', {}, h('p', {}, t('planning.nothing_due')), note);
  return h('div', {}, h('ul', { className: 'due-list' }, due.slice(0, DUE_SHOWN).map((x) => x.node)), note);
}

/**
 * exercisesDue lists the exercises due from today on in the cohorts of the learner's teams,
 * each linked to the team's workspace.
 * @param {MyTeam[]} teams
 * @param {string} today
 * @returns {Promise<Due[]>}
 */
async function exercisesDue(teams, today) {
  const cohorts = [...new Map(teams.map((tm) => [tm.cohort_id, tm])).values()];
  const lists = await Promise.all(cohorts.map((tm) => api(`/cohorts/${encodeURIComponent(tm.cohort_id)}/exercises`).catch(() => ({ items: [] }))));
  return cohorts.flatMap((tm, i) => lists[i].items.filter((x) => x.due_on && x.due_on >= today).map((x) => ({ day: x.due_on,
    node: h('li', { 'data-exercise': x.slug },
      h('a', { href: teamHref(tm.cohort_id, tm.id, x.slug) }, x.title),
      h('span', { className: 'card-meta' }, ` · ${dateText(x.due_on)} (${daysUntil(x.due_on)}) · ${tm.cohort_name}`)) })));
}

/**
 * attemptsDue lists the open, time-limited quiz attempts with when each closes.
 * @param {MyAttempt[]} open
 * @returns {Promise<Due[]>}
 */
async function attemptsDue(open) {
  const modules = await Promise.all(open.map((a) => quizModule(a.quiz).catch(() => null)));
  return open.map((a, i) => {
    const at = a.deadline || '';
    const closes = new Date(at).toLocaleTimeString(currentLanguage(), { hour: '2-digit', minute: '2-digit' });
    return { day: at.slice(0, 10), at, node: h('li', { 'data-attempt': a.id },
      h('a', { href: `/attempts/${encodeURIComponent(a.id)}` }, modules[i] && modules[i].quiz ? modules[i].quiz.title : a.quiz),
      h('span', { className: 'card-meta' }, ` · ${t('finish.due_attempt_closes', { Date: dateText(at), Time: closes })}`)) };
  });
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
