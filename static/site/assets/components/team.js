// A team as a card: its name, and its members with their discipline, so a team's mix shows at
// a glance. A team without a clinical or without a technical member is flagged.
import { badge, h } from '../dom.js';
import { disciplineGroup } from '../session.js';
import { t } from '../i18n.js';

/** memberList lists members ({user_id, name, discipline, institution}); meId marks the reader. */
export function memberList(members, meId = null) {
  return h('ul', { className: 'members' }, members.map((m) => h('li', { className: 'member' },
    badge(disciplineGroup(m.discipline)), ' ',
    h('span', { className: 'member-name' }, m.name, m.user_id === meId ? ` ${t('team.you')}` : ''),
    m.institution ? h('span', { className: 'member-meta' }, ` · ${m.institution}`) : null)));
}

/** isMixed says whether members hold at least one clinical and one technical learner. */
export function isMixed(members) {
  const groups = new Set(members.map((m) => disciplineGroup(m.discipline)));
  return groups.has('clinical') && groups.has('technical');
}

/** teamCard draws team with an h3 title; extra nodes (links, forms) go below the members. */
export function teamCard(team, { meId = null, extra = null, level = 'h3' } = {}) {
  return h('article', { className: 'card team-card', 'data-team': team.id || team.name },
    h(level, { className: 'card-title' }, team.name),
    h('p', { className: 'card-meta' }, t('team.member_count', { Count: team.members.length }),
      isMixed(team.members) ? '' : ` · ${t('team.not_mixed')}`),
    memberList(team.members, meId),
    extra);
}
