// Lesson feedback (/teach/feedback), for instructors and admins: per lesson the mean rating
// overall and for each discipline, the kinds of feedback, and the open reports, each of which
// can be resolved with a reply the learner then sees.
import { api, download } from '../api.js';
import { announce, badge, dateText, h, uid } from '../dom.js';

const KINDS = { unclear: 'Unclear', error: 'Error', suggestion: 'Suggestion', praise: 'Praise' };

export default async function teachFeedbackPage() {
  const summary = await api('/feedback');
  const reports = summary.lessons.flatMap((l) => (l.reports || []).map((r) => ({ ...r, lesson_title: r.lesson_title || l.title })))
    .filter((r) => r.status === 'open');
  const open = h('p', { className: 'queue-count', role: 'status' });
  let left = reports.length;
  const drawOpen = () => {
    open.textContent = left ? `${left} open ${left === 1 ? 'report' : 'reports'}.` : 'No open reports.';
  };
  drawOpen();
  const status = h('p', { className: 'form-status', role: 'status' });
  const csvButton = (label, path, name) => h('button', {
    type: 'button',
    className: 'button button-secondary button-small',
    onclick: async (event) => {
      event.currentTarget.disabled = true;
      const button = event.currentTarget;
      try {
        status.textContent = `Downloaded ${await download(path, name)}.`;
      } catch (err) {
        status.textContent = `Not downloaded: ${err.message}`;
      } finally {
        button.disabled = false;
      }
    },
  }, label);
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/teach' }, 'Teaching')),
    h('h1', {}, 'Lesson feedback'),
    h('p', { className: 'lede' }, 'How learners rate each lesson, split by discipline: a lesson can be clear to one side and opaque to the other.'),
    h('div', { className: 'section-actions' },
      csvButton('Summary as CSV', '/feedback?format=csv', 'lesson-feedback.csv'),
      csvButton('Open reports as CSV', '/feedback?format=csv&view=reports', 'lesson-reports.csv'),
      status),
    h('section', { 'aria-labelledby': 'reports-heading' },
      h('h2', { id: 'reports-heading' }, 'Open reports'),
      open,
      reports.length ? h('ul', { className: 'report-list' }, reports.map((r) => h('li', {}, reportCard(r, () => {
        left -= 1;
        drawOpen();
      })))) : null),
    h('section', { 'aria-labelledby': 'lessons-heading' },
      h('h2', { id: 'lessons-heading' }, 'Ratings per lesson'),
      summary.lessons.length ? lessonTable(summary.lessons) : h('p', {}, 'No feedback yet.')));
  return { title: 'Lesson feedback', node };
}

function mean(stat) {
  return stat && stat.n && typeof stat.mean_rating === 'number' ? `${stat.mean_rating.toFixed(1)} (${stat.n})` : '–';
}

function lessonTable(rows) {
  return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Table of ratings per lesson' },
    h('table', { className: 'feedback-table' },
      h('caption', {}, 'Mean rating from 1 to 5, with the number of ratings in brackets'),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, 'Lesson'),
        h('th', { scope: 'col', className: 'num' }, 'All'),
        h('th', { scope: 'col', className: 'num' }, 'Clinical'),
        h('th', { scope: 'col', className: 'num' }, 'Technical'),
        h('th', { scope: 'col' }, 'Kinds'),
        h('th', { scope: 'col', className: 'num' }, 'Open reports'))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-lesson': r.slug },
        h('th', { scope: 'row' }, h('a', { href: `/lessons/${encodeURIComponent(r.slug)}` }, r.title)),
        h('td', { className: 'num' }, mean(r.all)),
        h('td', { className: 'num' }, mean(r.by_group.clinical)),
        h('td', { className: 'num' }, mean(r.by_group.technical)),
        h('td', {}, Object.entries(KINDS).filter(([k]) => r.all.counts[k]).map(([k, label]) => `${label} ${r.all.counts[k]}`).join(', ') || '–'),
        h('td', { className: 'num' }, String(r.all.open_reports)))))));
}

function reportCard(r, onResolved) {
  const replyId = uid('reply');
  const status = h('p', { className: 'form-status', role: 'status' });
  const card = h('article', { className: 'card report', 'data-report': r.id },
    h('p', { className: 'card-kicker' },
      r.discipline_group && r.discipline_group !== 'other' ? [badge(r.discipline_group), ' '] : null,
      `${KINDS[r.kind] || r.kind} · rated ${r.rating} of 5 · ${dateText(r.created_at)}`),
    h('h3', { className: 'card-title' }, h('a', { href: `/lessons/${encodeURIComponent(r.lesson)}` }, r.lesson_title || r.lesson)),
    r.comment ? h('blockquote', { className: 'report-comment' }, r.comment) : h('p', { className: 'hint' }, 'No comment.'),
    r.lesson_revised ? h('p', { className: 'hint' }, 'The lesson has been revised since this report.') : null);
  const form = h('form', { className: 'resolve-form', novalidate: true },
    h('div', { className: 'field' },
      h('label', { for: replyId }, 'Reply to the learner ', h('span', { className: 'optional' }, '(optional)')),
      h('textarea', { id: replyId, rows: '3', maxlength: '2000' })),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, 'Mark as resolved')),
    status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const button = form.querySelector('button');
    button.disabled = true;
    const body = { status: 'resolved' };
    const reply = form.querySelector('textarea').value.trim();
    if (reply) body.response = reply;
    try {
      await api(`/feedback/${encodeURIComponent(r.id)}`, { method: 'PATCH', body });
      form.replaceWith(h('p', { className: 'notice notice-good', tabindex: '-1' }, reply ? 'Resolved. The learner sees your reply.' : 'Resolved.'));
      card.querySelector('.notice').focus();
      announce('Report resolved.');
      onResolved();
    } catch (err) {
      status.textContent = err.message;
      button.disabled = false;
    }
  });
  card.append(form);
  return card;
}
