// One joint exercise in a team's workspace (/teams/:cohort/:team/:exercise): the brief, the
// roles with who in the team takes each (any member assigns them), the deliverables and
// rubric; a Markdown editor with a live preview that sends a new version; every version with
// its reviews; and the form that rates teammates.
import { api, catalogue, newIdempotencyKey } from '../api.js';
import { caseStudies, glossary } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { crossReviewSection } from '../components/cross-review.js';
import { exerciseSections } from '../components/exercise-parts.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { markdownEditor } from '../components/markdown-editor.js';
import { peerEvaluationForm } from '../components/peer-evaluation.js';
import { roleAssigner } from '../components/team-roles.js';
import { statusBadge, versionItem } from '../components/versions.js';
import { announce, h, minutes } from '../dom.js';
import { t } from '../i18n.js';
import { currentUser } from '../session.js';
import { teamHref, teamOf, versionsOf } from '../teamwork.js';

/** NEXT_STEP names, for the latest version's status, the message saying what the team may do next. */
const NEXT_STEP = {
  submitted: 'work.team.next_submitted',
  revision_requested: 'work.team.next_revision_requested',
  accepted: 'work.team.next_accepted',
};

export default async function teamExercisePage({ cohort: cohortId, team: teamId, exercise: slug }) {
  const [{ cohort, team }, x, terms, work, cases, roles, crossReview] = await Promise.all([
    teamOf(cohortId, teamId),
    catalogue(`/exercises/${encodeURIComponent(slug)}`),
    glossary(),
    api(`/teams/${encodeURIComponent(teamId)}/submissions`),
    caseStudies(),
    api(`/teams/${encodeURIComponent(teamId)}/roles?exercise=${encodeURIComponent(slug)}`),
    crossReviewSection(cohortId, slug),
  ]);
  const me = currentUser();
  const names = new Map(team.members.map((m) => [m.user_id, m.name]));
  let versions = versionsOf(work.items, x.slug);

  const standing = h('div', { className: 'standing-line', role: 'status' });
  const writeHeading = h('h2', { id: 'write-heading' });
  const versionList = h('div', { className: 'versions' });
  const editor = markdownEditor({
    key: `tandem.work.${team.id}.${x.slug}`,
    initial: versions.length ? versions[0].body_markdown || '' : '',
    label: t('work.team.text_label'),
    name: 'body_markdown',
  });
  const submit = h('button', { type: 'submit', className: 'button button-large' });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'work-form', className: 'work-form', novalidate: true }, editor.node, h('p', {}, submit), status);
  const errors = fieldErrors(form);

  function draw() {
    const latest = versions[0];
    const next = latest ? latest.version + 1 : 1;
    writeHeading.textContent = latest ? t('work.team.write_version', { Version: next }) : t('work.team.write_first');
    submit.textContent = t('work.team.send_version', { Version: next });
    standing.replaceChildren(...(latest
      ? [h('p', {}, `${t('work.team.version_status', { Version: latest.version })} `, statusBadge(latest.status)), h('p', { className: 'hint' }, NEXT_STEP[latest.status] ? t(NEXT_STEP[latest.status]) : '')]
      : [h('p', {}, t('work.team.none_sent'))]));
    versionList.replaceChildren(...(versions.length
      ? versions.map((v, i) => (i === 0
        ? versionItem(v, x.rubric, names, 'h3', versions[1])
        : h('details', { className: 'version-older' },
          h('summary', {}, t('team.version', { Version: v.version }), ' · ', statusBadge(v.status)),
          versionItem(v, x.rubric, names, 'h3', versions[i + 1]))))
      : [h('p', {}, t('work.team.no_versions'))]));
  }
  draw();

  // One key per text: sending the same text again after a dropped connection gets the version
  // the first try may have stored instead of a duplicate; a changed text is a new request.
  let key = null;
  let keyFor = null;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = editor.value();
    if (!body.trim()) {
      errors.show({ body_markdown: t('work.team.empty') });
      return;
    }
    errors.clear();
    if (keyFor !== body) {
      key = newIdempotencyKey();
      keyFor = body;
    }
    await sendForm(form, errors, async () => {
      const sub = await api(`/teams/${encodeURIComponent(team.id)}/submissions`, {
        method: 'POST', body: { exercise: x.slug, body_markdown: body }, idempotencyKey: key,
      });
      editor.clear();
      key = null;
      keyFor = null;
      versions = [{ ...sub, reviews: sub.reviews || [] }, ...versions.filter((v) => v.id !== sub.id)];
      draw();
      status.textContent = t('work.team.sent', { Version: sub.version });
      announce(t('work.team.sent_short', { Version: sub.version }));
    }, { status, busy: t('common.sending') });
  });

  const node = h('div', { className: 'page reader workspace' },
    breadcrumbs([[t('team.your_teams'), '/teams'], [team.name, teamHref(cohort.id, team.id)]]),
    h('header', { className: 'lesson-head' },
      h('p', { className: 'card-kicker' }, `${team.name} · ${cohort.name}`),
      h('h1', {}, x.title),
      x.minutes ? h('p', { className: 'card-meta' }, t('work.team.duration', { Time: minutes(x.minutes) })) : null,
      standing,
      h('nav', { className: 'on-this-page', 'aria-label': t('account.on_this_page') },
        h('ul', {},
          h('li', {}, h('a', { href: '#brief-heading' }, t('peer.exercise_brief'))),
          h('li', {}, h('a', { href: '#write-heading' }, t('work.team.nav_write'))),
          h('li', {}, h('a', { href: '#versions-heading' }, t('work.team.versions_heading'))),
          h('li', {}, h('a', { href: '#peer-heading' }, t('work.team.rate_heading')))))),
    exerciseSections(x, terms, roleAssigner(team, x.slug, roles.items), cases),
    h('section', { className: 'write', 'aria-labelledby': 'write-heading' }, writeHeading, form),
    h('section', { 'aria-labelledby': 'versions-heading' }, h('h2', { id: 'versions-heading' }, t('work.team.versions_heading')), versionList),
    crossReview,
    h('section', { 'aria-labelledby': 'peer-heading' },
      h('h2', { id: 'peer-heading' }, t('work.team.rate_heading')),
      h('p', { className: 'hint' }, t('work.team.rate_hint')),
      peerEvaluationForm(team, x.slug, me.id)));
  return { title: x.title, node };
}
