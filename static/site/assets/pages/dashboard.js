// The learner's dashboard (/dashboard): what waits for their answer (invitations, offers),
// where to pick up, then the widgets the learner chose (progress per track and module, quiz
// results, their team, certificates earned and within reach, counterpart suggestions,
// attempts across quizzes, next due dates, labs) in the learner's order and density, and the
// form that chooses them (move up and down by button, so by keyboard too).
import { api, catalogue } from '../api.js';
import { quizModule, tracks } from '../catalog.js';
import { certificatesWidget } from '../components/certificates-widget.js';
import { enrolControl } from '../components/enrol.js';
import { moduleStanding } from '../components/module-card.js';
import { labsOverview, nextDueDates } from '../components/planning-widgets.js';
import { teamCard } from '../components/team.js';
import { announce, badge, dateText, h, percent } from '../dom.js';
import { resumeHref } from '../progress.js';
import { updateMe } from '../session.js';
import { teamHref } from '../teamwork.js';

// WIDGETS are the dashboard widgets this UI can draw, in their default order; a learner's
// dashboard shows them in the learner's order. Should the API learn more names, a learner's
// choice of those is kept untouched.
/** @type {Array<[string, string]>} */
const WIDGETS = [
  ['progress', 'Progress per track and module'],
  ['quiz_history', 'Quiz results'],
  ['team_activity', 'Your team'],
  ['certificates', 'Certificates'],
  ['counterpart_suggestions', 'What your counterparts study'],
  ['attempt_history', 'Your quiz attempts'],
  ['next_due_dates', 'Next due dates'],
  ['labs', 'Labs'],
];
const LABELS = new Map(WIDGETS);
// ATTEMPTS is how many of the latest attempts the attempt history lists.
const ATTEMPTS = 8;

export default async function dashboardPage() {
  const [me, progress, all] = await Promise.all([api('/me'), api('/me/progress'), tracks()]);
  const bySlug = new Map(all.map((t) => [t.slug, t]));
  const enrolled = progress.tracks.filter((t) => t.enrolled && bySlug.has(t.slug));
  const ctx = { me, progress, enrolled, bySlug };
  const widgetArea = h('div', { className: 'widgets' });
  const drawWidgets = async (chosen, density) => {
    widgetArea.classList.toggle('widgets-compact', density === 'compact');
    const shown = chosen.filter((name) => LABELS.has(name));
    const nodes = await Promise.all(shown.map((name) => DRAW[name](ctx, LABELS.get(name))));
    widgetArea.replaceChildren(...(shown.length ? nodes : [h('p', { className: 'hint' }, 'You have hidden every widget. Choose some below.')]));
  };
  await drawWidgets(me.dashboard.widgets, me.dashboard.density);
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Your dashboard'),
    h('p', { className: 'lede' }, `Welcome back, ${me.name}.`),
    staffLinks(me),
    await waiting(),
    enrolled.length ? resumeBlock(enrolled, bySlug) : notEnrolled(all, progress),
    widgetArea,
    chooser(me, drawWidgets));
  return { title: 'Dashboard', node };
}

// waiting says what waits for the learner's answer: invitations to cohorts and certificate
// offers, with the ways to join a cohort by code or leave one.
async function waiting() {
  const [{ items: invitations }, { items: offers }] = await Promise.all([api('/me/invitations'), api('/me/offers')]);
  const count = (n, one, many) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
  return h('p', { className: `waiting${invitations.length || offers.length ? ' notice' : ''}` },
    h('a', { href: '/invitations' }, invitations.length ? `${count(invitations.length, 'invitation', 'invitations')} to a cohort` : 'Cohorts: join with a code, or leave one'),
    ' · ',
    h('a', { href: '/offers' }, offers.length ? `${count(offers.length, 'certificate offer', 'certificate offers')} to answer` : 'Certificate offers and what you shared'));
}

