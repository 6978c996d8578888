// @ts-check
// Item analysis of a quiz: how each question worked. Two addresses draw it:
// /teach/cohorts/:id/statistics for a cohort's instructors (any quiz of the cohort's tracks,
// over its members' attempts), and /quizzes/:slug/statistics for content authors and admins
// (over the whole platform). A row per question gives facility, discrimination, each discipline
// group's facility and the differential-functioning screen; under the table, each question's
// options with how often they were chosen, as bars with their figures written out.
import { ApiError, api, catalogue, download } from '../api.js';
import { quizModule, tracks } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { cohortHead, cohortNav } from '../components/cohort-nav.js';
import { h, percent, uid } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { navigate } from '../router.js';

const SCOPES = [
  ['counted', 'staff2.stats.scope_counted'],
  ['first', 'staff2.stats.scope_first'],
  ['all', 'staff2.stats.scope_all'],
];

// COLUMNS name the columns of the table per question, each the end of its message's key.
const COLUMNS = ['question', 'responses', 'facility', 'discrimination', 'clinical', 'technical', 'dif'];

// METHOD are the figures the method explains, each the end of its messages' keys.
const METHOD = ['facility', 'discrimination', 'alpha', 'dif', 'small'];

/** quizStatisticsPage draws a quiz's item analysis, for a cohort (params.id) or the platform (params.slug). */
export default async function quizStatisticsPage(/** @type {{id?: string, slug?: string}} */ params, /** @type {URLSearchParams} */ query) {
  const which = SCOPES.some(([s]) => s === query.get('attempts')) ? String(query.get('attempts')) : 'counted';
  if (params.slug) return platformPage(params.slug, which);
  return cohortPage(String(params.id), query.get('quiz') || '', which);
}

async function platformPage(slug, which) {
  const m = await quizModule(slug);
  if (!m) throw new ApiError(404, null);
  const st = await api(`/quizzes/${encodeURIComponent(slug)}/statistics?attempts=${which}`);
  const node = h('div', { className: 'page' },
    breadcrumbs([[t('header.courses'), '/'], [m.title, `/modules/${encodeURIComponent(m.slug)}`], [m.quiz.title, `/quizzes/${encodeURIComponent(slug)}`]]),
    h('h1', {}, t('staff2.stats.title', { Quiz: m.quiz.title })),
    h('p', { className: 'hint' }, t('staff2.stats.platform_hint')),
    scopeForm(which, null),
    analysis(st, m.quiz.title));
  return { title: t('staff2.stats.title', { Quiz: m.quiz.title }), node };
}

async function cohortPage(id, wanted, which) {
  const [cohort, all] = await Promise.all([api(`/cohorts/${encodeURIComponent(id)}`), tracks()]);
  const slugs = all.filter((tr) => cohort.tracks.includes(tr.slug)).flatMap((tr) => tr.modules.map((m) => m.slug));
  const modules = await Promise.all(slugs.map((s) => catalogue(`/modules/${encodeURIComponent(s)}`)));
  const quizzes = modules.filter((m) => m.quiz).map((m) => ({ slug: m.quiz.slug, title: m.quiz.title }));
  const quiz = quizzes.find((q) => q.slug === wanted) || quizzes[0];
  const parts = [cohortHead(cohort, t('cohort.tab.statistics'), all), cohortNav(cohort, 'statistics')];
  if (!quiz) {
    parts.push(h('p', {}, t('staff2.stats.no_quizzes')));
  } else {
    const st = await api(`/quizzes/${encodeURIComponent(quiz.slug)}/statistics?attempts=${which}&cohort=${encodeURIComponent(id)}`);
    parts.push(h('p', { className: 'hint' }, t('staff2.stats.cohort_hint')),
      scopeForm(which, { quizzes, current: quiz.slug }),
      analysis(st, quiz.title, id));
  }
  return { title: quiz ? t('staff2.stats.title', { Quiz: quiz.title }) : t('cohort.tab.statistics'), node: h('div', { className: 'page' }, ...parts) };
}

/** scopeForm chooses the attempts counted and, on a cohort's page, the quiz; it reloads the page with them. */
function scopeForm(which, choice) {
  const scopeId = uid('scope');
  const quizId = uid('quiz');
  const form = h('form', { className: 'scope-form', method: 'get' },
    choice ? h('div', { className: 'field' },
      h('label', { for: quizId }, t('attempt.quiz')),
      h('select', { id: quizId, name: 'quiz' }, choice.quizzes.map((q) => h('option', { value: q.slug, selected: q.slug === choice.current }, q.title)))) : null,
    h('div', { className: 'field' },
      h('label', { for: scopeId }, t('quiz.fact_attempts')),
      h('select', { id: scopeId, name: 'attempts' }, SCOPES.map(([value, label]) => h('option', { value, selected: value === which }, t(label))))),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('staff2.stats.show'))));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams(/** @type {any} */ (new FormData(form)));
    navigate(`${location.pathname}?${params}`);
  });
  return form;
}

