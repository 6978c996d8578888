// A team's workspace (/teams/:cohort/:team): who is in the team, and each joint exercise of
// its cohort with its due date and where the team's work on it stands.
import { api, catalogue } from '../api.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { memberList } from '../components/team.js';
import { statusBadge } from '../components/versions.js';
import { badge, dateText, h, minutes } from '../dom.js';
import { currentUser } from '../session.js';
import { teamHref, teamOf, versionsOf } from '../teamwork.js';
import { t } from '../i18n.js';

export default async function teamPage({ cohort: cohortId, team: teamId }) {
  const [{ cohort, team }, work, catalogueExercises, assigned] = await Promise.all([
    teamOf(cohortId, teamId),
    api(`/teams/${encodeURIComponent(teamId)}/submissions`),
    catalogue('/exercises'),
    api(`/cohorts/${encodeURIComponent(cohortId)}/exercises`),
  ]);
  // The cohort's exercises, in its instructors' order, with the catalogue's details.
  const details = new Map(catalogueExercises.items.map((x) => [x.slug, x]));
  const exercises = assigned.items.filter((a) => details.has(a.slug)).map((a) => ({ ...details.get(a.slug), due_on: a.due_on }));
  const node = h('div', { className: 'page' },
    breadcrumbs([[t('team.your_teams'), '/teams']]),
    h('header', { className: 'page-head' },
      h('p', { className: 'card-kicker' }, cohort.name),
      h('h1', {}, team.name)),
    h('section', { 'aria-labelledby': 'members-heading' },
      h('h2', { id: 'members-heading' }, t('team.members')),
      memberList(team.members, currentUser().id)),
    h('section', { 'aria-labelledby': 'exercises-heading' },
      h('h2', { id: 'exercises-heading' }, t('team.joint_exercises')),
      h('p', { className: 'hint' }, t('team.joint_exercises_hint')),
      h('ul', { className: 'card-list' }, exercises.map((x) => {
        const latest = versionsOf(work.items, x.slug)[0];
        return h('li', {}, h('article', { className: 'card', 'data-exercise': x.slug },
          h('h3', { className: 'card-title' }, h('a', { href: teamHref(cohort.id, team.id, x.slug) }, x.title)),
          x.minutes || x.due_on ? h('p', { className: 'card-meta' }, [x.minutes ? t('team.about', { Time: minutes(x.minutes) }) : '', x.due_on ? t('team.due_on', { Date: dateText(`${x.due_on}T12:00:00`) }) : ''].filter(Boolean).join(' · ')) : null,
          h('ul', { className: 'role-chips', 'aria-label': t('team.roles') }, x.roles.map((r) => h('li', {}, badge(r.discipline), ' ', r.title))),
          h('p', { className: 'exercise-standing' }, latest ? [`${t('team.version', { Version: latest.version })}: `, statusBadge(latest.status)] : t('team.not_started'))));
      }))));
  return { title: team.name, node };
}
