// @ts-check
// Regrading, for content authors and admins. /regrades lists the quizzes whose key or points
// changed in the catalogue after learners were graded; /regrades/:slug previews what grading
// those attempts by the current version changes (who passes or fails now, each learner's
// counted percent before and after) and, once confirmed, regrades them.
import { ApiError, api, newIdempotencyKey } from '../api.js';
import { dataTable } from '../components/admin-parts.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { announce, h, percent } from '../dom.js';
import { t } from '../i18n.js';

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
    h('h1', {}, t('admin.home.regrades_title')),
    h('p', { className: 'lede' }, t('staff2.regrade.lede')),
    stale.items.length
      ? h('ul', { className: 'card-list regrade-quizzes' }, stale.items.map((q) => h('li', {},
        h('article', { className: 'card' },
          h('h2', { className: 'card-title' }, h('a', { href: `/regrades/${encodeURIComponent(q.quiz)}` }, q.title)),
          h('p', { className: 'card-summary' }, t('staff2.regrade.stale', { Attempts: t('staff2.regrade.attempts', { Count: q.attempts }), Learners: t('staff2.regrade.learners', { Count: q.learners }) }))))))
      : h('p', { className: 'hint' }, t('staff2.regrade.none_stale')));
  return { title: t('admin.home.regrades_title'), node };
}

async function previewPage(slug) {
  const path = `/quizzes/${encodeURIComponent(slug)}/regrade`;
  /** @type {Report} */
  const preview = await api(path);
  const status = h('p', { className: 'form-status', role: 'status' });
  const area = h('div', { className: 'regrade-area' }, summary(preview), learnerTable(preview));
  const button = h('button', { type: 'button', className: 'button', id: 'regrade-confirm' }, t('staff2.regrade.confirm'));
  const key = newIdempotencyKey();
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('staff2.regrade.regrading');
    try {
      /** @type {Report} */
      const done = await api(path, { method: 'POST', idempotencyKey: key });
      area.replaceChildren(summary(done), learnerTable(done));
      status.textContent = t('staff2.regrade.done', { Count: done.attempts });
      button.remove();
    } catch (err) {
      button.disabled = false;
      status.textContent = err instanceof ApiError && err.status === 409
        ? t('staff2.regrade.conflict')
        : t('staff2.regrade.failed', { Reason: err instanceof Error ? err.message : err });
    }
    announce(status.textContent);
  });
  const node = h('div', { className: 'page' },
    breadcrumbs([[t('admin.home.regrades_title'), '/regrades'], [preview.title, path]]),
    h('h1', {}, t('staff2.regrade.title', { Quiz: preview.title })),
    h('p', {}, t('staff2.regrade.how')),
    area,
    preview.attempts ? h('p', {}, button) : null,
    status);
  return { title: t('staff2.regrade.title', { Quiz: preview.title }), node };
}

/** summary says in one paragraph what the regrade changes. */
function summary(/** @type {Report} */ r) {
  if (!r.attempts) return h('p', { className: 'hint regrade-summary' }, t('staff2.regrade.current'));
  const mood = r.dry_run ? 'would' : 'did';
  return h('p', { className: 'regrade-summary' },
    `${t('staff2.regrade.changed', { Attempts: t('staff2.regrade.attempts', { Count: r.attempts }), Changed: r.changed })} `,
    h('strong', {}, t('staff2.regrade.outcomes', {
      Pass: t(`staff2.regrade.${mood}_pass`, { Count: r.now_pass }),
      Fail: t(`staff2.regrade.${mood}_fail`, { Count: r.now_fail }),
    })));
}

/** outcome says a counted result in words. */
function outcome(/** @type {Outcome} */ o) {
  return t(o.passed ? 'staff2.regrade.passed' : 'staff2.regrade.not_passed', { Percent: percent(o.percent) });
}

function learnerTable(/** @type {Report} */ r) {
  if (!r.learners.length) return h('div');
  const rows = r.learners.map((l, i) => {
    const change = l.before.passed === l.after.passed ? (l.before.percent === l.after.percent ? 'none' : 'score')
      : l.after.passed ? 'passes' : 'fails';
    return h('tr', { 'data-change': change },
      h('td', {}, l.name || t('staff2.regrade.learner_n', { N: i + 1 })),
      h('td', {}, outcome(l.before)),
      h('td', {}, outcome(l.after)),
      h('td', {}, t(`staff2.regrade.change_${change}`)));
  });
  return dataTable(t('staff2.regrade.table'), [t('grid.learner'), t('staff2.regrade.before'), t('staff2.regrade.after'), t('staff2.regrade.change')], rows, 'regrade-table');
}
