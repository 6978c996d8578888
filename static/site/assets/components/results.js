// The results of a submitted attempt: whether it passed and, as the quiz's review settings
// allow, the score, then each question with the learner's own answer and, where allowed,
// whether it was right, the right answer item by item and the explanations. For judgement
// questions, how clinical and technical learners answered.
import { h, percent, rendered } from '../dom.js';
import { perspectives } from './perspectives.js';
import { reflectionReview } from './reflection-review.js';
import { contentLang, currentLanguage, formatDate, formatNumber, t } from '../i18n.js';

const PARTS = ['correctness', 'right_answer', 'explanations', 'score'];

/** results draws the results of attempt (which carries its questions and result); m is its module. */
export async function results(attempt, m) {
  const r = attempt.result;
  const byId = new Map(r.questions.map((q) => [q.id, q]));
  const items = await Promise.all(attempt.questions.map((q, i) => questionResult(attempt, q, byId.get(q.id), i + 1)));
  const passMark = r.pass_percent ?? (m && m.quiz.pass_percent);
  const scored = typeof r.percent === 'number';
  return h('div', { className: 'results' },
    h('h1', {}, t('results.heading'), ' ', h('span', { lang: m ? contentLang(m.quiz) : null }, m ? m.quiz.title : t('attempt.quiz'))),
    h('section', { className: `score ${r.passed ? 'score-pass' : 'score-fail'}`, 'aria-label': t('quiz.col_score') },
      h('p', { className: 'score-verdict' }, r.marking === 'awaiting_marking' ? t('results.awaiting_marking') : r.passed ? t('quiz.passed') : t('results.not_passed_yet')),
      scored ? h('p', { className: 'score-figure' }, percent(r.percent)) : null,
      h('p', { className: 'score-detail' }, scored ? t('results.points_of', { Count: trim(r.score), Max: trim(r.max_score) })
        : r.marking === 'awaiting_marking' ? t('results.awaiting_marking_detail') : t('results.score_hidden'),
        passMark !== undefined ? ` · ${t('quiz.pass_mark', { Percent: percent(passMark) })}` : '')),
    reviewNotes(r.review),
    h('ol', { className: 'result-list' }, items),
    h('p', { className: 'result-actions' },
      m ? h('a', { className: 'button', href: `/modules/${encodeURIComponent(m.slug)}` }, t('results.back')) : null,
      m ? h('a', { className: 'button button-quiet', href: `/quizzes/${encodeURIComponent(m.quiz.slug)}` }, t('results.overview')) : null));
}

/** reviewNotes says which parts of the review are still hidden, and when each will show. */
function reviewNotes(review) {
  if (!review) return null;
  const byWhen = new Map();
  for (const key of PARTS) {
    const part = review[key];
    if (!part || part.shown) continue;
    const when = part.when === 'after_date' ? t('quiz.when_from', { Date: dateOf(review.date) }) : part.when === 'never' ? null : t(`results.when_${part.when}`);
    const list = byWhen.get(when) || [];
    list.push(t(`results.part_${key}`));
    byWhen.set(when, list);
  }
  if (!byWhen.size) return null;
  const lines = [...byWhen].map(([when, labels]) => {
    const what = new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(labels);
    return when ? t('results.shows_when', { What: what, When: when }) : t('results.never_shows', { What: what });
  });
  return h('div', { className: 'notice review-notes' }, lines.map((l) => h('p', {}, l)));
}

function dateOf(date) {
  return Number.isNaN(new Date(date).getTime()) ? date : formatDate(date);
}

function trim(n) {
  return formatNumber(n, { maximumFractionDigits: 2 });
}

async function questionResult(attempt, q, r, n) {
  const judgement = q.type === 'judgement';
  let verdict = null;
  if (r && typeof r.correct === 'boolean') {
    if (judgement) verdict = ['neutral', t('results.no_right_answer')];
    else if (r.correct) verdict = ['good', t('results.correct')];
    else if (r.points > 0) verdict = ['partial', t('results.partly')];
    else verdict = ['bad', t('results.not_correct')];
  } else if (r && !r.answered) {
    verdict = ['bad', t('results.not_answered')];
  }
  if (r && r.marking && r.marking.status !== 'marked') verdict = ['neutral', t('results.awaiting_marking')];
  let chart = null;
  if (judgement && r && r.perspectives) {
    chart = await perspectives(q, attempt.id).catch((err) => h('p', { className: 'hint' }, t('results.no_perspectives', { Reason: err.message })));
  }
  const points = r && typeof r.points === 'number'
    ? t('results.points_of', { Count: trim(r.points), Max: trim(r.max_points) })
    : r ? t('question.points', { Count: r.max_points }) : null;
  return h('li', { className: 'result-item', 'data-question': q.id },
    h('div', { className: 'result-head' },
      h('p', { className: 'question-number' }, t('attempt.question', { Number: n })),
      verdict ? h('p', { className: `verdict verdict-${verdict[0]}` }, verdict[1]) : null,
      points ? h('p', { className: 'result-points' }, points) : null),
    rendered('div', 'prompt', q.prompt_html),
    r ? answerReview(q, r) : null,
    r && r.feedback_html ? rendered('div', 'feedback-html', r.feedback_html) : null,
    chart);
}

