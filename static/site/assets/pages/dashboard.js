// The learner's dashboard (/dashboard): what waits for their answer (invitations, offers),
// where to pick up, then the widgets the learner chose
// (progress per track and module, quiz results, their team, certificates earned and within
// reach, counterpart suggestions), and the form that chooses them.
import { api, catalogue } from '../api.js';
import { tracks } from '../catalog.js';
import { certificatesWidget } from '../components/certificates-widget.js';
import { enrolControl } from '../components/enrol.js';
import { moduleStanding } from '../components/module-card.js';
import { teamCard } from '../components/team.js';
import { announce, badge, h, percent } from '../dom.js';
import { resumeHref } from '../progress.js';
import { updateMe } from '../session.js';
import { teamHref } from '../teamwork.js';

// WIDGETS are the dashboard widgets this UI can draw, in the order they appear. Should the API
// learn more names, a learner's choice of those is kept untouched.
const WIDGETS = [
  ['progress', 'Progress per track and module'],
  ['quiz_history', 'Quiz results'],
  ['team_activity', 'Your team'],
  ['certificates', 'Certificates'],
  ['counterpart_suggestions', 'What your counterparts study'],
];

export default async function dashboardPage() {
  const [me, progress, all] = await Promise.all([api('/me'), api('/me/progress'), tracks()]);
  const bySlug = new Map(all.map((t) => [t.slug, t]));
  const enrolled = progress.tracks.filter((t) => t.enrolled && bySlug.has(t.slug));
  const ctx = { me, progress, enrolled, bySlug };
  const widgetArea = h('div', { className: 'widgets' });
  const drawWidgets = async (chosen) => {
    const shown = WIDGETS.filter(([name]) => chosen.includes(name));
    const nodes = await Promise.all(shown.map(([name, label]) => DRAW[name](ctx, label)));
    widgetArea.replaceChildren(...(shown.length ? nodes : [h('p', { className: 'hint' }, 'You have hidden every widget. Choose some below.')]));
  };
  await drawWidgets(me.dashboard.widgets);
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
  const boxes = WIDGETS.map(([name, label]) => h('label', { className: 'choice' },
    h('input', { type: 'checkbox', name: 'widget', value: name, checked: me.dashboard.widgets.includes(name) }), h('span', {}, label)));
  const form = h('form', { className: 'chooser' },
    h('fieldset', { className: 'choice-group' }, h('legend', {}, 'Widgets to show'), boxes),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, 'Save')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const mine = WIDGETS.map(([name]) => name);
    const chosen = [...form.querySelectorAll('input:checked')].map((i) => i.value);
    const kept = me.dashboard.widgets.filter((w) => !mine.includes(w));
    status.textContent = 'Saving…';
    try {
      const user = await updateMe({ dashboard: { widgets: [...chosen, ...kept] } });
      Object.assign(me, user);
      await drawWidgets(user.dashboard.widgets);
      status.textContent = 'Saved.';
      announce('Your dashboard was updated.');
    } catch (err) {
      status.textContent = `Not saved: ${err.message}`;
    }
  });
  return h('details', { className: 'customise' }, h('summary', {}, 'Choose what your dashboard shows'), form);
}
