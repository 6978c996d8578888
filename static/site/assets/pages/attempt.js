// An attempt (/attempts/:id): the questions to answer, with a countdown where there is a
// deadline; once submitted, the results.
import { api } from '../api.js';
import { fallbackNote } from '../components/fallback-note.js';
import { quizModule } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { countdown } from '../components/countdown.js';
import { questionField } from '../components/question.js';
import { results } from '../components/results.js';
import { announce, h } from '../dom.js';
import { navigate } from '../router.js';
import { contentLang, t } from '../i18n.js';

// DRAFT_DELAY is how long typing pauses before the answers so far are saved on the server.
const DRAFT_DELAY = 700;

/** @param {{id: string}} params */
export default async function attemptPage({ id }) {
  /** @type {import('../api-types.js').Attempt} */
  const attempt = await api(`/attempts/${encodeURIComponent(id)}`);
  const m = await quizModule(attempt.quiz);
  const trail = m ? breadcrumbs([[t('header.courses'), '/'], [m.title, `/modules/${encodeURIComponent(m.slug)}`]]) : null;
  if (attempt.result || attempt.submitted_at) {
    return { title: t('results.page_title', { Quiz: m ? m.quiz.title : t('attempt.quiz') }), node: h('div', { className: 'page narrow' }, trail, await results(attempt, m)) };
  }
  return answerForm(attempt, m, trail);
}

/**
 * draftSaver keeps the answers so far on the server, a moment after each change, so the
 * attempt resumes on another device. It returns save (call on every change), stop and resume
 * (around a submission: nothing is saved while it is sent), leave (sends what is pending when
 * the page goes) and the status line it writes to.
 * @param {string} id the attempt
 * @param {() => any[]} answers the answers so far
 */
function draftSaver(id, answers) {
  const status = h('p', { className: 'hint draft-status' });
  let timer = 0;
  let stopped = false;
  const flush = async () => {
    timer = 0;
    try {
      await api(`/attempts/${encodeURIComponent(id)}/draft`, { method: 'PUT', body: { answers: answers() } });
      if (!stopped) status.textContent = t('attempt.saved');
    } catch (err) {
      if (!stopped) status.textContent = t('attempt.not_saved', { Reason: err.message });
    }
  };
  return {
    status,
    save: () => {
      if (stopped) return;
      clearTimeout(timer);
      timer = setTimeout(flush, DRAFT_DELAY);
    },
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
    resume: () => { stopped = false; },
    leave: () => {
      if (timer && !stopped) {
        clearTimeout(timer);
        flush();
      }
      stopped = true;
    },
  };
}

function answerForm(attempt, m, trail) {
  /** @type {Record<string, any>} */
  const draft = {};
  for (const a of attempt.draft || []) draft[a.question_id] = a;
  const total = attempt.questions.length;
  const fields = [];
  const saver = draftSaver(attempt.id, () => fields.map((f) => f.answer()).filter(Boolean));
  if (attempt.draft && attempt.draft.length) saver.status.textContent = t('attempt.restored');
  attempt.questions.forEach((q, i) => fields.push(questionField(q, i + 1, total, draft[q.id], saver.save)));
  const problems = h('div', { className: 'submit-problems', tabindex: '-1', hidden: true });
  const submit = h('button', { type: 'submit', className: 'button button-large' }, t('attempt.submit'));
  const form = h('form', { className: 'attempt-form', novalidate: true, 'aria-labelledby': 'attempt-title', lang: contentLang(attempt) },
    h('ol', { className: 'questions' }, fields.map((f) => f.node)),
    h('div', { className: 'submit-area' }, problems, submit));
  let confirmed = false;
  let sending = false;

  async function send(final) {
    if (sending) return;
    sending = true;
    saver.stop();
    submit.disabled = true;
    const answers = fields.map((f) => f.answer()).filter(Boolean);
    try {
      await api(`/attempts/${encodeURIComponent(attempt.id)}/submit`, { method: 'POST', body: { answers } });
      announce(final ? t('attempt.time_up') : t('attempt.submitted'));
      navigate(`/attempts/${encodeURIComponent(attempt.id)}`, { replace: true });
    } catch (err) {
      if (err.code === 'already_submitted') {
        navigate(`/attempts/${encodeURIComponent(attempt.id)}`, { replace: true });
        return;
      }
      sending = false;
      saver.resume();
      submit.disabled = false;
      showProblems(h('p', {}, err.code === 'deadline_passed' ? t('attempt.deadline_passed') : err.message));
    }
  }

  function showProblems(...content) {
    problems.replaceChildren(h('h2', { className: 'error-title' }, t('attempt.before_submit')), ...content);
    problems.hidden = false;
    problems.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const invalid = fields.map((f) => f.problem()).filter(Boolean);
    if (invalid.length) {
      showProblems(h('p', {}, invalid[0].message));
      invalid[0].input.focus();
      return;
    }
    const unanswered = fields.map((f, i) => (f.answer() ? null : i + 1)).filter(Boolean);
    if (unanswered.length && !confirmed) {
      confirmed = true;
      submit.textContent = t('attempt.submit_anyway');
      showProblems(
        h('p', {}, t('attempt.unanswered', { Count: unanswered.length })),
        h('ul', {}, unanswered.map((n) => h('li', {}, h('a', { href: `#question-${n}` }, t('attempt.question', { Number: n }))))),
        h('p', {}, t('attempt.score_nothing')));
      return;
    }
    send(false);
  });

  const clock = attempt.deadline ? countdown(attempt.deadline, () => send(true)) : null;
  const title = m ? m.quiz.title : t('attempt.quiz');
  const node = h('div', { className: 'page narrow' },
    trail,
    h('h1', { id: 'attempt-title' }, h('span', { lang: m ? contentLang(m.quiz) : null }, title), h('span', { className: 'attempt-number' }, ` · ${t('attempt.number', { Number: attempt.number })}`)),
    fallbackNote(attempt),
    clock ? clock.node : null,
    h('p', { className: 'hint' }, t('attempt.intro', { Count: total })),
    saver.status,
    form);
  return { title, node, cleanup: () => { saver.leave(); if (clock) clock.stop(); } };
}
