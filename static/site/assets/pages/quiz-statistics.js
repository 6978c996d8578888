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
import { h, uid } from '../dom.js';
import { navigate } from '../router.js';

const SCOPES = [
  ['counted', 'Counted (best or last)'],
  ['first', 'First attempts'],
  ['all', 'All attempts'],
];

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
    breadcrumbs([['Courses', '/'], [m.title, `/modules/${encodeURIComponent(m.slug)}`], [m.quiz.title, `/quizzes/${encodeURIComponent(slug)}`]]),
    h('h1', {}, `Item analysis: ${m.quiz.title}`),
    h('p', { className: 'hint' }, 'Every learner on the platform who took this quiz.'),
    scopeForm(which, null),
    analysis(st, m.quiz.title));
  return { title: `Item analysis: ${m.quiz.title}`, node };
}

async function cohortPage(id, wanted, which) {
  const [cohort, all] = await Promise.all([api(`/cohorts/${encodeURIComponent(id)}`), tracks()]);
  const slugs = all.filter((t) => cohort.tracks.includes(t.slug)).flatMap((t) => t.modules.map((m) => m.slug));
  const modules = await Promise.all(slugs.map((s) => catalogue(`/modules/${encodeURIComponent(s)}`)));
  const quizzes = modules.filter((m) => m.quiz).map((m) => ({ slug: m.quiz.slug, title: m.quiz.title }));
  const quiz = quizzes.find((q) => q.slug === wanted) || quizzes[0];
  const parts = [cohortHead(cohort, 'Item analysis', all), cohortNav(cohort, 'statistics')];
  if (!quiz) {
    parts.push(h('p', {}, 'The cohort’s tracks have no quizzes.'));
  } else {
    const st = await api(`/quizzes/${encodeURIComponent(quiz.slug)}/statistics?attempts=${which}&cohort=${encodeURIComponent(id)}`);
    parts.push(h('p', { className: 'hint' }, 'The cohort’s members, each from the day they joined.'),
      scopeForm(which, { quizzes, current: quiz.slug }),
      analysis(st, quiz.title, id));
  }
  return { title: quiz ? `Item analysis: ${quiz.title}` : 'Item analysis', node: h('div', { className: 'page' }, ...parts) };
}

/** scopeForm chooses the attempts counted and, on a cohort's page, the quiz; it reloads the page with them. */
function scopeForm(which, choice) {
  const scopeId = uid('scope');
  const quizId = uid('quiz');
  const form = h('form', { className: 'scope-form', method: 'get' },
    choice ? h('div', { className: 'field' },
      h('label', { for: quizId }, 'Quiz'),
      h('select', { id: quizId, name: 'quiz' }, choice.quizzes.map((q) => h('option', { value: q.slug, selected: q.slug === choice.current }, q.title)))) : null,
    h('div', { className: 'field' },
      h('label', { for: scopeId }, 'Attempts'),
      h('select', { id: scopeId, name: 'attempts' }, SCOPES.map(([value, label]) => h('option', { value, selected: value === which }, label)))),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, 'Show')));
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

/** fixed writes a share or a correlation with two decimals, or a dash when there is none. */
function fixed(n) {
  return typeof n === 'number' ? n.toFixed(2) : '–';
}

