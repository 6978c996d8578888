// A cohort's teams (/teach/cohorts/:id/teams), for its instructors: form mixed teams after a
// preview, the teams as they stand, and what the members' peer ratings say on each exercise.
import { api } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { isMixed, teamCard } from '../components/team.js';
import { announce, h } from '../dom.js';
import { inBatches } from '../teamwork.js';

export default async function cohortTeamsPage({ id }) {
  const [cohort, teams, all, exercises] = await Promise.all([
    api(`/cohorts/${encodeURIComponent(id)}`),
    api(`/cohorts/${encodeURIComponent(id)}/teams`),
    tracks(),
    api(`/cohorts/${encodeURIComponent(id)}/exercises`),
  ]);
  let current = teams.items;
  const teamList = h('div', { className: 'team-list' });
  const peers = h('div', { className: 'peer-summary' });
  const drawTeams = () => {
    teamList.replaceChildren(current.length
      ? h('ul', { className: 'card-list' }, current.map((t) => h('li', {}, teamCard(t))))
      : h('p', {}, 'No teams yet. Preview a formation above, then confirm it.'));
  };
  drawTeams();
  const node = h('div', { className: 'page' },
    cohortHead(cohort, `Teams of ${cohort.name}`, all),
    cohortNav(cohort, 'teams'),
    h('section', { className: 'panel', 'aria-labelledby': 'form-heading' },
      h('h2', { id: 'form-heading' }, 'Form mixed teams'),
      h('p', {}, 'Every team mixes clinical and technical learners wherever the cohort allows, sizes differ by at most one, and institutions are spread. Nothing is stored until you confirm the preview.'),
      formation(cohort, () => current, async () => {
        current = (await api(`/cohorts/${encodeURIComponent(id)}/teams`)).items;
        drawTeams();
      })),
    h('section', { 'aria-labelledby': 'teams-heading' },
      h('h2', { id: 'teams-heading' }, 'Teams'),
      teamList),
    h('section', { 'aria-labelledby': 'peer-heading' },
      h('h2', { id: 'peer-heading' }, 'Peer evaluation'),
      h('p', {}, 'Members rate each other on five dimensions for each exercise. The adjustment factor is a member’s mean rating over the team’s, capped at 1.05; you see averages, never who rated whom.'),
      peerForm(() => current, exercises.items, peers),
      peers));
  return { title: `Teams of ${cohort.name}`, node };
}

function formation(cohort, existing, refresh) {
  const preview = h('div', { className: 'formation-preview', tabindex: '-1' });
  const reformBox = h('label', { className: 'choice' },
    h('input', { type: 'checkbox', name: 'reform', id: 'teams-reform' }),
    h('span', {}, 'Re-form every team from scratch (not possible once a team has sent work)'));
  // Re-forming only means something once there are teams.
  const reformGroup = h('div', { className: 'choice-group', hidden: !existing().length }, reformBox);
  const form = h('form', { id: 'formation-form', novalidate: true },
    h('div', { className: 'field-row' },
      h('div', { className: 'field', 'data-field': 'team_size' },
        h('label', { for: 'team-size' }, 'Team size'),
        h('p', { className: 'hint', id: 'team-size-hint' }, 'From 2 to 12.'),
        h('input', { id: 'team-size', name: 'team_size', type: 'number', inputmode: 'numeric', min: '2', max: '12', step: '1', value: '4', className: 'input-short', 'aria-describedby': 'team-size-hint' })),
      h('div', { className: 'field', 'data-field': 'seed' },
        h('label', { for: 'team-seed' }, 'Seed ', h('span', { className: 'optional' }, '(optional)')),
        h('p', { className: 'hint', id: 'team-seed-hint' }, 'Same seed, same teams.'),
        h('input', { id: 'team-seed', name: 'seed', type: 'number', inputmode: 'numeric', step: '1', className: 'input-short', 'aria-describedby': 'team-seed-hint' }))),
    reformGroup,
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, 'Preview teams')),
    preview);
  const errors = fieldErrors(form);

  const request = () => {
    const size = Number(form.querySelector('#team-size').value);
    const seedText = form.querySelector('#team-seed').value.trim();
    const missing = {};
    if (!Number.isInteger(size) || size < 2 || size > 12) missing.team_size = 'Choose a team size from 2 to 12.';
    if (seedText && !/^-?\d{1,15}$/.test(seedText)) missing.seed = 'The seed is a whole number of at most 15 digits.';
    if (Object.keys(missing).length) {
      errors.show(missing);
      return null;
    }
    // Without a seed of the instructor's, the page picks one: the server's own are too large
    // for a JavaScript number, and the confirmation must send back exactly the previewed seed.
    const body = { team_size: size, seed: seedText ? Number(seedText) : Math.floor(Math.random() * 2 ** 31) };
    const reform = form.querySelector('#teams-reform');
    if (reform && reform.checked) body.reform = true;
    return body;
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = request();
    if (!body) return;
    errors.clear();
    await sendForm(form, errors, async () => {
      const res = await api(`/cohorts/${encodeURIComponent(cohort.id)}/teams/form`, { method: 'POST', body: { ...body, preview: true } });
      showPreview(res, body);
    });
  });

  function showPreview(res, body) {
    const sizes = res.teams.map((t) => t.members.length);
    const unmixed = res.teams.filter((t) => !isMixed(t.members)).length;
    const confirm = h('button', { type: 'button', className: 'button' }, 'Form these teams');
    const status = h('p', { className: 'form-status', role: 'status' });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      status.textContent = 'Forming the teams…';
      try {
        // The preview's seed makes the stored teams the ones previewed.
        const formed = await api(`/cohorts/${encodeURIComponent(cohort.id)}/teams/form`, { method: 'POST', body: { ...body, preview: false } });
        await refresh();
        reformGroup.hidden = !existing().length;
        preview.replaceChildren(h('p', { className: 'notice notice-good', 'data-result': 'formed' },
          `${formed.teams.length} ${formed.teams.length === 1 ? 'team is' : 'teams are'} formed. Their members can now open their team’s workspace.`));
        preview.focus();
        announce('Teams formed.');
      } catch (err) {
        status.textContent = err.code === 'teams_started' ? 'Some teams have sent work already, so the teams cannot be re-formed.' : err.message;
        confirm.disabled = false;
      }
    });
    preview.replaceChildren(
      h('h3', {}, 'Preview'),
      res.teams.length
        ? h('p', {}, `${res.teams.length} ${res.teams.length === 1 ? 'team' : 'teams'} of ${[...new Set(sizes)].sort((a, b) => a - b).join(' or ')} members`,
          unmixed ? ` · ${unmixed} not mixed: the cohort has too few learners of one discipline.` : ' · every team mixed.',
          h('span', { className: 'hint' }, ` Seed ${body.seed}.`))
        : h('p', {}, 'The cohort has no learners to place yet.'),
      res.teams.length ? h('ul', { className: 'card-list' }, res.teams.map((t) => h('li', {}, teamCard(t, { level: 'h4' })))) : null,
      res.teams.length ? h('p', { className: 'preview-actions' }, confirm, ' ', h('button', {
        type: 'button',
        className: 'button button-quiet',
        onclick: () => {
          form.querySelector('#team-seed').value = '';
          form.requestSubmit();
        },
      }, 'Try another mix')) : null,
      status);
    preview.focus();
  }
  return form;
}

