// @ts-check
// Regrading, for content authors and admins. /regrades lists the quizzes whose key or points
// changed in the catalogue after learners were graded; /regrades/:slug previews what grading
// those attempts by the current version changes (who passes or fails now, each learner's
// counted percent before and after) and, once confirmed, regrades them.
import { ApiError, api, newIdempotencyKey } from '../api.js';
import { dataTable } from '../components/admin-parts.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { announce, h, percent } from '../dom.js';

/**
 * @typedef {{percent: number, passed: boolean}} Outcome
 * @typedef {{user: string, name?: string, before: Outcome, after: Outcome, attempts: Array<{id: string, number: number}>}} LearnerChange
 * @typedef {{quiz: string, title: string, dry_run: boolean, attempts: number, changed: number, now_pass: number, now_fail: number, learners: LearnerChange[]}} Report
 */

/** regradesPage lists the quizzes to regrade, or previews one (params.slug). */
export default async function regradesPage(/** @type {{slug?: string}} */ params) {
  if (params.slug) return previewPage(params.slug);
  /** @type {{items: Array<{quiz: string, title: string, attempts: number, learners: number}>}} */
  const stale = await api('/regrades');
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Regrade quizzes'),
    h('p', { className: 'lede' }, 'Quizzes whose key or points changed after learners were graded. Preview the effect before you regrade.'),
    stale.items.length
      ? h('ul', { className: 'card-list regrade-quizzes' }, stale.items.map((q) => h('li', {},
        h('article', { className: 'card' },
          h('h2', { className: 'card-title' }, h('a', { href: `/regrades/${encodeURIComponent(q.quiz)}` }, q.title)),
          h('p', { className: 'card-summary' }, `${count(q.attempts, 'attempt')} of ${count(q.learners, 'learner')} graded by an earlier version.`)))))
      : h('p', { className: 'hint' }, 'Every attempt is graded by the current version of its quiz.'));
  return { title: 'Regrade quizzes', node };
}

/** count says n things in words, with the right plural. */
function count(n, thing) {
  return `${new Intl.NumberFormat().format(n)} ${new Intl.PluralRules(undefined).select(n) === 'one' ? thing : `${thing}s`}`;
}

async function previewPage(slug) {
  const path = `/quizzes/${encodeURIComponent(slug)}/regrade`;
  /** @type {Report} */
  const preview = await api(path);
  const status = h('p', { className: 'form-status', role: 'status' });
  const area = h('div', { className: 'regrade-area' }, summary(preview), learnerTable(preview));
  const button = h('button', { type: 'button', className: 'button', id: 'regrade-confirm' }, 'Regrade these attempts');
  const key = newIdempotencyKey();
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Regrading…';
    try {
      /** @type {Report} */
      const done = await api(path, { method: 'POST', idempotencyKey: key });
      area.replaceChildren(summary(done), learnerTable(done));
      status.textContent = `Regraded ${count(done.attempts, 'attempt')}. Progress, certificates and platform grades follow.`;
      button.remove();
    } catch (err) {
      button.disabled = false;
      status.textContent = err instanceof ApiError && err.status === 409
        ? 'Someone regraded this quiz meanwhile; reload to see what is left.'
        : `Not regraded: ${err instanceof Error ? err.message : err}`;
    }
    announce(status.textContent);
  });
  const node = h('div', { className: 'page' },
    breadcrumbs([['Regrade quizzes', '/regrades'], [preview.title, path]]),
    h('h1', {}, `Regrade: ${preview.title}`),
    h('p', {}, 'Each answer is graded again by the question’s current key and points; a question that left the quiz keeps its earlier result. Nothing changes until you confirm.'),
    area,
    preview.attempts ? h('p', {}, button) : null,
    status);
  return { title: `Regrade: ${preview.title}`, node };
}

/** summary says in one paragraph what the regrade changes. */
function summary(/** @type {Report} */ r) {
  if (!r.attempts) return h('p', { className: 'hint regrade-summary' }, 'Every attempt at this quiz is graded by its current version.');
  const verb = r.dry_run ? 'would' : 'did';
  return h('p', { className: 'regrade-summary' },
    `${count(r.attempts, 'attempt')}, ${new Intl.NumberFormat().format(r.changed)} scoring differently. `,
    h('strong', {}, `${count(r.now_pass, 'learner')} ${verb} pass now, ${count(r.now_fail, 'learner')} ${verb} fail.`));
}

/** outcome says a counted result in words. */
function outcome(/** @type {Outcome} */ o) {
  return `${percent(o.percent)}, ${o.passed ? 'passed' : 'not passed'}`;
}

function learnerTable(/** @type {Report} */ r) {
  if (!r.learners.length) return h('div');
  const rows = r.learners.map((l, i) => {
    const change = l.before.passed === l.after.passed ? (l.before.percent === l.after.percent ? 'No change' : 'Score only')
      : l.after.passed ? 'Passes now' : 'Fails now';
    return h('tr', { 'data-change': change },
      h('td', {}, l.name || `Learner ${i + 1}`),
      h('td', {}, outcome(l.before)),
      h('td', {}, outcome(l.after)),
      h('td', {}, change));
  });
  return dataTable('Each learner’s counted result', ['Learner', 'Before', 'After', 'Change'], rows, 'regrade-table');
}
