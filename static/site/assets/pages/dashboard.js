// The learner's dashboard (/dashboard): what waits for their answer (invitations, offers),
// where to pick up, then the widgets the learner chose (progress per track and module, quiz
// results, their team, certificates earned and within reach, counterpart suggestions,
// attempts across quizzes, next due dates, labs, notifications) in the learner's order and density, and the
// form that chooses them (move up and down by button, so by keyboard too).
import { api, catalogue } from '../api.js';
import { quizModule, tracks } from '../catalog.js';
import { certificatesWidget } from '../components/certificates-widget.js';
import { enrolControl } from '../components/enrol.js';
import { moduleStanding } from '../components/module-card.js';
import { labsOverview, nextDueDates } from '../components/planning-widgets.js';
import { latestNotices } from '../components/notices-widget.js';
import { teamCard } from '../components/team.js';
import { announce, badge, dateText, h, percent } from '../dom.js';
import { resumeHref } from '../progress.js';
import { updateMe } from '../session.js';
import { teamHref } from '../teamwork.js';
import { contentLang, t } from '../i18n.js';

// WIDGETS are the dashboard widgets this UI can draw, in their default order; a learner's
// dashboard shows them in the learner's order. Should the API learn more names, a learner's
// choice of those is kept untouched.
const WIDGETS = ['progress', 'notifications', 'quiz_history', 'team_activity', 'certificates', 'counterpart_suggestions', 'attempt_history', 'next_due_dates', 'labs'];
const LABELS = { has: (name) => WIDGETS.includes(name), get: (name) => t(name === 'notifications' ? 'notices.title' : `dashboard.widget_${name}`) };
// ATTEMPTS is how many of the latest attempts the attempt history lists.
const ATTEMPTS = 8;

export default async function dashboardPage() {
  const [me, progress, all] = await Promise.all([api('/me'), api('/me/progress'), tracks()]);
  const bySlug = new Map(all.map((tr) => [tr.slug, tr]));
  const enrolled = progress.tracks.filter((tr) => tr.enrolled && bySlug.has(tr.slug));
  const ctx = { me, progress, enrolled, bySlug };
  const widgetArea = h('div', { className: 'widgets' });
  const drawWidgets = async (chosen, density) => {
    widgetArea.classList.toggle('widgets-compact', density === 'compact');
    const shown = chosen.filter((name) => LABELS.has(name));
    const nodes = await Promise.all(shown.map((name) => DRAW[name](ctx, LABELS.get(name))));
    widgetArea.replaceChildren(...(shown.length ? nodes : [h('p', { className: 'hint' }, t('dashboard.all_hidden'))]));
  };
  await drawWidgets(me.dashboard.widgets, me.dashboard.density);
  const node = h('div', { className: 'page' },
    h('h1', {}, t('dashboard.title')),
    h('p', { className: 'lede' }, t('dashboard.welcome', { Name: me.name })),
    staffLinks(me),
    await waiting(),
    enrolled.length ? resumeBlock(enrolled, bySlug) : notEnrolled(all, progress),
    widgetArea,
    chooser(me, drawWidgets));
  return { title: t('header.dashboard'), node };
}

// waiting says what waits for the learner's answer: invitations to cohorts and certificate
// offers, with the ways to join a cohort by code or leave one.
async function waiting() {
  const [{ items: invitations }, { items: offers }] = await Promise.all([api('/me/invitations'), api('/me/offers')]);
  return h('p', { className: `waiting${invitations.length || offers.length ? ' notice' : ''}` },
    h('a', { href: '/invitations' }, invitations.length ? t('dashboard.invitations', { Count: invitations.length }) : t('dashboard.cohorts_link')),
    ' · ',
    h('a', { href: '/offers' }, offers.length ? t('dashboard.offers', { Count: offers.length }) : t('dashboard.offers_link')));
}

