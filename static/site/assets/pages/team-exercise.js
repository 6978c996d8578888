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
import { currentUser } from '../session.js';
import { teamHref, teamOf, versionsOf } from '../teamwork.js';

const NEXT_STEP = {
  submitted: 'Your instructor has not reviewed the latest version yet. You can still send a newer one.',
  revision_requested: 'Your instructor asked for a revision: read the review below, then send a new version.',
  accepted: 'Your instructor accepted this work. Well done.',
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
    label: 'Your team’s text',
    name: 'body_markdown',
  });
  const submit = h('button', { type: 'submit', className: 'button button-large' });
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = h('form', { id: 'work-form', className: 'work-form', novalidate: true }, editor.node, h('p', {}, submit), status);
  const errors = fieldErrors(form);

  function draw() {
    const latest = versions[0];
    const next = latest ? latest.version + 1 : 1;
    writeHeading.textContent = latest ? `Write version ${next}` : 'Write your team’s first version';
    submit.textContent = `Send version ${next}`;
    standing.replaceChildren(...(latest
      ? [h('p', {}, `Version ${latest.version}: `, statusBadge(latest.status)), h('p', { className: 'hint' }, NEXT_STEP[latest.status] || '')]
      : [h('p', {}, 'Your team has not sent a version yet.')]));
    versionList.replaceChildren(...(versions.length
      ? versions.map((v, i) => (i === 0
        ? versionItem(v, x.rubric, names, 'h3', versions[1])
        : h('details', { className: 'version-older' },
          h('summary', {}, `Version ${v.version}`, ' · ', statusBadge(v.status)),
          versionItem(v, x.rubric, names, 'h3', versions[i + 1]))))
      : [h('p', {}, 'No versions yet. What you send appears here, with your instructor’s reviews.')]));
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
      errors.show({ body_markdown: 'Write something before you send it.' });
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
      status.textContent = `Version ${sub.version} was sent to your instructor.`;
      announce(`Version ${sub.version} sent.`);
    }, { status, busy: 'Sending…' });
  });

  const node = h('div', { className: 'page reader workspace' },
    breadcrumbs([['Your teams', '/teams'], [team.name, teamHref(cohort.id, team.id)]]),
    h('header', { className: 'lesson-head' },
      h('p', { className: 'card-kicker' }, `${team.name} · ${cohort.name}`),
      h('h1', {}, x.title),
      x.minutes ? h('p', { className: 'card-meta' }, `About ${minutes(x.minutes)} of team work`) : null,
      standing,
      h('nav', { className: 'on-this-page', 'aria-label': 'On this page' },
        h('ul', {},
          h('li', {}, h('a', { href: '#brief-heading' }, 'Brief')),
          h('li', {}, h('a', { href: '#write-heading' }, 'Write')),
          h('li', {}, h('a', { href: '#versions-heading' }, 'Versions and reviews')),
          h('li', {}, h('a', { href: '#peer-heading' }, 'Rate your teammates'))))),
    exerciseSections(x, terms, roleAssigner(team, x.slug, roles.items), cases),
    h('section', { className: 'write', 'aria-labelledby': 'write-heading' }, writeHeading, form),
    h('section', { 'aria-labelledby': 'versions-heading' }, h('h2', { id: 'versions-heading' }, 'Versions and reviews'), versionList),
    crossReview,
    h('section', { 'aria-labelledby': 'peer-heading' },
      h('h2', { id: 'peer-heading' }, 'Rate your teammates'),
      h('p', { className: 'hint' }, 'Rate each teammate on how they worked with you on this exercise. Your instructor sees each member’s average, never who gave which rating.'),
      peerEvaluationForm(team, x.slug, me.id)));
  return { title: x.title, node };
}