// staffLinks leads instructors, content authors and society administrators to their pages.
function staffLinks(me) {
  const links = [];
  if (me.roles.includes('instructor') || me.roles.includes('admin')) links.push(h('a', { className: 'button button-secondary', href: '/teach' }, 'Teaching: your cohorts'));
  if (me.roles.includes('author') && !me.roles.includes('admin')) links.push(h('a', { className: 'button button-secondary', href: '/teach/feedback' }, 'Lesson feedback'));
  if (me.roles.includes('society_admin') || me.roles.includes('admin')) links.push(h('a', { className: 'button button-secondary', href: '/society' }, 'Society: programmes and certificates'));
  return links.length ? h('p', { className: 'staff-links' }, links) : null;
}

function resumeBlock(enrolled, bySlug) {
  const next = enrolled.filter((t) => t.resume);
  return h('section', { className: 'resume', 'aria-labelledby': 'resume-heading' },
    h('h2', { id: 'resume-heading' }, 'Pick up where you left off'),
    next.length
      ? h('ul', { className: 'resume-list' }, next.map((t) => h('li', { className: `resume-item ${bySlug.get(t.slug).audience}` },
        h('p', { className: 'card-kicker' }, badge(bySlug.get(t.slug).audience), ' ', bySlug.get(t.slug).title),
        h('a', { className: 'button', href: resumeHref(t.resume) }, 'Continue: ', t.resume.title))))
      : h('p', {}, 'You have done every lesson of your courses.'));
}

function notEnrolled(all, progress) {
  return h('section', { className: 'resume', 'aria-labelledby': 'start-heading' },
    h('h2', { id: 'start-heading' }, 'Start a course'),
    h('p', {}, 'You are not enrolled in a course yet.'),
    h('ul', { className: 'resume-list' }, all.map((t) => h('li', { className: `resume-item ${t.audience}` },
      h('p', { className: 'card-kicker' }, badge(t.audience), ' ', h('a', { href: `/tracks/${encodeURIComponent(t.slug)}` }, t.title)),
      enrolControl(t, progress.tracks.find((p) => p.slug === t.slug) || null)))));
}

function widget(name, label, ...content) {
  return h('section', { className: `widget widget-${name}`, 'aria-labelledby': `widget-${name}` },
    h('h2', { id: `widget-${name}` }, label), ...content);
}