/** answerReview shows the learner's answer and, where the review allows, the right one. */
function answerReview(q, r) {
  const text = (list, id) => (list || []).find((c) => c.id === id)?.text ?? '';
  const given = r.answer || {};
  const key = r.right_answer;
  switch (q.type) {
    case 'judgement': {
      const chosen = (given.choice_ids || [])[0];
      return chosen ? h('p', { className: 'your-choice' }, t('results.you_chose'), ' ', h('strong', {}, text(q.options, chosen))) : null;
    }
    case 'single_choice':
    case 'multiple_choice':
    case 'true_false':
      // The explanations mark each chosen and right option where they show.
      if (r.feedback_html) return null;
      return pairRows([
        [t('question.your_answer'), (given.choice_ids || []).map((id) => text(q.options, id))],
        key ? [t('results.right_answer'), (key.choice_ids || []).map((id) => text(q.options, id))] : null]);
    case 'numeric':
      return pairRows([
        [t('question.your_answer'), typeof given.value === 'number' ? [formatNumber(given.value, { maximumFractionDigits: 10 })] : []],
        key ? [t('results.right_answer'), [numericKey(key)]] : null]);
    case 'short_text':
      return pairRows([
        [t('question.your_answer'), given.text ? [given.text] : []],
        key ? [t('results.accepted'), key.accepted || []] : null]);
    case 'ordering':
      return orderingReview(q, given, key, text);
    case 'matching':
      return matchingReview(q, given, key, text);
    case 'reflection':
      return reflectionReview(r.marking);
    default:
      return null;
  }
}

function numericKey(key) {
  const parts = [];
  const num = (n) => formatNumber(n, { maximumFractionDigits: 10 });
  if (typeof key.value === 'number') parts.push(key.tolerance ? `${num(key.value)} (± ${num(key.tolerance)})` : num(key.value));
  for (const range of key.ranges || []) {
    const span = t('results.range', { Min: num(range.min), Max: num(range.max) });
    parts.push(range.percent ? `${span} ${t('results.credit', { Percent: percent(range.percent) })}` : span);
  }
  return parts.join('; ');
}

function pairRows(rows) {
  return h('dl', { className: 'answer-review' }, rows.filter(Boolean).map(([label, values]) => [
    h('dt', {}, label),
    h('dd', {}, values.length ? values.join('; ') : h('em', {}, t('results.no_answer')))]));
}

function orderingReview(q, given, key, text) {
  const order = given.order || [];
  const right = key ? key.order || [] : null;
  if (!order.length && !right) return pairRows([[t('results.your_order'), []]]);
  return h('div', { className: 'answer-review' },
    h('table', { className: 'review-table' },
      h('caption', {}, right ? t('results.order_beside') : t('results.your_order')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('results.place')), h('th', { scope: 'col' }, t('results.your_order')),
        right ? h('th', { scope: 'col' }, t('results.right_order')) : null)),
      h('tbody', {}, (right || order).map((_, i) => h('tr', { className: right && order[i] === right[i] ? 'row-right' : null },
        h('th', { scope: 'row' }, formatNumber(i + 1)),
        h('td', {}, order[i] ? text(q.items, order[i]) : h('em', {}, t('results.none'))),
        right ? h('td', {}, text(q.items, right[i])) : null)))));
}

function matchingReview(q, given, key, text) {
  const pairs = given.pairs || {};
  const right = key ? key.pairs || {} : null;
  return h('div', { className: 'answer-review' },
    h('table', { className: 'review-table' },
      h('caption', {}, right ? t('results.matches_beside') : t('results.your_matches')),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('results.item')), h('th', { scope: 'col' }, t('results.your_match')),
        right ? h('th', { scope: 'col' }, t('results.right_match')) : null)),
      h('tbody', {}, q.items.map((item) => h('tr', { className: right && pairs[item.id] === right[item.id] ? 'row-right' : null },
        h('th', { scope: 'row' }, item.text),
        h('td', {}, pairs[item.id] ? text(q.targets, pairs[item.id]) : h('em', {}, t('results.none'))),
        right ? h('td', {}, text(q.targets, right[item.id])) : null)))));
}