function peerForm(teams, exercises, out) {
  const form = h('form', { id: 'peer-summary-form', className: 'inline-form', novalidate: true },
    h('div', { className: 'field' },
      h('label', { for: 'peer-exercise' }, 'Exercise'),
      h('select', { id: 'peer-exercise', name: 'exercise' }, exercises.map((x) => h('option', { value: x.slug }, x.title)))),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, 'Show the ratings')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const exercise = form.querySelector('#peer-exercise').value;
    const list = teams();
    if (!list.length) {
      out.replaceChildren(h('p', {}, 'Form teams first.'));
      return;
    }
    out.replaceChildren(h('p', { className: 'form-status', role: 'status' }, 'Loading the ratings…'));
    try {
      const summaries = await inBatches(list, (t) => api(`/teams/${encodeURIComponent(t.id)}/peer-evaluations?exercise=${encodeURIComponent(exercise)}`));
      out.replaceChildren(...list.map((t, i) => peerTable(t, summaries[i])));
    } catch (err) {
      out.replaceChildren(h('p', { className: 'form-error', role: 'alert' }, err.message));
    }
  });
  return form;
}

function peerTable(team, summary) {
  const names = new Map(team.members.map((m) => [m.user_id, m.name]));
  return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': `Peer ratings in ${team.name}`, 'data-team': team.id },
    h('table', { className: 'peer-table' },
      h('caption', {}, team.name),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Member'),
        h('th', { scope: 'col', className: 'num' }, 'Mean rating'),
        h('th', { scope: 'col', className: 'num' }, 'Adjustment factor'),
        h('th', { scope: 'col', className: 'num' }, 'Ratings received'),
        h('th', { scope: 'col' }, 'Has rated'),
        h('th', { scope: 'col' }, 'Comments for you'))),
      h('tbody', {}, summary.members.map((m) => h('tr', { 'data-member': m.user_id },
        h('th', { scope: 'row' }, m.name || names.get(m.user_id) || 'Former member'),
        h('td', { className: 'num' }, m.ratings_received ? m.mean_rating.toFixed(2) : '–'),
        h('td', { className: 'num' }, m.adjustment_factor.toFixed(2)),
        h('td', { className: 'num' }, String(m.ratings_received)),
        h('td', {}, m.has_rated_everyone ? 'Everyone' : `Not yet: ${m.not_rated.map((id) => names.get(id) || 'a former member').join(', ')}`),
        h('td', { className: 'peer-comments' }, m.comments.length ? h('ul', {}, m.comments.map((c) => h('li', {}, c))) : '–'))))));
}
