// The cohort progress grid: one row per learner, one column per module and then one per joint
// exercise (where the learner's team stands on it), with rows that sum up each discipline at
// the top. Built for cohorts of tens of thousands: the server sorts, searches and pages the
// learners, so the grid holds a hundred at a time and "List more" fetches the next hundred; the
// summary rows come with every page and cover the whole cohort. The grid scrolls inside its own
// frame (never the page), the learner column and the header row stay in view while it scrolls.
// A compact view turns the grid into a heat map: one narrow cell per module, its colour and a
// short text (✓, 2/5, –) telling the same, the full words kept for screen readers.
import { badge, dateText, h, percent, uid } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { learnerDetail } from './learner-detail.js';

// The orders the server lists learners in, each with the message that names it.
const SORTS = ['name', 'discipline', 'progress', 'last_activity', 'team_status'];
// How long typing pauses before the search is sent.
const SEARCH_DELAY = 300;

/**
 * @typedef {{q: string, sort: string, order: string}} GridQuery
 * progressGrid draws dashboard d (a page of GET /cohorts/:id/progress); tracks are the
 * catalogue's tracks; accommodations (GET /accommodations?cohort=) are noted under the
 * learners they are for. load(query, page) fetches a page of the dashboard; onQuery(query) is
 * told of each new order or search (the CSV follows it).
 * @param {any} d
 * @param {any[]} tracks
 * @param {any[]} accommodations
 * @param {(query: GridQuery, page: number) => Promise<any>} load
 * @param {(query: GridQuery) => void} [onQuery]
 */
