// The learner's teams (/teams): each cohort they belong to, with their team and its members
// and the way into the team's workspace.
import { api } from '../api.js';
import { teamCard } from '../components/team.js';
import { h } from '../dom.js';
import { currentUser } from '../session.js';
import { teamHref } from '../teamwork.js';

export default async function teamsPage() {
  const me = currentUser();
  const [{ items }, { items: teams }] = await Promise.all([api('/cohorts'), api('/me/teams')]);
  const mine = items.filter((c) => c.role === 'member');
  const teamIn = new Map(teams.map((t) => [t.cohort_id, t]));
  const taught = items.filter((c) => c.role === 'instructor');
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Your teams'),
    h('p', { className: 'lede' }, 'In a cohort, you work on joint exercises in a mixed team: clinicians and computer scientists together.'),
    mine.length
      ? h('ul', { className: 'card-list' }, mine.map((c) => {
        const team = teamIn.get(c.id);
        return h('li', {}, h('section', { className: 'cohort-teams', 'aria-labelledby': `cohort-${c.id}` },
          h('h2', { id: `cohort-${c.id}`, className: 'cohort-name' }, c.name),
          team
            ? teamCard(team, {
              meId: me.id,
              extra: h('p', {}, h('a', { className: 'button', href: teamHref(c.id, team.id) }, 'Open the workspace', h('span', { className: 'visually-hidden' }, ` of ${team.name}`))),
            })
            : h('p', { className: 'notice' }, 'Your instructor has not formed the teams of this cohort yet.')));
      }))
      : h('p', { className: 'notice' }, `You are not in a cohort yet. Your instructor adds you with your email address, ${me.email}.`),
    taught.length ? h('p', {}, 'You teach ', taught.length === 1 ? 'a cohort' : `${taught.length} cohorts`, ': ', h('a', { href: '/teach' }, 'go to Teaching'), '.') : null);
  return { title: 'Your teams', node };
}
