// A cohort's teams (/teach/cohorts/:id/teams), for its instructors: form mixed teams after a
// preview, the teams as they stand, and what the members' peer ratings say on each exercise.
import { api } from '../api.js';
import { tracks } from '../catalog.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { isMixed, teamCard } from '../components/team.js';
import { announce, h } from '../dom.js';
import { currentLanguage, formatNumber, t } from '../i18n.js';
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
      ? h('ul', { className: 'card-list' }, current.map((team) => h('li', {}, teamCard(team))))
      : h('p', {}, t('cohort.teams.none')));
  };
  drawTeams();
  const node = h('div', { className: 'page' },
    cohortHead(cohort, t('cohort.teams.title', { Cohort: cohort.name }), all),
    cohortNav(cohort, 'teams'),
    h('section', { className: 'panel', 'aria-labelledby': 'form-heading' },
      h('h2', { id: 'form-heading' }, t('cohort.teams.form')),
      h('p', {}, t('cohort.teams.form_lede')),
      formation(cohort, () => current, async () => {
        current = (await api(`/cohorts/${encodeURIComponent(id)}/teams`)).items;
        drawTeams();
      })),
    h('section', { 'aria-labelledby': 'teams-heading' },
      h('h2', { id: 'teams-heading' }, t('header.teams')),
      teamList),
    h('section', { 'aria-labelledby': 'peer-heading' },
      h('h2', { id: 'peer-heading' }, t('cohort.peer.title')),
      h('p', {}, t('cohort.peer.lede', { Cap: twoPlaces(1.05) })),
      peerForm(() => current, exercises.items, peers),
      peers));
  return { title: t('cohort.teams.title', { Cohort: cohort.name }), node };
}

function formation(cohort, existing, refresh) {
  const preview = h('div', { className: 'formation-preview', tabindex: '-1' });
  const reformBox = h('label', { className: 'choice' },
    h('input', { type: 'checkbox', name: 'reform', id: 'teams-reform' }),
    h('span', {}, t('cohort.teams.reform')));
  // Re-forming only means something once there are teams.
  const reformGroup = h('div', { className: 'choice-group', hidden: !existing().length }, reformBox);
  const form = h('form', { id: 'formation-form', novalidate: true },
    h('div', { className: 'field-row' },
      h('div', { className: 'field', 'data-field': 'team_size' },
        h('label', { for: 'team-size' }, t('cohort.teams.size')),
        h('p', { className: 'hint', id: 'team-size-hint' }, t('cohort.teams.size_hint', { Min: 2, Max: 12 })),
        h('input', { id: 'team-size', name: 'team_size', type: 'number', inputmode: 'numeric', min: '2', max: '12', step: '1', value: '4', className: 'input-short', 'aria-describedby': 'team-size-hint' })),
      h('div', { className: 'field', 'data-field': 'seed' },
        h('label', { for: 'team-seed' }, t('cohort.teams.seed_label'), ' ', h('span', { className: 'optional' }, t('common.optional'))),
        h('p', { className: 'hint', id: 'team-seed-hint' }, t('cohort.teams.seed_hint')),
        h('input', { id: 'team-seed', name: 'seed', type: 'number', inputmode: 'numeric', step: '1', className: 'input-short', 'aria-describedby': 'team-seed-hint' }))),
    reformGroup,
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('cohort.teams.preview_submit'))),
    preview);
  const errors = fieldErrors(form);

  const request = () => {
    const size = Number(form.querySelector('#team-size').value);
    const seedText = form.querySelector('#team-seed').value.trim();
    const missing = {};
    if (!Number.isInteger(size) || size < 2 || size > 12) missing.team_size = t('cohort.teams.bad_size', { Min: 2, Max: 12 });
    if (seedText && !/^-?\d{1,15}$/.test(seedText)) missing.seed = t('cohort.teams.bad_seed', { Digits: 15 });
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
    const sizes = [...new Set(res.teams.map((team) => team.members.length))].sort((a, b) => a - b).map((n) => formatNumber(n));
    const unmixed = res.teams.filter((team) => !isMixed(team.members)).length;
    const confirm = h('button', { type: 'button', className: 'button' }, t('cohort.teams.confirm'));
    const status = h('p', { className: 'form-status', role: 'status' });
    confirm.addEventListener('click', async () => {
      confirm.disabled = true;
      status.textContent = t('cohort.teams.forming');
      try {
        // The preview's seed makes the stored teams the ones previewed.
        const formed = await api(`/cohorts/${encodeURIComponent(cohort.id)}/teams/form`, { method: 'POST', body: { ...body, preview: false } });
        await refresh();
        reformGroup.hidden = !existing().length;
        preview.replaceChildren(h('p', { className: 'notice notice-good', 'data-result': 'formed' },
          t('cohort.teams.formed', { Count: formed.teams.length })));
        preview.focus();
        announce(t('cohort.teams.formed_short'));
      } catch (err) {
        status.textContent = err.code === 'teams_started' ? t('cohort.teams.started') : err.message;
        confirm.disabled = false;
      }
    });
    preview.replaceChildren(
      h('h3', {}, t('cohort.teams.preview')),
      res.teams.length
        ? h('p', {}, t('cohort.teams.preview_count', { Count: res.teams.length, Sizes: new Intl.ListFormat(currentLanguage(), { type: 'disjunction' }).format(sizes) }),
          ` · ${unmixed ? t('cohort.teams.unmixed', { Count: unmixed }) : t('cohort.teams.all_mixed')}`,
          h('span', { className: 'hint' }, ` ${t('cohort.teams.seed', { Seed: String(body.seed) })}`))
        : h('p', {}, t('cohort.teams.no_learners')),
      res.teams.length ? h('ul', { className: 'card-list' }, res.teams.map((team) => h('li', {}, teamCard(team, { level: 'h4' })))) : null,
      res.teams.length ? h('p', { className: 'preview-actions' }, confirm, ' ', h('button', {
        type: 'button',
        className: 'button button-quiet',
        onclick: () => {
          form.querySelector('#team-seed').value = '';
          form.requestSubmit();
        },
      }, t('cohort.teams.another'))) : null,
      status);
    preview.focus();
  }
  return form;
}

