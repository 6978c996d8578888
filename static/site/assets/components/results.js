// The results of a submitted attempt: whether it passed and, as the quiz's review settings
// allow, the score, then each question with the learner's own answer and, where allowed,
// whether it was right, the right answer item by item and the explanations. For judgement
// questions, how clinical and technical learners answered.
import { h, percent, rendered } from '../dom.js';
import { perspectives } from './perspectives.js';
import { reflectionReview } from './reflection-review.js';

const WHEN = {
  after_time_limit: 'once the attempt’s time limit has passed',
  after_last_attempt: 'after your last attempt',
  never: null,
};

const PARTS = [['correctness', 'whether each answer was right'], ['right_answer', 'the right answers'],
  ['explanations', 'the explanations'], ['score', 'your score']];

/** results draws the results of attempt (which carries its questions and result); m is its module. */
export async function results(attempt, m) {
  const r = attempt.result;
  const byId = new Map(r.questions.map((q) => [q.id, q]));
  const items = await Promise.all(attempt.questions.map((q, i) => questionResult(attempt, q, byId.get(q.id), i + 1)));
  const passMark = r.pass_percent ?? (m && m.quiz.pass_percent);
  const scored = typeof r.percent === 'number';
  return h('div', { className: 'results' },
    h('h1', {}, 'Results: ', m ? m.quiz.title : 'quiz'),
    h('section', { className: `score ${r.passed ? 'score-pass' : 'score-fail'}`, 'aria-label': 'Score' },
      h('p', { className: 'score-verdict' }, r.marking === 'awaiting_marking' ? 'Awaiting marking' : r.passed ? 'Passed' : 'Not passed yet'),
      scored ? h('p', { className: 'score-figure' }, percent(r.percent)) : null,
      h('p', { className: 'score-detail' }, scored ? `${trim(r.score)} of ${trim(r.max_score)} points`
        : r.marking === 'awaiting_marking' ? 'Your score and whether you passed are decided once your reflection is marked' : 'Score not shown yet',
        passMark !== undefined ? ` · pass mark ${passMark}%` : '')),
    reviewNotes(r.review),
    h('ol', { className: 'result-list' }, items),
    h('p', { className: 'result-actions' },
      m ? h('a', { className: 'button', href: `/modules/${encodeURIComponent(m.slug)}` }, 'Back to the module') : null,
      m ? h('a', { className: 'button button-quiet', href: `/quizzes/${encodeURIComponent(m.quiz.slug)}` }, 'Quiz overview') : null));
}

/** reviewNotes says which parts of the review are still hidden, and when each will show. */
function reviewNotes(review) {
  if (!review) return null;
  const byWhen = new Map();
  for (const [key, label] of PARTS) {
    const part = review[key];
    if (!part || part.shown) continue;
    const when = part.when === 'after_date' ? `from ${formatDate(review.date)}` : WHEN[part.when];
    const list = byWhen.get(when) || [];
    list.push(label);
    byWhen.set(when, list);
  }
  if (!byWhen.size) return null;
  const lines = [...byWhen].map(([when, labels]) => {
    const what = sentence(labels);
    return when ? `This quiz shows ${what} ${when}.` : `This quiz does not show ${what}.`;
  });
  return h('div', { className: 'notice review-notes' }, lines.map((l) => h('p', {}, l)));
}

