// @ts-check
// Who in a team takes each role of a joint exercise. In the team's workspace each role names
// its holder and the members whose discipline it suits, and any member can give the role to
// a member (several roles to one, in a small team): the select offers the members of the
// role's discipline first, then the others, marked; the instructor reads the holders.
import { api } from '../api.js';
import { announce, h, uid } from '../dom.js';
import { disciplineGroup } from '../session.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { currentLanguage, t } from '../i18n.js';

/** @typedef {{role: string, discipline: string, user_id: string, name: string}} RoleHolder */
/** @typedef {{user_id: string, name: string, discipline: string}} Member */

/** holderText says who takes a role. @param {RoleHolder | undefined} held */
function holderText(held) {
  return held && held.user_id ? t('finish.roles_taken_by', { Name: held.name }) : t('finish.roles_nobody');
}

/**
 * roleAssigner returns, for each role of exercise slug in team (its members), a function
 * drawing that role's holder and the form to give it to a member; holders are the roles as
 * GET /teams/:id/roles lists them.
 * @param {{id: string, members: Member[]}} team
 * @param {string} slug
 * @param {RoleHolder[]} holders
 */
export function roleAssigner(team, slug, holders) {
  const byRole = new Map(holders.map((r) => [r.role, r]));
  /** @type {Map<string, HTMLElement>} */
  const lines = new Map();
  const redraw = () => {
    for (const [role, line] of lines) line.textContent = holderText(byRole.get(role));
  };
  /** @param {{title: string, discipline: string}} r */
  return (r) => {
    const suited = team.members.filter((m) => disciplineGroup(m.discipline) === r.discipline);
    const others = team.members.filter((m) => !suited.includes(m));
    const line = h('strong', { className: 'role-holder' });
    lines.set(r.title, line);
    redraw();
    const selectId = uid('role-holder');
    /** @param {Member} m @param {boolean} fits */
    const option = (m, fits) => h('option', { value: m.user_id }, fits ? m.name : t('finish.roles_other_discipline', { Name: m.name }));
    const select = /** @type {HTMLSelectElement} */ (h('select', { id: selectId, name: 'user_id' },
      h('option', { value: '' }, t('finish.roles_nobody_yet')),
      suited.length ? h('optgroup', { label: t('finish.roles_group_suited') }, suited.map((m) => option(m, true))) : null,
      others.length ? h('optgroup', { label: t('finish.roles_group_others') }, others.map((m) => option(m, false))) : null));
    select.value = byRole.get(r.title)?.user_id || '';
    const form = /** @type {HTMLFormElement} */ (h('form', { className: 'inline-form role-form', novalidate: true, 'data-role': r.title },
      h('div', { className: 'field', 'data-field': 'user_id' }, h('label', { for: selectId }, t('finish.roles_who', { Role: r.title })), select),
      h('p', {}, h('button', { type: 'submit', className: 'button button-small button-secondary' }, t('common.save'), h('span', { className: 'visually-hidden' }, ` ${t('finish.roles_who', { Role: r.title })}`)))));
    const errors = fieldErrors(form);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      await sendForm(form, errors, async () => {
        const body = await api(`/teams/${encodeURIComponent(team.id)}/roles`, { method: 'PUT', body: { exercise: slug, role: r.title, user_id: select.value } });
        for (const item of body.items) byRole.set(item.role, item);
        redraw();
        announce(`${r.title}: ${holderText(byRole.get(r.title))}`);
      });
    });
    return h('div', { className: 'role-members' },
      h('p', {}, line, ' ', suited.length ? t('finish.roles_suits', { Names: new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(suited.map((m) => m.name)) }) : t('finish.roles_share')),
      form);
  };
}