const DRAW = {
  progress({ enrolled, bySlug }, label) {
    if (!enrolled.length) return widget('progress', label, h('p', {}, 'Enrol in a course to see your progress here.'));
    return widget('progress', label, enrolled.map((t) => {
      const track = bySlug.get(t.slug);
      const titles = new Map(track.modules.map((m) => [m.slug, m.title]));
      const lessonsDone = t.modules.reduce((n, m) => n + m.lessons_completed, 0);
      const lessonsTotal = t.modules.reduce((n, m) => n + m.lessons_total, 0);
      const modulesDone = t.modules.filter((m) => m.completed).length;
      return h('div', { className: `track-progress ${track.audience}` },
        h('h3', {}, badge(track.audience), ' ', h('a', { href: `/tracks/${encodeURIComponent(t.slug)}` }, track.title)),
        h('p', { className: 'track-percent' },
          `${lessonsDone} of ${lessonsTotal} lessons done · ${modulesDone} of ${t.modules.length} modules complete`),
        h('progress', { max: String(lessonsTotal || 1), value: String(lessonsDone), 'aria-label': `Lessons done in ${track.title}` }),
        h('ul', { className: 'module-progress' }, t.modules.map((m) => h('li', {},
          h('a', { href: `/modules/${encodeURIComponent(m.slug)}` }, titles.get(m.slug) || m.slug),
          moduleStanding(m)))));
    }));
  },

  async quiz_history({ enrolled }, label) {
    const taken = enrolled.flatMap((t) => t.modules).filter((m) => typeof m.quiz_best_percent === 'number');
    if (!taken.length) return widget('quiz_history', label, h('p', {}, 'You have not taken a quiz yet.'));
    const modules = await Promise.all(taken.map((m) => catalogue(`/modules/${encodeURIComponent(m.slug)}`)));
    return widget('quiz_history', label, h('table', { className: 'quiz-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Quiz'), h('th', { scope: 'col', className: 'num' }, 'Best'), h('th', { scope: 'col' }, 'Result'))),
      h('tbody', {}, taken.map((m, i) => h('tr', {},
        h('th', { scope: 'row' }, modules[i].quiz ? h('a', { href: `/quizzes/${encodeURIComponent(modules[i].quiz.slug)}` }, modules[i].quiz.title) : modules[i].title),
        h('td', { className: 'num' }, percent(m.quiz_best_percent)),
        h('td', {}, m.quiz_passed ? h('span', { className: 'verdict verdict-good' }, 'Passed') : h('span', { className: 'verdict verdict-bad' }, 'Not yet')))))));
  },

  async attempt_history(ctx, label) {
    const { items } = await api('/me/attempts');
    if (!items.length) return widget('attempt_history', label, h('p', {}, 'You have not started a quiz yet.'));
    const latest = [...items].sort((a, b) => b.started_at.localeCompare(a.started_at)).slice(0, ATTEMPTS);
    const modules = await Promise.all(latest.map((a) => quizModule(a.quiz)));
    const result = (a) => {
      if (!a.submitted_at) return a.open ? h('a', { href: `/attempts/${encodeURIComponent(a.id)}` }, 'Open: carry on') : 'Time ran out';
      const score = typeof a.percent === 'number' ? ` ${percent(a.percent)}` : '';
      return h('span', { className: `verdict ${a.passed ? 'verdict-good' : 'verdict-bad'}` }, (a.passed ? 'Passed' : 'Not passed') + score);
    };
    return widget('attempt_history', label, h('table', { className: 'quiz-table attempt-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Quiz'), h('th', { scope: 'col' }, 'Started'), h('th', { scope: 'col' }, 'Result'))),
      h('tbody', {}, latest.map((a, i) => h('tr', { 'data-attempt': a.id },
        h('th', { scope: 'row' }, h('a', { href: `/attempts/${encodeURIComponent(a.id)}` }, modules[i] ? modules[i].quiz.title : a.quiz), ` · attempt ${a.number}`),
        h('td', {}, dateText(a.started_at)),
        h('td', {}, result(a)))))),
    items.length > ATTEMPTS ? h('p', { className: 'hint' }, `The latest ${ATTEMPTS} of your ${items.length} attempts.`) : null);
  },

  async team_activity({ me }, label) {
    const { items: mine } = await api('/me/teams');
    if (!mine.length) {
      const { items } = await api('/cohorts');
      return widget('team_activity', label, h('p', {}, items.some((c) => c.role === 'member')
        ? 'Your instructor has not formed the teams yet.'
        : 'You are not in a cohort yet. When your instructor adds you, your mixed team appears here.'));
    }
    return widget('team_activity', label, mine.map((t) => teamCard(t, {
      meId: me.id,
      extra: h('p', {}, h('a', { href: teamHref(t.cohort_id, t.id) }, `Open ${t.name}’s workspace`), h('span', { className: 'card-meta' }, ` · ${t.cohort_name}`)),
    })));
  },

  async next_due_dates(ctx, label) {
    return widget('next_due_dates', label, await nextDueDates((await api('/me/teams')).items));
  },

  async labs(ctx, label) {
    return widget('labs', label, await labsOverview((await api('/me/teams')).items));
  },

  async certificates(ctx, label) {
    return widget('certificates', label, await certificatesWidget(ctx));
  },

  counterpart_suggestions({ enrolled, bySlug }, label) {
    const started = enrolled.flatMap((t) => t.modules.filter((m) => m.lessons_completed > 0 && !m.completed).map((m) => [bySlug.get(t.slug), m]));
    const first = enrolled.map((t) => [bySlug.get(t.slug), t.modules.find((m) => !m.completed)]).filter(([, m]) => m);
    const picks = (started.length ? started : first).slice(0, 3);
    if (!picks.length) {
      return widget('counterpart_suggestions', label, h('p', {}, enrolled.length
        ? 'You have completed every module of your courses: browse the other track from the catalogue.'
        : 'Enrol in a course to see what your counterparts study.'));
    }
    return widget('counterpart_suggestions', label,
      h('ul', { className: 'suggestions' }, picks.map(([track, m]) => {
        const mod = track.modules.find((x) => x.slug === m.slug);
        if (!mod || !mod.counterpart) return null;
        const other = track.audience === 'clinical' ? 'technical' : 'clinical';
        return h('li', { className: `suggestion ${other}` },
          h('p', {}, 'Alongside ', h('strong', {}, mod.title), ', ', other === 'clinical' ? 'clinicians' : 'computer scientists', ' study'),
          h('p', {}, badge(other), ' ', h('a', { href: `/modules/${encodeURIComponent(mod.counterpart.slug)}` }, mod.counterpart.title)));
      })));
  },
};