// staffLinks leads instructors, content authors and society administrators to their pages.
function staffLinks(me) {
  const links = [];
  if (me.roles.includes('instructor') || me.roles.includes('admin')) links.push(h('a', { className: 'button button-secondary', href: '/teach' }, t('dashboard.teaching')));
  if (me.roles.includes('author') && !me.roles.includes('admin')) links.push(h('a', { className: 'button button-secondary', href: '/teach/feedback' }, t('dashboard.lesson_feedback')));
  if (me.roles.includes('society_admin') || me.roles.includes('admin')) links.push(h('a', { className: 'button button-secondary', href: '/society' }, t('dashboard.society')));
  return links.length ? h('p', { className: 'staff-links' }, links) : null;
}

function resumeBlock(enrolled, bySlug) {
  const next = enrolled.filter((tr) => tr.resume);
  return h('section', { className: 'resume', 'aria-labelledby': 'resume-heading' },
    h('h2', { id: 'resume-heading' }, t('dashboard.pick_up')),
    next.length
      ? h('ul', { className: 'resume-list' }, next.map((tr) => h('li', { className: `resume-item ${bySlug.get(tr.slug).audience}` },
        h('p', { className: 'card-kicker' }, badge(bySlug.get(tr.slug).audience), ' ', h('span', { lang: contentLang(bySlug.get(tr.slug)) }, bySlug.get(tr.slug).title)),
        h('a', { className: 'button', href: resumeHref(tr.resume) }, h('span', {}, t('enrol.continue'), ' ', h('span', { lang: contentLang(tr.resume) }, tr.resume.title))))))
      : h('p', {}, t('dashboard.all_done')));
}

function notEnrolled(all, progress) {
  return h('section', { className: 'resume', 'aria-labelledby': 'start-heading' },
    h('h2', { id: 'start-heading' }, t('dashboard.start')),
    h('p', {}, t('dashboard.not_enrolled')),
    h('ul', { className: 'resume-list' }, all.map((tr) => h('li', { className: `resume-item ${tr.audience}` },
      h('p', { className: 'card-kicker' }, badge(tr.audience), ' ', h('a', { href: `/tracks/${encodeURIComponent(tr.slug)}`, lang: contentLang(tr) }, tr.title)),
      enrolControl(t, progress.tracks.find((p) => p.slug === tr.slug) || null)))));
}

function widget(name, label, ...content) {
  return h('section', { className: `widget widget-${name}`, 'aria-labelledby': `widget-${name}` },
    h('h2', { id: `widget-${name}` }, label), ...content);
}

