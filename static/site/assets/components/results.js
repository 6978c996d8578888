// The results of a submitted attempt: the score against the pass mark, then each question with
// its outcome and feedback as the quiz allows, and for judgement questions how clinical and
// technical learners answered.
import { h, percent, rendered } from '../dom.js';
import { perspectives } from './perspectives.js';

const FEEDBACK_NOTES = {
  after_deadline: 'Feedback on each question appears once the attempt’s time limit has passed.',
  never: 'This quiz does not show feedback on each question.',
};

/** results draws the results of attempt (which carries its questions and result); m is its module. */
export async function results(attempt, m) {
  const r = attempt.result;
  const byId = new Map(r.questions.map((q) => [q.id, q]));
  const items = await Promise.all(attempt.questions.map((q, i) => questionResult(q, byId.get(q.id), i + 1)));
  const passMark = r.pass_percent ?? (m && m.quiz.pass_percent);
  return h('div', { className: 'results' },
    h('h1', {}, 'Results: ', m ? m.quiz.title : 'quiz'),
    h('section', { className: `score ${r.passed ? 'score-pass' : 'score-fail'}`, 'aria-label': 'Score' },
      h('p', { className: 'score-verdict' }, r.passed ? 'Passed' : 'Not passed yet'),
      h('p', { className: 'score-figure' }, percent(r.percent)),
      h('p', { className: 'score-detail' }, `${trim(r.score)} of ${trim(r.max_score)} points`, passMark !== undefined ? ` · pass mark ${passMark}%` : '')),
    FEEDBACK_NOTES[r.feedback] ? h('p', { className: 'notice' }, FEEDBACK_NOTES[r.feedback]) : null,
    h('ol', { className: 'result-list' }, items),
    h('p', { className: 'result-actions' },
      m ? h('a', { className: 'button', href: `/modules/${encodeURIComponent(m.slug)}` }, 'Back to the module') : null,
      m ? h('a', { className: 'button button-quiet', href: `/quizzes/${encodeURIComponent(m.quiz.slug)}` }, 'Quiz overview') : null));
}

function trim(n) {
  return String(Math.round(n * 100) / 100);
}

async function questionResult(q, r, n) {
  const judgement = q.type === 'judgement';
  let verdict = null;
  if (r && r.correct !== undefined) {
    if (judgement) verdict = ['neutral', 'Answered: no right answer'];
    else if (r.correct) verdict = ['good', 'Correct'];
    else if (r.points > 0) verdict = ['partial', 'Partly correct'];
    else verdict = ['bad', 'Not correct'];
  }
  let chart = null;
  if (judgement && r && r.perspectives) {
    chart = await perspectives(q).catch((err) => h('p', { className: 'hint' }, `How others answered cannot be shown: ${err.message}`));
  }
  const prompt = rendered('div', 'prompt', q.prompt_html);
  const chosen = judgement && r && r.choice ? (q.options || []).find((o) => o.id === r.choice) : null;
  return h('li', { className: 'result-item', 'data-question': q.id },
    h('div', { className: 'result-head' },
      h('p', { className: 'question-number' }, `Question ${n}`),
      verdict ? h('p', { className: `verdict verdict-${verdict[0]}` }, verdict[1]) : null,
      r ? h('p', { className: 'result-points' }, `${trim(r.points)} of ${trim(r.max_points)} ${r.max_points === 1 ? 'point' : 'points'}`) : null),
    prompt,
    chosen ? h('p', { className: 'your-choice' }, 'You chose: ', h('strong', {}, chosen.text)) : null,
    r && r.feedback_html ? rendered('div', 'feedback-html', r.feedback_html) : null,
    chart);
}