function chooser(me, drawWidgets) {
  const status = h('p', { className: 'form-status', role: 'status' });
  // The learner's order first, then the widgets they have not placed yet.
  const order = [...me.dashboard.widgets.filter((w) => LABELS.has(w)), ...WIDGETS.map(([name]) => name).filter((w) => !me.dashboard.widgets.includes(w))];
  const list = h('ol', { className: 'widget-order' });
  const row = (name) => {
    const label = LABELS.get(name);
    const up = h('button', { type: 'button', className: 'button button-secondary button-small', 'aria-label': `Move ${label} up` }, '↑ Up');
    const down = h('button', { type: 'button', className: 'button button-secondary button-small', 'aria-label': `Move ${label} down` }, '↓ Down');
    const move = (by, button) => {
      const at = order.indexOf(name);
      order.splice(at, 1);
      order.splice(at + by, 0, name);
      drawList();
      // Focus stays on the button pressed, now on the widget's new place (or its other button at an end).
      const moved = list.querySelector(`[data-widget="${name}"]`);
      const same = moved.querySelectorAll('button')[button === up ? 0 : 1];
      (same.disabled ? moved.querySelector('button:not([disabled])') : same).focus();
      announce(`${label}: place ${order.indexOf(name) + 1} of ${order.length}.`);
    };
    up.addEventListener('click', () => move(-1, up));
    down.addEventListener('click', () => move(1, down));
    const box = h('input', { type: 'checkbox', name: 'widget', value: name, checked: me.dashboard.widgets.includes(name) });
    return { name, node: h('li', { 'data-widget': name }, h('label', { className: 'choice' }, box, h('span', {}, label)), h('span', { className: 'widget-moves' }, up, down)), up, down };
  };
  const rows = new Map(order.map((name) => [name, row(name)]));
  const drawList = () => {
    list.replaceChildren(...order.map((name, i) => {
      const r = rows.get(name);
      r.up.disabled = i === 0;
      r.down.disabled = i === order.length - 1;
      return r.node;
    }));
  };
  drawList();
  const density = (value, label) => h('label', { className: 'choice' },
    h('input', { type: 'radio', name: 'density', value, checked: (me.dashboard.density || 'detailed') === value }), h('span', {}, label));
  const form = h('form', { className: 'chooser' },
    h('fieldset', { className: 'choice-group' }, h('legend', {}, 'Widgets to show, in this order'), list),
    h('fieldset', { className: 'choice-group' }, h('legend', {}, 'Layout'),
      h('div', { className: 'choices choices-inline' }, density('detailed', 'Detailed'), density('compact', 'Compact'))),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, 'Save')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = order.filter((name) => /** @type {HTMLInputElement} */ (rows.get(name).node.querySelector('input')).checked);
    const kept = me.dashboard.widgets.filter((w) => !LABELS.has(w));
    const picked = /** @type {HTMLInputElement} */ (form.querySelector('input[name=density]:checked'));
    status.textContent = 'Saving…';
    try {
      const user = await updateMe({ dashboard: { widgets: [...chosen, ...kept], density: picked ? picked.value : 'detailed' } });
      Object.assign(me, user);
      await drawWidgets(user.dashboard.widgets, user.dashboard.density);
      status.textContent = 'Saved.';
      announce('Your dashboard was updated.');
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
    }
  });
  return h('details', { className: 'customise' }, h('summary', {}, 'Choose what your dashboard shows'), form);
}