function peerForm(teams, exercises, out) {
  const form = h('form', { id: 'peer-summary-form', className: 'inline-form', novalidate: true },
    h('div', { className: 'field' },
      h('label', { for: 'peer-exercise' }, t('cohort.peer.exercise')),
      h('select', { id: 'peer-exercise', name: 'exercise' }, exercises.map((x) => h('option', { value: x.slug }, x.title)))),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('cohort.peer.show'))));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const exercise = form.querySelector('#peer-exercise').value;
    const list = teams();
    if (!list.length) {
      out.replaceChildren(h('p', {}, t('cohort.peer.no_teams')));
      return;
    }
    out.replaceChildren(h('p', { className: 'form-status', role: 'status' }, t('cohort.peer.loading')));
    try {
      const summaries = await inBatches(list, (team) => api(`/teams/${encodeURIComponent(team.id)}/peer-evaluations?exercise=${encodeURIComponent(exercise)}`));
      out.replaceChildren(...list.map((team, i) => peerTable(team, summaries[i])));
    } catch (err) {
      out.replaceChildren(h('p', { className: 'form-error', role: 'alert' }, err.message));
    }
  });
  return form;
}

// twoPlaces writes a rating or factor with two decimals, the reader's way.
function twoPlaces(n) {
  return formatNumber(n, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function peerTable(team, summary) {
  const names = new Map(team.members.map((m) => [m.user_id, m.name]));
  return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('cohort.peer.table', { Team: team.name }), 'data-team': team.id },
    h('table', { className: 'peer-table' },
      h('caption', {}, team.name),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('admin.role.member')),
        h('th', { scope: 'col', className: 'num' }, t('cohort.peer.mean')),
        h('th', { scope: 'col', className: 'num' }, t('cohort.peer.factor')),
        h('th', { scope: 'col', className: 'num' }, t('cohort.peer.received')),
        h('th', { scope: 'col' }, t('cohort.peer.has_rated')),
        h('th', { scope: 'col' }, t('cohort.peer.comments')))),
      h('tbody', {}, summary.members.map((m) => h('tr', { 'data-member': m.user_id },
        h('th', { scope: 'row' }, m.name || names.get(m.user_id) || t('cohort.peer.former')),
        h('td', { className: 'num' }, m.ratings_received ? twoPlaces(m.mean_rating) : '–'),
        h('td', { className: 'num' }, twoPlaces(m.adjustment_factor)),
        h('td', { className: 'num' }, formatNumber(m.ratings_received)),
        h('td', {}, m.has_rated_everyone ? t('cohort.peer.everyone') : t('cohort.peer.not_yet', { Names: m.not_rated.map((id) => names.get(id) || t('cohort.peer.a_former')).join(', ') })),
        h('td', { className: 'peer-comments' }, m.comments.length ? h('ul', {}, m.comments.map((c) => h('li', {}, c))) : '–'))))));
}
