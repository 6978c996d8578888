// The cohort progress grid: one row per learner, one column per module and then one per joint
// exercise (where the learner's team stands on it), with rows that sum up each discipline at
// the top. Built for cohorts of thousands: learners are listed a hundred at a time, the grid
// scrolls inside its own frame (never the page), the learner column and the header row stay in
// view while it scrolls, and a filter finds learners by name, email or discipline among all.
// A compact view turns the grid into a heat map: one narrow cell per module, its colour and a
// short text (✓, 2/5, –) telling the same, the full words kept for screen readers.
import { badge, h, percent, uid } from '../dom.js';
import { learnerDetail } from './learner-detail.js';

const GROUP_LABELS = { clinical: 'Clinical learners', technical: 'Technical learners', other: 'Other learners' };
// How many learner rows are drawn at first, and added by each "List more".
const PAGE = 100;
const WORK_STATUS = { submitted: 'Sent', revision_requested: 'Revision asked', accepted: 'Accepted' };

/**
 * progressGrid draws dashboard d (GET /cohorts/:id/progress); tracks are the catalogue's tracks;
 * accommodations (GET /accommodations?cohort=) are noted under the learners they are for.
 */
export function progressGrid(d, tracks, accommodations = []) {
  const allowances = new Map();
  for (const a of accommodations.filter((x) => x.user)) allowances.set(a.user, [...(allowances.get(a.user) || []), allowanceText(a)]);
  const audience = new Map(tracks.map((t) => [t.slug, t.audience]));
  const exercises = d.exercises || [];
  const captionId = uid('grid');
  const filterId = uid('filter');
  const groupId = uid('group');
  const countId = uid('count');
  const head = h('tr', {},
    h('th', { scope: 'col', className: 'grid-learner' }, 'Learner'),
    h('th', { scope: 'col', className: 'num' }, 'Modules complete'),
    d.modules.map((m, i) => h('th', { scope: 'col', className: 'grid-module', title: m.title },
      short(`M${i + 1}`), badge(audience.get(m.track) || 'other'), h('span', { className: 'grid-module-title' }, m.title))),
    exercises.map((x, i) => h('th', { scope: 'col', className: 'grid-module grid-exercise', 'data-exercise': x.slug, title: x.title },
      short(`T${i + 1}`), h('span', { className: 'badge badge-team' }, 'Team work'), h('span', { className: 'grid-module-title' }, x.title),
      x.due_on ? h('span', { className: 'grid-sub' }, `due ${x.due_on}`) : null)));
  const acceptedCells = (learners) => exercises.map((x, i) => {
    const inTeam = learners.filter((l) => l.team);
    const accepted = inTeam.filter((l) => l.exercises[i].status === 'accepted').length;
    return h('td', { className: 'cell cell-stat' }, short(`${accepted}/${inTeam.length}`),
      h('span', { className: 'cell-main' }, `${accepted} of ${inTeam.length} accepted`),
      h('span', { className: 'cell-sub' }, 'learners in teams'));
  });
  const summary = h('tbody', { className: 'grid-summary' },
    (d.by_discipline || []).map((g) => h('tr', { 'data-group': g.discipline_group },
      h('th', { scope: 'row', className: 'grid-learner' }, badge(g.discipline_group), ' ', GROUP_LABELS[g.discipline_group] || g.discipline_group,
        h('span', { className: 'grid-sub' }, ` ${g.learners} ${g.learners === 1 ? 'learner' : 'learners'}`)),
      h('td', { className: 'num' }, `${percent(g.mean_percent)} on average`),
      g.modules.map((s) => statCell(s)),
      acceptedCells(d.learners.filter((l) => l.discipline_group === g.discipline_group)))),
    h('tr', { 'data-group': 'all' },
      h('th', { scope: 'row', className: 'grid-learner' }, 'All learners', h('span', { className: 'grid-sub' }, ` ${d.learners.length}`)),
      h('td', { className: 'num' }, d.learners.length ? `${percent(mean(d.learners.map((l) => l.percent)))} on average` : '–'),
      (d.by_module || []).map((s) => statCell(s)),
      acceptedCells(d.learners)));
  // Rows are drawn a page at a time: a cohort of thousands stays quick to open, and the filter
  // searches every learner, drawn or not.
  const search = d.learners.map((l) => `${l.name} ${l.email || ''}`.toLowerCase());
  const drawn = new Map();
  // A learner's name opens their details below the grid; closing them returns to the name.
  const detail = h('div', { className: 'learner-detail-area' });
  const openDetail = (l, name) => {
    detail.replaceChildren(learnerDetail(l, d, () => {
      detail.replaceChildren();
      name.focus();
    }));
    detail.querySelector('h3').focus();
  };
  const rowOf = (i) => {
    if (!drawn.has(i)) drawn.set(i, learnerRow(d.learners[i], d.modules, exercises, allowances, openDetail));
    return drawn.get(i);
  };
  const body = h('tbody', {});
  const count = h('p', { className: 'hint', id: countId, 'aria-live': 'polite' });
  const more = h('button', { type: 'button', className: 'button button-secondary grid-more', hidden: true });
  const filter = h('input', { id: filterId, type: 'search', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': countId });
  const group = h('select', { id: groupId },
    h('option', { value: '' }, 'Every discipline'),
    ['clinical', 'technical', 'other'].map((g) => h('option', { value: g }, GROUP_LABELS[g])));
  let matches = [];
  let limit = PAGE;
  const draw = () => {
    const total = d.learners.length;
    const listed = Math.min(limit, matches.length);
    if (!total) body.replaceChildren(h('tr', {}, h('td', { colspan: String(d.modules.length + exercises.length + 2) }, 'No learners yet: add them by email above.')));
    else body.replaceChildren(...matches.slice(0, listed).map(rowOf));
    const noun = (n) => `${n} ${n === 1 ? 'learner' : 'learners'}`;
    count.textContent = (matches.length === total ? noun(total) : `Showing ${matches.length} of ${noun(total)}`) +
      (listed < matches.length ? `; the first ${listed} are listed` : '');
    more.hidden = listed >= matches.length;
    more.textContent = `List ${Math.min(PAGE, matches.length - listed)} more`;
  };
  const apply = () => {
    const q = filter.value.trim().toLowerCase();
    matches = [];
    d.learners.forEach((l, i) => {
      if ((!q || search[i].includes(q)) && (!group.value || l.discipline_group === group.value)) matches.push(i);
    });
    limit = PAGE;
    draw();
  };
  more.addEventListener('click', () => {
    const first = limit;
    limit += PAGE;
    draw();
    // Focus moves to the first learner just listed, so a keyboard user carries on from there
    // (and is not left on the button once it hides).
    const name = rowOf(matches[first]).querySelector('th');
    name.setAttribute('tabindex', '-1');
    name.focus();
  });
  filter.addEventListener('input', apply);
  group.addEventListener('change', apply);
  apply();
  const table = h('table', { className: 'grid' },
        h('caption', { id: captionId }, exercises.length
          ? 'Progress per learner and module (lessons done and the quiz result that counts), then where each learner’s team stands on the joint exercises'
          : 'Progress per learner and module: lessons done and the quiz result that counts'),
        h('thead', {}, head),
        summary,
        body);
  const legend = h('p', { className: 'hint grid-legend', hidden: true },
    'Heat map: M1, M2… are the modules in order and T1, T2… the joint exercises (hover a heading for its title). ',
    '✓ complete or accepted; 2/5 lessons done, the deeper the colour the further; – not started. Screen readers hear each cell in full.');
  return h('div', { className: 'progress-grid' },
    h('div', { className: 'grid-tools' },
      h('div', { className: 'field' }, h('label', { for: filterId }, 'Find a learner'), filter),
      h('div', { className: 'field' }, h('label', { for: groupId }, 'Discipline'), group),
      viewSwitch((compact) => {
        table.classList.toggle('grid-compact', compact);
        legend.hidden = !compact;
      })),
    count,
    legend,
    h('div', { className: 'grid-frame', role: 'region', 'aria-labelledby': captionId, tabindex: '0' }, table),
    h('p', {}, more),
    h('span', { id: 'learner-detail-hint', className: 'visually-hidden' }, 'Shows this learner’s details below the grid'),
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
    h('legend', {}, 'View'),
    h('div', { className: 'choices choices-inline' }, option('detailed', 'Detailed', true), option('compact', 'Compact heat map', false)));
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
      allowances.has(l.user_id) ? h('span', { className: 'grid-sub grid-accommodation' }, `Accommodation: ${allowances.get(l.user_id).join('; ')}`) : null),
    h('td', { className: 'num' }, percent(l.percent)),
    l.modules.map((c, i) => learnerCell(c, modules[i])),
    exercises.map((x, i) => workCell(l, l.exercises[i], x)));
}

