// The learner's teams (/teams): each cohort they belong to, with their team and its members
// and the way into the team's workspace.
import { api } from '../api.js';
import { teamCard } from '../components/team.js';
import { h } from '../dom.js';
import { currentUser } from '../session.js';
import { teamHref } from '../teamwork.js';
import { t } from '../i18n.js';

export default async function teamsPage() {
  const me = currentUser();
  const [{ items }, { items: teams }] = await Promise.all([api('/cohorts'), api('/me/teams')]);
  const mine = items.filter((c) => c.role === 'member');
  const teamIn = new Map(teams.map((tm) => [tm.cohort_id, tm]));
  const taught = items.filter((c) => c.role === 'instructor');
  const node = h('div', { className: 'page' },
    h('h1', {}, t('team.your_teams')),
    h('p', { className: 'lede' }, t('team.teams_lede')),
    mine.length
      ? h('ul', { className: 'card-list' }, mine.map((c) => {
        const team = teamIn.get(c.id);
        return h('li', {}, h('section', { className: 'cohort-teams', 'aria-labelledby': `cohort-${c.id}` },
          h('h2', { id: `cohort-${c.id}`, className: 'cohort-name' }, c.name),
          team
            ? teamCard(team, {
              meId: me.id,
              extra: h('p', {}, h('a', { className: 'button', href: teamHref(c.id, team.id) }, t('team.open_workspace'), h('span', { className: 'visually-hidden' }, ` ${t('team.of_team', { Team: team.name })}`))),
            })
            : h('p', { className: 'notice' }, t('team.not_formed'))));
      }))
      : h('p', { className: 'notice' }, t('team.no_cohort', { Email: me.email })),
    taught.length ? h('p', {}, t('team.you_teach', { Count: taught.length }), ' ', h('a', { href: '/teach' }, t('team.go_to_teaching')), '.') : null);
  return { title: t('team.your_teams'), node };
}
