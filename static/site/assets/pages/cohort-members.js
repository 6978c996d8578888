// A cohort's members (/teach/cohorts/:id/members), for its instructors: the learners who
// joined and the invitations that wait, then the ways to ask learners in: invitations by
// email (pasted or from a CSV file) and a join code. Until someone accepts, the list shows the
// address as typed and nothing about its owner.
import { api } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { importForm, inviteForm } from '../components/invite-forms.js';
import { joinCodePanel } from '../components/join-code.js';
import { announce, badge, dateText, h } from '../dom.js';
import { t } from '../i18n.js';

const STATUS = {
  invited: (inv) => t('cohort.members.invited_until', { Date: dateText(inv.expires_at) }),
  expired: () => t('cohort.members.expired'),
  left: () => t('cohort.members.left'),
};

export default async function cohortMembersPage({ id }) {
  const path = `/cohorts/${encodeURIComponent(id)}`;
  const [cohort, all] = await Promise.all([api(path), tracks()]);
  const listArea = h('div', { className: 'member-area' });
  const codeArea = h('div', { className: 'join-code-area' });
  const refresh = async () => {
    const list = await api(`${path}/members`);
    listArea.replaceChildren(memberList(cohort, list, refresh));
    codeArea.replaceChildren(joinCodePanel(cohort, list.join_code, refresh));
  };
  await refresh();
  const node = h('div', { className: 'page' },
    cohortHead(cohort, t('cohort.members.title', { Cohort: cohort.name }), all),
    cohortNav(cohort, 'members'),
    h('section', { 'aria-labelledby': 'members-heading' },
      h('h2', { id: 'members-heading', tabindex: '-1' }, t('cohort.members.list')),
      listArea),
    h('section', { className: 'panel', 'aria-labelledby': 'invite-heading' },
      h('h2', { id: 'invite-heading' }, t('cohort.invite.title')),
      h('p', {}, t('cohort.invite.lede')),
      inviteForm(cohort, refresh)),
    h('section', { className: 'panel', 'aria-labelledby': 'import-heading' },
      h('h2', { id: 'import-heading' }, t('cohort.import.title')),
      importForm(cohort, refresh)),
    h('section', { className: 'panel', 'aria-labelledby': 'code-heading' },
      h('h2', { id: 'code-heading' }, t('cohort.code.title')),
      h('p', {}, t('cohort.code.lede')),
      codeArea));
  return { title: t('cohort.members.title', { Cohort: cohort.name }), node };
}

function memberList(cohort, list, refresh) {
  const joined = list.members.length;
  const waiting = list.invitations.filter((i) => i.status === 'invited').length;
  if (!joined && !list.invitations.length) return h('p', { className: 'hint' }, t('cohort.members.none'));
  return h('div', {},
    h('p', { className: 'member-counts' }, `${t('cohort.members.joined_count', { Count: joined })} · ${t('cohort.members.invited_count', { Count: waiting })}`),
    h('ul', { className: 'member-list' },
      list.members.map((m) => h('li', { className: 'member', 'data-status': 'joined', 'data-user': m.user_id },
        h('p', { className: 'member-who' }, h('strong', {}, m.name), ' ', badge(m.discipline_group)),
        h('p', { className: 'card-meta' }, m.email, m.institution ? ` · ${m.institution}` : ''),
        h('p', { className: 'member-status' }, t('cohort.members.joined_on', { Date: dateText(m.joined_at) })))),
      list.invitations.map((inv) => h('li', { className: 'member', 'data-status': inv.status, 'data-invitation': inv.id },
        h('p', { className: 'member-who' }, h('strong', {}, inv.email)),
        h('p', { className: 'member-status' }, STATUS[inv.status](inv)),
        inv.status === 'left' ? null : withdrawButton(cohort, inv, refresh)))));
}

function withdrawButton(cohort, inv, refresh) {
  const button = h('button', { type: 'button', className: 'button button-small button-secondary' },
    t('cohort.members.withdraw'), h('span', { className: 'visually-hidden' }, ` ${t('cohort.members.withdraw_hidden', { Email: inv.email })}`));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await api(`/cohorts/${encodeURIComponent(cohort.id)}/invitations/${encodeURIComponent(inv.id)}`, { method: 'DELETE' });
      announce(t('cohort.members.withdrawn', { Email: inv.email }));
      await refresh();
      document.getElementById('members-heading').focus();
    } catch (err) {
      button.disabled = false;
      announce(t('cohort.not_withdrawn', { Reason: err.message }));
    }
  });
  return button;
}