/** plain is a question's prompt without the Markdown marks of emphasis and code. */
function plain(prompt) {
  return prompt.replace(/\*\*|__|`/g, '');
}

/** fixed writes a share or a correlation with two decimals (digits the reader's way), or a dash when there is none. */
function fixed(n, digits = 2) {
  return typeof n === 'number' ? formatNumber(n, { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–';
}

/** analysis is the summary, the table per question, the options chosen and how to read them. */
function analysis(st, title, cohort) {
  const summary = h('dl', { className: 'facts' },
    h('div', {}, h('dt', {}, t('staff2.stats.attempts_counted')), h('dd', { 'data-attempts': String(st.attempt_count) }, String(st.attempt_count))),
    h('div', {}, h('dt', {}, t('staff2.stats.alpha')), h('dd', { 'data-alpha': '' }, fixed(st.alpha))));
  if (st.suppressed) {
    return h('section', { 'aria-label': t('cohort.tab.statistics'), 'data-scope': st.attempts }, summary,
      h('p', { className: 'notice suppressed' }, t('staff2.stats.suppressed')));
  }
  const captionId = uid('items');
  const table = h('div', { className: 'table-wrap', role: 'region', 'aria-labelledby': captionId, tabindex: '0' },
    h('table', { className: 'review-table item-table' },
      h('caption', { id: captionId }, t('staff2.stats.caption', { Quiz: title })),
      h('thead', {}, h('tr', {}, COLUMNS
        .map((c) => h('th', { scope: 'col' }, t(`staff2.stats.col_${c}`))))),
      h('tbody', {}, st.questions.map((q) => questionRow(q)))));
  return h('section', { 'aria-label': t('cohort.tab.statistics'), 'data-scope': st.attempts }, summary, csvButton(st, cohort), table,
    h('h2', {}, t('staff2.stats.options_chosen')),
    st.questions.filter((q) => q.options && q.options.length).map((q) => optionBars(q)),
    method());
}

function questionRow(q) {
  const group = (name) => fixed((q.groups.find((g) => g.group === name) || {}).facility);
  const dif = q.dif
    ? h('span', { className: `dif dif-${q.dif.class}` },
      q.dif.favours ? t(`staff2.stats.dif_favours_${q.dif.favours}`, { Class: q.dif.class }) : q.dif.class,
      h('span', { className: 'cell-sub' }, ` ${t('staff2.stats.dif_figures', { Delta: fixed(q.dif.delta_mh), P: fixed(q.dif.p, 3) })}`))
    : h('span', { className: 'cell-sub' }, t('staff2.stats.dif_too_few'));
  return h('tr', { 'data-question': q.id },
    h('th', { scope: 'row' }, h('span', { className: 'card-kicker' }, q.id), ' ', plain(q.prompt)),
    h('td', {}, String(q.responses)),
    h('td', { 'data-facility': '' }, fixed(q.facility)),
    h('td', { 'data-discrimination': '' }, fixed(q.discrimination)),
    h('td', {}, group('clinical')),
    h('td', {}, group('technical')),
    h('td', { 'data-dif': q.dif ? q.dif.class : '' }, dif));
}

/** optionBars lists a question's options, each with a bar as long as its share and the figures written beside it. */
function optionBars(q) {
  const headingId = uid('options');
  return h('section', { className: 'option-bars', 'aria-labelledby': headingId, 'data-question': q.id },
    h('h3', { id: headingId }, `${q.id}: ${plain(q.prompt)}`),
    h('ul', {}, q.options.map((o) => {
      const share = Math.round(o.share * 1000) / 10;
      const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
      svg.setAttribute('viewBox', '0 0 100 6');
      svg.setAttribute('preserveAspectRatio', 'none');
      svg.setAttribute('aria-hidden', 'true');
      svg.setAttribute('class', 'bar');
      const back = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      back.setAttribute('width', '100');
      back.setAttribute('height', '6');
      back.setAttribute('class', 'bar-track');
      const bar = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      bar.setAttribute('width', String(Math.min(100, share)));
      bar.setAttribute('height', '6');
      bar.setAttribute('class', o.correct ? 'bar-key' : 'bar-distractor');
      svg.append(back, bar);
      return h('li', { 'data-option': o.id },
        h('span', { className: 'option-text' }, o.text, o.correct ? h('strong', {}, ` ${t('staff2.stats.key')}`) : null),
        svg,
        h('span', { className: 'option-figure' }, t('staff2.stats.chosen', { Chosen: o.chosen, Responses: q.responses, Share: percent(share) })));
    })));
}

function csvButton(st, cohort) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary csv-download' }, t('grid.csv'));
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = t('grid.csv_preparing');
    const path = `/quizzes/${encodeURIComponent(st.quiz)}/statistics?format=csv&attempts=${st.attempts}${cohort ? `&cohort=${encodeURIComponent(cohort)}` : ''}`;
    try {
      status.textContent = t('cohort.feedback.downloaded', { File: await download(path, `${st.quiz}-statistics.csv`) });
    } catch (err) {
      status.textContent = t('cohort.feedback.not_downloaded', { Reason: err.message });
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { className: 'section-actions' }, button, status);
}

/** method says how each figure is computed, the screen included, so a panel can check it. */
function method() {
  return h('details', { className: 'method' },
    h('summary', {}, t('staff2.stats.method')),
    h('dl', {}, METHOD.flatMap((term) => [
      h('dt', {}, t(`staff2.stats.method_${term}`)), h('dd', {}, t(`staff2.stats.method_${term}_text`))])));
}
