// Lesson feedback (/teach/feedback), for instructors and admins: per lesson the mean rating
// overall and for each discipline, the kinds of feedback, and the open reports, each of which
// can be resolved with a reply the learner then sees.
import { api, download } from '../api.js';
import { announce, badge, dateText, h, uid } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

// KINDS are the kinds of lesson feedback, each named in cohort.feedback.kind_<kind>.
const KINDS = ['unclear', 'error', 'suggestion', 'praise'];
const kindName = (kind) => (KINDS.includes(kind) ? t(`cohort.feedback.kind_${kind}`) : kind);

export default async function teachFeedbackPage() {
  const summary = await api('/feedback');
  const reports = summary.lessons.flatMap((l) => (l.reports || []).map((r) => ({ ...r, lesson_title: r.lesson_title || l.title })))
    .filter((r) => r.status === 'open');
  const open = h('p', { className: 'queue-count', role: 'status' });
  let left = reports.length;
  const drawOpen = () => {
    open.textContent = left ? t('cohort.feedback.open_count', { Count: left }) : t('cohort.feedback.none_open');
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
        status.textContent = t('cohort.feedback.downloaded', { File: await download(path, name) });
      } catch (err) {
        status.textContent = t('cohort.feedback.not_downloaded', { Reason: err.message });
      } finally {
        button.disabled = false;
      }
    },
  }, label);
  const node = h('div', { className: 'page' },
    h('p', { className: 'card-kicker' }, h('a', { href: '/teach' }, t('header.teaching'))),
    h('h1', {}, t('cohort.feedback.title')),
    h('p', { className: 'lede' }, t('cohort.feedback.lede')),
    h('div', { className: 'section-actions' },
      csvButton(t('cohort.feedback.summary_csv'), '/feedback?format=csv', 'lesson-feedback.csv'),
      csvButton(t('cohort.feedback.reports_csv'), '/feedback?format=csv&view=reports', 'lesson-reports.csv'),
      status),
    h('section', { 'aria-labelledby': 'reports-heading' },
      h('h2', { id: 'reports-heading' }, t('cohort.feedback.open_reports')),
      open,
      reports.length ? h('ul', { className: 'report-list' }, reports.map((r) => h('li', {}, reportCard(r, () => {
        left -= 1;
        drawOpen();
      })))) : null),
    h('section', { 'aria-labelledby': 'lessons-heading' },
      h('h2', { id: 'lessons-heading' }, t('cohort.feedback.per_lesson')),
      summary.lessons.length ? lessonTable(summary.lessons) : h('p', {}, t('cohort.feedback.none'))));
  return { title: t('cohort.feedback.title'), node };
}

function mean(stat) {
  return stat && stat.n && typeof stat.mean_rating === 'number' ? `${formatNumber(stat.mean_rating, { minimumFractionDigits: 1 })} (${formatNumber(stat.n)})` : '–';
}

function lessonTable(rows) {
  return h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('cohort.feedback.table') },
    h('table', { className: 'feedback-table' },
      h('caption', {}, t('cohort.feedback.caption', { Min: 1, Max: 5 })),
      h('thead', {}, h('tr', {},
        h('th', { scope: 'col' }, t('cohort.feedback.lesson')),
        h('th', { scope: 'col', className: 'num' }, t('cohort.feedback.all')),
        h('th', { scope: 'col', className: 'num' }, t('audience.clinical')),
        h('th', { scope: 'col', className: 'num' }, t('audience.technical')),
        h('th', { scope: 'col' }, t('cohort.feedback.kinds')),
        h('th', { scope: 'col', className: 'num' }, t('cohort.feedback.open_reports')))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-lesson': r.slug },
        h('th', { scope: 'row' }, h('a', { href: `/lessons/${encodeURIComponent(r.slug)}` }, r.title)),
        h('td', { className: 'num' }, mean(r.all)),
        h('td', { className: 'num' }, mean(r.by_group.clinical)),
        h('td', { className: 'num' }, mean(r.by_group.technical)),
        h('td', {}, KINDS.filter((k) => r.all.counts[k]).map((k) => `${kindName(k)} ${formatNumber(r.all.counts[k])}`).join(', ') || '–'),
        h('td', { className: 'num' }, formatNumber(r.all.open_reports)))))));
}

function reportCard(r, onResolved) {
  const replyId = uid('reply');
  const status = h('p', { className: 'form-status', role: 'status' });
  const card = h('article', { className: 'card report', 'data-report': r.id },
    h('p', { className: 'card-kicker' },
      r.discipline_group && r.discipline_group !== 'other' ? [badge(r.discipline_group), ' '] : null,
      [kindName(r.kind), t('cohort.feedback.rated', { Rating: r.rating, Max: 5 }), dateText(r.created_at)].join(' · ')),
    h('h3', { className: 'card-title' }, h('a', { href: `/lessons/${encodeURIComponent(r.lesson)}` }, r.lesson_title || r.lesson)),
    r.comment ? h('blockquote', { className: 'report-comment' }, r.comment) : h('p', { className: 'hint' }, t('cohort.feedback.no_comment')),
    r.lesson_revised ? h('p', { className: 'hint' }, t('cohort.feedback.revised')) : null);
  const form = h('form', { className: 'resolve-form', novalidate: true },
    h('div', { className: 'field' },
      h('label', { for: replyId }, t('cohort.feedback.reply'), ' ', h('span', { className: 'optional' }, t('common.optional'))),
      h('textarea', { id: replyId, rows: '3', maxlength: '2000' })),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('cohort.feedback.resolve'))),
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
      form.replaceWith(h('p', { className: 'notice notice-good', tabindex: '-1' }, t(reply ? 'cohort.feedback.resolved_reply' : 'cohort.feedback.resolved')));
      card.querySelector('.notice').focus();
      announce(t('cohort.feedback.resolved_announce'));
      onResolved();
    } catch (err) {
      status.textContent = err.message;
      button.disabled = false;
    }
  });
  card.append(form);
  return card;
}