/** analysis is the summary, the table per question, the options chosen and how to read them. */
function analysis(st, title, cohort) {
  const summary = h('dl', { className: 'facts' },
    h('div', {}, h('dt', {}, 'Attempts counted'), h('dd', { 'data-attempts': String(st.attempt_count) }, String(st.attempt_count))),
    h('div', {}, h('dt', {}, 'Cronbach’s alpha'), h('dd', { 'data-alpha': '' }, fixed(st.alpha))));
  if (st.suppressed) {
    return h('section', { 'aria-label': 'Item analysis', 'data-scope': st.attempts }, summary,
      h('p', { className: 'notice suppressed' }, 'Fewer than five attempts so far: figures appear from five on, so that none is one learner’s answer.'));
  }
  const captionId = uid('items');
  const table = h('div', { className: 'table-wrap', role: 'region', 'aria-labelledby': captionId, tabindex: '0' },
    h('table', { className: 'review-table item-table' },
      h('caption', { id: captionId }, `How each question of ${title} worked`),
      h('thead', {}, h('tr', {}, ['Question', 'Responses', 'Facility', 'Discrimination', 'Clinical facility', 'Technical facility', 'Discipline screen']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, st.questions.map((q) => questionRow(q)))));
  return h('section', { 'aria-label': 'Item analysis', 'data-scope': st.attempts }, summary, csvButton(st, cohort), table,
    h('h2', {}, 'Options chosen'),
    st.questions.filter((q) => q.options && q.options.length).map((q) => optionBars(q)),
    method());
}

function questionRow(q) {
  const group = (name) => fixed((q.groups.find((g) => g.group === name) || {}).facility);
  const dif = q.dif
    ? h('span', { className: `dif dif-${q.dif.class}` }, `${q.dif.class}${q.dif.favours ? `, favours ${q.dif.favours}` : ''}`, h('span', { className: 'cell-sub' }, ` Δ ${q.dif.delta_mh.toFixed(2)}, p ${q.dif.p.toFixed(3)}`))
    : h('span', { className: 'cell-sub' }, 'too few in a group');
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
        h('span', { className: 'option-text' }, o.text, o.correct ? h('strong', {}, ' (key)') : null),
        svg,
        h('span', { className: 'option-figure' }, `${o.chosen} of ${q.responses} (${share}%)`));
    })));
}

function csvButton(st, cohort) {
  const status = h('p', { className: 'form-status', role: 'status' });
  const button = h('button', { type: 'button', className: 'button button-secondary csv-download' }, 'Download as CSV');
  button.addEventListener('click', async () => {
    button.disabled = true;
    status.textContent = 'Preparing the file…';
    const path = `/quizzes/${encodeURIComponent(st.quiz)}/statistics?format=csv&attempts=${st.attempts}${cohort ? `&cohort=${encodeURIComponent(cohort)}` : ''}`;
    try {
      status.textContent = `Downloaded ${await download(path, `${st.quiz}-statistics.csv`)}.`;
    } catch (err) {
      status.textContent = `Not downloaded: ${err.message}`;
    } finally {
      button.disabled = false;
    }
  });
  return h('div', { className: 'section-actions' }, button, status);
}

/** method says how each figure is computed, the screen included, so a panel can check it. */
function method() {
  return h('details', { className: 'method' },
    h('summary', {}, 'How these figures are computed'),
    h('dl', {},
      h('dt', {}, 'Facility'), h('dd', {}, 'The mean score on the question as a share of its points: 1 means everyone got it fully right.'),
      h('dt', {}, 'Discrimination'), h('dd', {}, 'The corrected item-total correlation: the Pearson correlation between the question’s score and the rest of the attempt’s score (the total without this question). Low or negative values mark a question that those who do well elsewhere do not do well on.'),
      h('dt', {}, 'Cronbach’s alpha'), h('dd', {}, 'The internal consistency of the quiz: k/(k−1) × (1 − sum of question variances / variance of totals). Where pools give attempts different questions, k is the mean number of questions per attempt.'),
      h('dt', {}, 'Discipline screen'), h('dd', {}, 'A Mantel–Haenszel screen for differential item functioning (Holland and Thayer, 1988): clinical learners (the reference group) against technical learners (the focal group) of the same rest score, as a common odds ratio put on the ETS delta scale (Δ = −2.35 ln α). A: negligible (|Δ| below 1, or p of 0.05 or more); B: moderate; C: large (|Δ| of 1.5 or more). It needs ten learners in each group. A flag asks for a look at the question’s wording, not a verdict.'),
      h('dt', {}, 'Small numbers'), h('dd', {}, 'Below five attempts nothing but their number is shown, and a group’s figures need five of its responses.')));
}