export function progressGrid(d, tracks, accommodations, load, onQuery = () => {}) {
  const allowances = new Map();
  for (const a of accommodations.filter((x) => x.user)) allowances.set(a.user, [...(allowances.get(a.user) || []), allowanceText(a)]);
  const audience = new Map(tracks.map((x) => [x.slug, x.audience]));
  const exercises = d.exercises || [];
  const captionId = uid('grid');
  const filterId = uid('filter');
  const sortId = uid('sort');
  const countId = uid('count');
  /** @type {GridQuery} */
  const query = { q: '', sort: 'name', order: 'asc' };
  const sortButton = (sort, label) => {
    const button = h('button', { type: 'button', className: 'grid-sort link-like', 'data-sort': sort }, label);
    button.addEventListener('click', () => setSort(sort, query.sort === sort && query.order === 'asc' ? 'desc' : 'asc'));
    return button;
  };
  const learnerHead = h('th', { scope: 'col', className: 'grid-learner', 'data-sort': 'name' }, sortButton('name', t('grid.learner')));
  const progressHead = h('th', { scope: 'col', className: 'num', 'data-sort': 'progress' }, sortButton('progress', t('grid.modules_complete')));
  const head = h('tr', {},
    learnerHead,
    progressHead,
    d.modules.map((m, i) => h('th', { scope: 'col', className: 'grid-module', title: m.title },
      short(`M${i + 1}`), badge(audience.get(m.track) || 'other'), h('span', { className: 'grid-module-title' }, m.title))),
    exercises.map((x, i) => h('th', { scope: 'col', className: 'grid-module grid-exercise', 'data-exercise': x.slug, title: x.title },
      short(`T${i + 1}`), h('span', { className: 'badge badge-team' }, t('grid.team_work')), h('span', { className: 'grid-module-title' }, x.title),
      x.due_on ? h('span', { className: 'grid-sub' }, t('grid.due', { Date: x.due_on })) : null)));
  const acceptedCells = (stats) => (stats || []).map((s) => h('td', { className: 'cell cell-stat' }, short(`${s.accepted}/${s.in_teams}`),
    h('span', { className: 'cell-main' }, t('grid.accepted_of', { Count: s.accepted, Total: s.in_teams })),
    h('span', { className: 'cell-sub' }, t('grid.in_teams'))));
  const all = d.page.cohort_learners;
  const summary = h('tbody', { className: 'grid-summary' },
    (d.by_discipline || []).map((g) => h('tr', { 'data-group': g.discipline_group },
      h('th', { scope: 'row', className: 'grid-learner' }, badge(g.discipline_group), ' ', t(`grid.group_${g.discipline_group}`),
        h('span', { className: 'grid-sub' }, ' ', t('grid.learner_count', { Count: g.learners }))),
      h('td', { className: 'num' }, t('grid.on_average', { Percent: percent(g.mean_percent) })),
      g.modules.map((s) => statCell(s)),
      acceptedCells(g.exercises))),
    h('tr', { 'data-group': 'all' },
      h('th', { scope: 'row', className: 'grid-learner' }, t('grid.all_learners'), h('span', { className: 'grid-sub' }, ` ${all}`)),
      h('td', { className: 'num' }, all ? t('grid.on_average', { Percent: percent(d.mean_percent) }) : '–'),
      (d.by_module || []).map((s) => statCell(s)),
      acceptedCells(d.by_exercise)));
  // A learner's name opens their details below the grid; closing them returns to the name.
  const detail = h('div', { className: 'learner-detail-area' });
  const openDetail = (l, name) => {
    detail.replaceChildren(learnerDetail(l, d, () => {
      detail.replaceChildren();
      name.focus();
    }));
    detail.querySelector('h3').focus();
  };
  const body = h('tbody', {});
  const count = h('p', { className: 'hint', id: countId, 'aria-live': 'polite' });
  const more = h('button', { type: 'button', className: 'button button-secondary grid-more', hidden: true });
  const filter = h('input', { id: filterId, type: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': countId });
  const sortSelect = h('select', { id: sortId },
    SORTS.flatMap((sort) => ['asc', 'desc'].map((order) => h('option', { value: `${sort} ${order}` }, t(`grid.sort_${sort}_${order}`)))));
  let listed = d.learners;
  let found = d.page.total;
  let page = 1;
  // Each request carries a number: an answer that arrives after a newer request was sent is
  // dropped, so fast typing never shows an older search's learners.
  let sent = 0;
  const draw = (from = 0) => {
    if (!all) body.replaceChildren(h('tr', {}, h('td', { colspan: String(d.modules.length + exercises.length + 2) }, t('grid.no_learners'))));
    else if (from === 0) body.replaceChildren(...listed.map((l) => learnerRow(l, d.modules, exercises, allowances, openDetail)));
    else body.append(...listed.slice(from).map((l) => learnerRow(l, d.modules, exercises, allowances, openDetail)));
    count.textContent = (found === all ? t('grid.learner_count', { Count: all }) : t('grid.showing', { Found: found, Count: all })) +
      (listed.length < found ? t('grid.first_listed', { Count: listed.length }) : '');
    more.hidden = listed.length >= found;
    more.textContent = t('grid.list_more', { Count: Math.min(d.page.per_page, found - listed.length) });
    for (const th of [learnerHead, progressHead]) {
      th.setAttribute('aria-sort', th.dataset.sort === query.sort ? (query.order === 'asc' ? 'ascending' : 'descending') : 'none');
    }
    sortSelect.value = `${query.sort} ${query.order}`;
  };
  const reload = async () => {
    const mine = ++sent;
    const next = await load(query, 1);
    if (mine !== sent) return;
    listed = next.learners;
    found = next.page.total;
    page = 1;
    draw();
    onQuery(query);
  };
  const setSort = (sort, order) => {
    query.sort = sort;
    query.order = order;
    reload();
  };
  more.addEventListener('click', async () => {
    const mine = ++sent;
    more.disabled = true;
    const next = await load(query, page + 1).finally(() => { more.disabled = false; });
    if (mine !== sent) return;
    const first = listed.length;
    page += 1;
    listed = listed.concat(next.learners);
    found = next.page.total;
    draw(first);
    // Focus moves to the first learner just listed, so a keyboard user carries on from there
    // (and is not left on the button once it hides).
    const name = body.rows[first].querySelector('th');
    name.setAttribute('tabindex', '-1');
    name.focus();
  });
  let typing = 0;
  filter.addEventListener('input', () => {
    clearTimeout(typing);
    typing = window.setTimeout(() => {
      query.q = filter.value.trim();
      reload();
    }, SEARCH_DELAY);
  });
  sortSelect.addEventListener('change', () => {
    const [sort, order] = sortSelect.value.split(' ');
    setSort(sort, order);
  });
  draw();
  const table = h('table', { className: 'grid' },
        h('caption', { id: captionId }, exercises.length ? t('grid.caption_with_work') : t('grid.caption')),
        h('thead', {}, head),
        summary,
        body);
  const legend = h('p', { className: 'hint grid-legend', hidden: true }, t('grid.legend_columns'), ' ', t('grid.legend_cells'));
  return h('div', { className: 'progress-grid' },
    h('div', { className: 'grid-tools' },
      h('div', { className: 'field' }, h('label', { for: filterId }, t('grid.find')), filter),
      h('div', { className: 'field' }, h('label', { for: sortId }, t('grid.sort')), sortSelect),
      viewSwitch((compact) => {
        table.classList.toggle('grid-compact', compact);
        legend.hidden = !compact;
      })),
    count,
    legend,
    h('div', { className: 'grid-frame', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table),
    h('p', {}, more),
    h('span', { id: 'learner-detail-hint', className: 'visually-hidden' }, t('grid.detail_hint')),
    detail);
}

// viewSwitch offers the detailed grid and the compact heat map; onChange gets true for compact.
function viewSwitch(onChange) {
  const name = uid('view');
  const option = (value, label, checked) => {
    const input = h('input', { type: 'radio', name, value, checked });
    input.addEventListener('change', () => onChange(value === 'compact'));
    return h('label', { className: 'choice' }, input, ' ', label);
  };
  return h('fieldset', { className: 'grid-view' },
    h('legend', {}, t('grid.view')),
    h('div', { className: 'choices choices-inline' }, option('detailed', t('grid.view_detailed'), true), option('compact', t('grid.view_compact'), false)));
}

// short is a cell's text in the compact view: seen, not read (the full text is read instead).
function short(text) {
  return h('span', { className: 'cell-short', 'aria-hidden': 'true' }, text);
}

// learnerRow is one learner's row: who they are (their name opens their details), their
// percent, a cell per module and one per exercise.
function learnerRow(l, modules, exercises, allowances, openDetail) {
  const name = h('button', { type: 'button', className: 'grid-name link-like', 'aria-describedby': 'learner-detail-hint' }, l.name);
  name.addEventListener('click', () => openDetail(l, name));
  return h('tr', { 'data-learner': l.user_id, 'data-group': l.discipline_group },
    h('th', { scope: 'row', className: 'grid-learner' },
      badge(l.discipline_group), ' ', name,
      l.email ? h('span', { className: 'grid-sub grid-email' }, l.email) : null,
      l.team ? h('span', { className: 'grid-sub grid-team' }, l.team) : null,
      l.last_activity ? h('span', { className: 'grid-sub grid-last' }, t('grid.last_active', { Date: dateText(l.last_activity) })) : null,
      allowances.has(l.user_id) ? h('span', { className: 'grid-sub grid-accommodation' }, t('grid.accommodation', { Allowances: allowances.get(l.user_id).join('; ') })) : null),
    h('td', { className: 'num' }, percent(l.percent)),
    l.modules.map((c, i) => learnerCell(c, modules[i])),
    exercises.map((x, i) => workCell(l, l.exercises[i], x)));
}

/** allowanceText says what an accommodation gives, and at which quiz. */
export function allowanceText(a) {
  const parts = [a.extra_time_percent ? t('grid.extra_time', { Percent: a.extra_time_percent }) : '',
    a.extra_minutes ? t('grid.extra_minutes', { Count: a.extra_minutes }) : '',
    a.extra_attempts ? t('grid.extra_attempts', { Count: a.extra_attempts }) : '',
    a.extra_days ? t('grid.extra_days', { Count: a.extra_days }) : ''].filter(Boolean);
  const given = parts.join(', ') || t('grid.nothing_extra');
  return a.quiz ? t('grid.allowance_at', { Allowance: given, Quiz: a.quiz_title || a.quiz }) : given;
}

function learnerCell(c, m) {
  if (c.completed) {
    return h('td', { className: 'cell cell-done' }, short('✓'),
      h('span', { className: 'cell-main' }, h('span', { 'aria-hidden': 'true' }, '✓ '), t('grid.complete')),
      typeof c.quiz_percent === 'number' ? h('span', { className: 'cell-sub' }, t('grid.quiz', { Percent: percent(c.quiz_percent) })) : null);
  }
  const started = c.lessons_completed > 0 || typeof c.quiz_percent === 'number';
  // Untouched modules say so briefly, so that the progress there is stands out in a big grid.
  if (!started) return h('td', { className: 'cell cell-none' }, short('–'), h('span', { className: 'cell-main' }, t('grid.not_started')));
  const heat = Math.max(1, Math.ceil((3 * c.lessons_completed) / Math.max(1, m.lessons_total)));
  return h('td', { className: `cell cell-started heat-${heat}` }, short(`${c.lessons_completed}/${m.lessons_total}`),
    h('span', { className: 'cell-main' }, t('grid.lessons_done', { Count: c.lessons_completed, Total: m.lessons_total })),
    h('span', { className: 'cell-sub' }, typeof c.quiz_percent === 'number'
      ? t(c.quiz_passed ? 'grid.quiz_passed' : 'grid.quiz', { Percent: percent(c.quiz_percent) })
      : t('grid.no_quiz_yet')));
}

// workCell: the learner's team's latest version of work on exercise x, its status, the points
// of its last review, whether it came after the due date, and the learner's peer factor.
function workCell(l, w, x) {
  if (!l.team) return h('td', { className: 'cell cell-none' }, short('–'), h('span', { className: 'cell-main' }, t('grid.no_team')));
  const factor = typeof w.peer_factor === 'number' ? t('grid.peer_factor', { Factor: formatNumber(w.peer_factor, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) }) : '';
  if (!w.status) {
    return h('td', { className: 'cell cell-none' }, short('–'), h('span', { className: 'cell-main' }, t('grid.no_work_yet')),
      factor ? h('span', { className: 'cell-sub' }, factor) : null);
  }
  const sub = [t('grid.version', { Version: w.version })];
  if (typeof w.points === 'number') sub.push(t('grid.points', { Points: formatNumber(w.points), Max: x.max_points }));
  if (w.late) sub.push(t('grid.late'));
  if (factor) sub.push(factor);
  return h('td', { className: `cell ${w.status === 'accepted' ? 'cell-done' : 'cell-started heat-2'}`, 'data-status': w.status },
    short(w.status === 'accepted' ? '✓' : t(w.status === 'submitted' ? 'grid.short_sent' : 'grid.short_redo')),
    h('span', { className: 'cell-main' }, w.status === 'accepted' ? [h('span', { 'aria-hidden': 'true' }, '✓ '), t('grid.status_accepted')] : workStatus(w.status)),
    h('span', { className: 'cell-sub' }, sub.join(' · ')));
}

function statCell(s) {
  return h('td', { className: 'cell cell-stat' }, short(percent(s.completed_percent)),
    h('span', { className: 'cell-main' }, t('grid.percent_complete', { Percent: percent(s.completed_percent) })),
    h('span', { className: 'cell-sub' }, typeof s.mean_quiz_percent === 'number' ? t('grid.quiz_mean', { Percent: percent(s.mean_quiz_percent) }) : t('grid.no_quiz_yet')));
}

// workStatus names the status of a version of team work.
function workStatus(status) {
  if (status === 'submitted') return t('grid.status_submitted');
  if (status === 'revision_requested') return t('grid.status_revision_requested');
  return status;
}