const DRAW = {
  progress({ enrolled, bySlug }, label) {
    if (!enrolled.length) return widget('progress', label, h('p', {}, t('dashboard.enrol_to_see')));
    return widget('progress', label, enrolled.map((tr) => {
      const track = bySlug.get(tr.slug);
      const titles = new Map(track.modules.map((m) => [m.slug, m.title]));
      const lessonsDone = tr.modules.reduce((n, m) => n + m.lessons_completed, 0);
      const lessonsTotal = tr.modules.reduce((n, m) => n + m.lessons_total, 0);
      const modulesDone = tr.modules.filter((m) => m.completed).length;
      return h('div', { className: `track-progress ${track.audience}` },
        h('h3', {}, badge(track.audience), ' ', h('a', { href: `/tracks/${encodeURIComponent(tr.slug)}`, lang: contentLang(track) }, track.title)),
        h('p', { className: 'track-percent' },
          `${t('module.lessons_done', { Count: lessonsDone, Total: lessonsTotal })} · ${t('enrol.modules_complete', { Count: modulesDone, Total: tr.modules.length })}`),
        h('progress', { max: String(lessonsTotal || 1), value: String(lessonsDone), 'aria-label': t('dashboard.lessons_done_in', { Track: track.title }) }),
        h('ul', { className: 'module-progress' }, tr.modules.map((m) => h('li', {},
          h('a', { href: `/modules/${encodeURIComponent(m.slug)}`, lang: contentLang(track) }, titles.get(m.slug) || m.slug),
          moduleStanding(m)))));
    }));
  },

  async quiz_history({ enrolled }, label) {
    const taken = enrolled.flatMap((tr) => tr.modules).filter((m) => typeof m.quiz_best_percent === 'number');
    if (!taken.length) return widget('quiz_history', label, h('p', {}, t('dashboard.no_quiz')));
    const modules = await Promise.all(taken.map((m) => catalogue(`/modules/${encodeURIComponent(m.slug)}`)));
    return widget('quiz_history', label, h('table', { className: 'quiz-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('attempt.quiz')), h('th', { scope: 'col', className: 'num' }, t('dashboard.best')), h('th', { scope: 'col' }, t('quiz.col_result')))),
      h('tbody', {}, taken.map((m, i) => h('tr', {},
        h('th', { scope: 'row' }, modules[i].quiz ? h('a', { href: `/quizzes/${encodeURIComponent(modules[i].quiz.slug)}` }, modules[i].quiz.title) : modules[i].title),
        h('td', { className: 'num' }, percent(m.quiz_best_percent)),
        h('td', {}, m.quiz_passed ? h('span', { className: 'verdict verdict-good' }, t('quiz.passed')) : h('span', { className: 'verdict verdict-bad' }, t('dashboard.not_yet'))))))));
  },

  async attempt_history(ctx, label) {
    const { items } = await api('/me/attempts');
    if (!items.length) return widget('attempt_history', label, h('p', {}, t('dashboard.no_attempt')));
    const latest = [...items].sort((a, b) => b.started_at.localeCompare(a.started_at)).slice(0, ATTEMPTS);
    const modules = await Promise.all(latest.map((a) => quizModule(a.quiz)));
    const result = (a) => {
      if (!a.submitted_at) return a.open ? h('a', { href: `/attempts/${encodeURIComponent(a.id)}` }, t('dashboard.carry_on')) : t('dashboard.time_ran_out');
      const score = typeof a.percent === 'number' ? ` ${percent(a.percent)}` : '';
      return h('span', { className: `verdict ${a.passed ? 'verdict-good' : 'verdict-bad'}` }, (a.passed ? t('quiz.passed') : t('quiz.not_passed')) + score);
    };
    return widget('attempt_history', label, h('table', { className: 'quiz-table attempt-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('attempt.quiz')), h('th', { scope: 'col' }, t('quiz.col_started')), h('th', { scope: 'col' }, t('quiz.col_result')))),
      h('tbody', {}, latest.map((a, i) => h('tr', { 'data-attempt': a.id },
        h('th', { scope: 'row' }, h('a', { href: `/attempts/${encodeURIComponent(a.id)}` }, modules[i] ? modules[i].quiz.title : a.quiz), ` · ${t('attempt.number', { Number: a.number })}`),
        h('td', {}, dateText(a.started_at)),
        h('td', {}, result(a)))))),
    items.length > ATTEMPTS ? h('p', { className: 'hint' }, t('dashboard.latest', { Latest: ATTEMPTS, Count: items.length })) : null);
  },

  async team_activity({ me }, label) {
    const { items: mine } = await api('/me/teams');
    if (!mine.length) {
      const { items } = await api('/cohorts');
      return widget('team_activity', label, h('p', {}, items.some((c) => c.role === 'member')
        ? t('dashboard.no_teams_yet')
        : t('dashboard.no_cohort')));
    }
    return widget('team_activity', label, mine.map((tr) => teamCard(tr, {
      meId: me.id,
      extra: h('p', {}, h('a', { href: teamHref(tr.cohort_id, tr.id) }, t('dashboard.open_workspace', { Team: tr.name })), h('span', { className: 'card-meta' }, ` · ${tr.cohort_name}`)),
    })));
  },

  async next_due_dates(ctx, label) {
    const [teams, cohorts, attempts] = await Promise.all([api('/me/teams'), api('/cohorts'), api('/me/attempts')]);
    return widget('next_due_dates', label, await nextDueDates(teams.items, cohorts.items, attempts.items));
  },

  async notifications(ctx, label) {
    return widget('notifications', label, await latestNotices());
  },

  async labs(ctx, label) {
    return widget('labs', label, await labsOverview((await api('/me/teams')).items));
  },

  async certificates(ctx, label) {
    return widget('certificates', label, await certificatesWidget(ctx));
  },

  counterpart_suggestions({ enrolled, bySlug }, label) {
    const started = enrolled.flatMap((tr) => tr.modules.filter((m) => m.lessons_completed > 0 && !m.completed).map((m) => [bySlug.get(tr.slug), m]));
    const first = enrolled.map((tr) => [bySlug.get(tr.slug), tr.modules.find((m) => !m.completed)]).filter(([, m]) => m);
    const picks = (started.length ? started : first).slice(0, 3);
    if (!picks.length) {
      return widget('counterpart_suggestions', label, h('p', {}, enrolled.length
        ? t('dashboard.all_modules_done')
        : t('dashboard.enrol_for_counterparts')));
    }
    return widget('counterpart_suggestions', label,
      h('ul', { className: 'suggestions' }, picks.map(([track, m]) => {
        const mod = track.modules.find((x) => x.slug === m.slug);
        if (!mod || !mod.counterpart) return null;
        const other = track.audience === 'clinical' ? 'technical' : 'clinical';
        return h('li', { className: `suggestion ${other}` },
          h('p', {}, t(other === 'clinical' ? 'dashboard.alongside_clinicians' : 'dashboard.alongside_technologists', { Module: mod.title })),
          h('p', {}, badge(other), ' ', h('a', { href: `/modules/${encodeURIComponent(mod.counterpart.slug)}`, lang: contentLang(mod.counterpart) }, mod.counterpart.title)));
      })));
  },
};

function chooser(me, drawWidgets) {
  const status = h('p', { className: 'form-status', role: 'status' });
  // The learner's order first, then the widgets they have not placed yet.
  const order = [...me.dashboard.widgets.filter((w) => LABELS.has(w)), ...WIDGETS.filter((w) => !me.dashboard.widgets.includes(w))];
  const list = h('ol', { className: 'widget-order' });
  const row = (name) => {
    const label = LABELS.get(name);
    const up = h('button', { type: 'button', className: 'button button-secondary button-small', 'aria-label': t('ordering.up', { Item: label }) }, `↑ ${t('dashboard.up')}`);
    const down = h('button', { type: 'button', className: 'button button-secondary button-small', 'aria-label': t('ordering.down', { Item: label }) }, `↓ ${t('dashboard.down')}`);
    const move = (by, button) => {
      const at = order.indexOf(name);
      order.splice(at, 1);
      order.splice(at + by, 0, name);
      drawList();
      // Focus stays on the button pressed, now on the widget's new place (or its other button at an end).
      const moved = list.querySelector(`[data-widget="${name}"]`);
      const same = moved.querySelectorAll('button')[button === up ? 0 : 1];
      (same.disabled ? moved.querySelector('button:not([disabled])') : same).focus();
      announce(t('dashboard.place', { Widget: label, Position: order.indexOf(name) + 1, Total: order.length }));
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
    h('fieldset', { className: 'choice-group' }, h('legend', {}, t('dashboard.widgets_order')), list),
    h('fieldset', { className: 'choice-group' }, h('legend', {}, t('dashboard.layout')),
      h('div', { className: 'choices choices-inline' }, density('detailed', t('dashboard.detailed')), density('compact', t('dashboard.compact')))),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('common.save'))),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = order.filter((name) => /** @type {HTMLInputElement} */ (rows.get(name).node.querySelector('input')).checked);
    const kept = me.dashboard.widgets.filter((w) => !LABELS.has(w));
    const picked = /** @type {HTMLInputElement} */ (form.querySelector('input[name=density]:checked'));
    status.textContent = t('common.saving');
    try {
      const user = await updateMe({ dashboard: { widgets: [...chosen, ...kept], density: picked ? picked.value : 'detailed' } });
      Object.assign(me, user);
      await drawWidgets(user.dashboard.widgets, user.dashboard.density);
      status.textContent = t('common.saved');
      announce(t('dashboard.updated'));
    } catch (err) {
      status.textContent = t('common.not_saved', { Reason: err.message });
    }
  });
  return h('details', { className: 'customise' }, h('summary', {}, t('dashboard.choose')), form);
}