function sentence(labels) {
  if (labels.length === 1) return labels[0];
  return `${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}

function formatDate(date) {
  const d = new Date(date);
  return Number.isNaN(d.getTime()) ? date : new Intl.DateTimeFormat(undefined, { dateStyle: 'long' }).format(d);
}

function trim(n) {
  return String(Math.round(n * 100) / 100);
}

async function questionResult(attempt, q, r, n) {
  const judgement = q.type === 'judgement';
  let verdict = null;
  if (r && typeof r.correct === 'boolean') {
    if (judgement) verdict = ['neutral', 'Answered: no right answer'];
    else if (r.correct) verdict = ['good', 'Correct'];
    else if (r.points > 0) verdict = ['partial', 'Partly correct'];
    else verdict = ['bad', 'Not correct'];
  } else if (r && !r.answered) {
    verdict = ['bad', 'Not answered'];
  }
  if (r && r.marking && r.marking.status !== 'marked') verdict = ['neutral', 'Awaiting marking'];
  let chart = null;
  if (judgement && r && r.perspectives) {
    chart = await perspectives(q, attempt.id).catch((err) => h('p', { className: 'hint' }, `How others answered cannot be shown: ${err.message}`));
  }
  const points = r && typeof r.points === 'number'
    ? `${trim(r.points)} of ${trim(r.max_points)} ${r.max_points === 1 ? 'point' : 'points'}`
    : r ? `${trim(r.max_points)} ${r.max_points === 1 ? 'point' : 'points'}` : null;
  return h('li', { className: 'result-item', 'data-question': q.id },
    h('div', { className: 'result-head' },
      h('p', { className: 'question-number' }, `Question ${n}`),
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
      return chosen ? h('p', { className: 'your-choice' }, 'You chose: ', h('strong', {}, text(q.options, chosen))) : null;
    }
    case 'single_choice':
    case 'multiple_choice':
    case 'true_false':
      // The explanations mark each chosen and right option where they show.
      if (r.feedback_html) return null;
      return pairRows([
        ['Your answer', (given.choice_ids || []).map((id) => text(q.options, id))],
        key ? ['Right answer', (key.choice_ids || []).map((id) => text(q.options, id))] : null]);
    case 'numeric':
      return pairRows([
        ['Your answer', typeof given.value === 'number' ? [String(given.value)] : []],
        key ? ['Right answer', [numericKey(key)]] : null]);
    case 'short_text':
      return pairRows([
        ['Your answer', given.text ? [given.text] : []],
        key ? ['Accepted answers', key.accepted || []] : null]);
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
  if (typeof key.value === 'number') parts.push(key.tolerance ? `${key.value} (± ${key.tolerance})` : String(key.value));
  for (const range of key.ranges || []) parts.push(`${range.min} to ${range.max}${range.percent ? ` (${range.percent}% credit)` : ''}`);
  return parts.join('; ');
}

function pairRows(rows) {
  return h('dl', { className: 'answer-review' }, rows.filter(Boolean).map(([label, values]) => [
    h('dt', {}, label),
    h('dd', {}, values.length ? values.join('; ') : h('em', {}, 'no answer'))]));
}

function orderingReview(q, given, key, text) {
  const order = given.order || [];
  const right = key ? key.order || [] : null;
  if (!order.length && !right) return pairRows([['Your order', []]]);
  return h('div', { className: 'answer-review' },
    h('table', { className: 'review-table' },
      h('caption', {}, right ? 'Your order beside the right one' : 'Your order'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Place'), h('th', { scope: 'col' }, 'Your order'),
        right ? h('th', { scope: 'col' }, 'Right order') : null)),
      h('tbody', {}, (right || order).map((_, i) => h('tr', { className: right && order[i] === right[i] ? 'row-right' : null },
        h('th', { scope: 'row' }, String(i + 1)),
        h('td', {}, order[i] ? text(q.items, order[i]) : h('em', {}, 'none')),
        right ? h('td', {}, text(q.items, right[i])) : null)))));
}

function matchingReview(q, given, key, text) {
  const pairs = given.pairs || {};
  const right = key ? key.pairs || {} : null;
  return h('div', { className: 'answer-review' },
    h('table', { className: 'review-table' },
      h('caption', {}, right ? 'Your matches beside the right ones' : 'Your matches'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Item'), h('th', { scope: 'col' }, 'Your match'),
        right ? h('th', { scope: 'col' }, 'Right match') : null)),
      h('tbody', {}, q.items.map((item) => h('tr', { className: right && pairs[item.id] === right[item.id] ? 'row-right' : null },
        h('th', { scope: 'row' }, item.text),
        h('td', {}, pairs[item.id] ? text(q.targets, pairs[item.id]) : h('em', {}, 'none')),
        right ? h('td', {}, text(q.targets, right[item.id])) : null)))));
}