/** allowanceText says what an accommodation gives, and at which quiz. */
export function allowanceText(a) {
  const parts = [a.extra_time_percent ? `+${a.extra_time_percent}% time` : '', a.extra_minutes ? `+${a.extra_minutes} min` : '',
    a.extra_attempts ? `+${a.extra_attempts} ${a.extra_attempts === 1 ? 'attempt' : 'attempts'}` : '',
    a.extra_days ? `+${a.extra_days} ${a.extra_days === 1 ? 'day' : 'days'} for team exercises` : ''].filter(Boolean);
  return `${parts.join(', ') || 'nothing extra'}${a.quiz ? ` at ${a.quiz_title || a.quiz}` : ''}`;
}

function mean(values) {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

function learnerCell(c, m) {
  if (c.completed) {
    return h('td', { className: 'cell cell-done' }, short('✓'),
      h('span', { className: 'cell-main' }, h('span', { 'aria-hidden': 'true' }, '✓ '), 'Complete'),
      typeof c.quiz_percent === 'number' ? h('span', { className: 'cell-sub' }, `quiz ${percent(c.quiz_percent)}`) : null);
  }
  const started = c.lessons_completed > 0 || typeof c.quiz_percent === 'number';
  // Untouched modules say so briefly, so that the progress there is stands out in a big grid.
  if (!started) return h('td', { className: 'cell cell-none' }, short('–'), h('span', { className: 'cell-main' }, 'Not started'));
  const heat = Math.max(1, Math.ceil((3 * c.lessons_completed) / Math.max(1, m.lessons_total)));
  return h('td', { className: `cell cell-started heat-${heat}` }, short(`${c.lessons_completed}/${m.lessons_total}`),
    h('span', { className: 'cell-main' }, `${c.lessons_completed}/${m.lessons_total} lessons`),
    h('span', { className: 'cell-sub' }, typeof c.quiz_percent === 'number'
      ? `quiz ${percent(c.quiz_percent)}${c.quiz_passed ? ' passed' : ''}`
      : 'no quiz yet'));
}

// workCell: the learner's team's latest version of work on exercise x, its status, the points
// of its last review, whether it came after the due date, and the learner's peer factor.
function workCell(l, w, x) {
  if (!l.team) return h('td', { className: 'cell cell-none' }, short('–'), h('span', { className: 'cell-main' }, 'No team'));
  const factor = typeof w.peer_factor === 'number' ? `peer factor ${w.peer_factor.toFixed(2)}` : '';
  if (!w.status) {
    return h('td', { className: 'cell cell-none' }, short('–'), h('span', { className: 'cell-main' }, 'No work yet'),
      factor ? h('span', { className: 'cell-sub' }, factor) : null);
  }
  const sub = [`version ${w.version}`];
  if (typeof w.points === 'number') sub.push(`${w.points}/${x.max_points} points`);
  if (w.late) sub.push('late');
  if (factor) sub.push(factor);
  return h('td', { className: `cell ${w.status === 'accepted' ? 'cell-done' : 'cell-started heat-2'}`, 'data-status': w.status },
    short(w.status === 'accepted' ? '✓' : w.status === 'submitted' ? 'sent' : 'redo'),
    h('span', { className: 'cell-main' }, w.status === 'accepted' ? [h('span', { 'aria-hidden': 'true' }, '✓ '), WORK_STATUS[w.status]] : WORK_STATUS[w.status] || w.status),
    h('span', { className: 'cell-sub' }, sub.join(' · ')));
}

function statCell(s) {
  return h('td', { className: 'cell cell-stat' }, short(percent(s.completed_percent)),
    h('span', { className: 'cell-main' }, `${percent(s.completed_percent)} complete`),
    h('span', { className: 'cell-sub' }, typeof s.mean_quiz_percent === 'number' ? `quiz mean ${percent(s.mean_quiz_percent)}` : 'no quiz yet'));
}
