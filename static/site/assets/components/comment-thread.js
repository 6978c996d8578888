// @ts-check
// The thread on one version of a team's work, where the team and its instructors talk about
// it: every comment with who wrote it and when (rendered and sanitised by the server, as the
// work is), and a form to add one. Only the team and the cohort's instructors can read it.
import { api, newIdempotencyKey } from '../api.js';
import { announce, dateText, h, sanitised, uid } from '../dom.js';
import { fieldErrors, sendForm } from './form-errors.js';
import { formatNumber, t } from '../i18n.js';

/** @typedef {{id: string, author_id: string, author_name: string, author_role: string, body_html: string, created_at: string}} SubmissionComment */

/** ROLES are the roles a comment's author may hold, each with a message. */
const ROLES = ['member', 'instructor', 'former'];

/**
 * commentThread returns the thread on submission sub (loaded now) as a section titled
 * "Comments on version N" with a heading of headingLevel.
 * @param {{id: string, version: number}} sub
 * @param {string} [headingLevel]
 */
export function commentThread(sub, headingLevel = 'h4') {
  const headingId = uid('comments');
  const inputId = uid('comment-input');
  const list = h('ol', { className: 'comment-list' });
  const count = h('span', { className: 'comment-count' });
  const input = /** @type {HTMLTextAreaElement} */ (h('textarea', { id: inputId, name: 'body_markdown', rows: '3', maxlength: '5000', 'aria-describedby': `${inputId}-hint` }));
  const status = h('p', { className: 'form-status', role: 'status' });
  const form = /** @type {HTMLFormElement} */ (h('form', { className: 'comment-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'body_markdown' },
      h('label', { for: inputId }, t('team.comment_add', { Version: sub.version })),
      h('p', { className: 'hint', id: `${inputId}-hint` }, t('team.comment_hint')),
      input),
    h('p', {}, h('button', { type: 'submit', className: 'button button-secondary' }, t('team.comment_post'))),
    status));
  const errors = fieldErrors(form);
  /** @type {SubmissionComment[]} */
  let comments = [];
  const draw = () => {
    count.textContent = ` (${formatNumber(comments.length)})`;
    list.replaceChildren(...(comments.length ? comments.map(commentItem) : [h('li', { className: 'hint' }, t('team.comment_none'))]));
  };
  const path = `/submissions/${encodeURIComponent(sub.id)}/comments`;
  api(path).then((body) => {
    comments = body.items;
    draw();
  }, () => {
    list.replaceChildren(h('li', { className: 'hint' }, t('team.comment_load_failed')));
  });
  let key = '';
  let keyFor = '';
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) {
      errors.show({ body_markdown: t('team.comment_missing') });
      return;
    }
    errors.clear();
    if (keyFor !== text) {
      key = newIdempotencyKey();
      keyFor = text;
    }
    await sendForm(form, errors, async () => {
      const added = await api(path, { method: 'POST', body: { body_markdown: text }, idempotencyKey: key });
      comments = [...comments.filter((c) => c.id !== added.id), added];
      draw();
      input.value = '';
      status.textContent = t('team.comment_posted');
      announce(t('team.comment_posted_short'));
    }, { status, busy: t('team.comment_posting') });
  });
  return h('section', { className: 'comment-thread', 'aria-labelledby': headingId, 'data-comments': sub.id },
    h(headingLevel, { id: headingId, className: 'comment-heading' }, t('team.comments_on', { Version: sub.version }), count),
    list,
    form);
}

/** @param {SubmissionComment} c */
function commentItem(c) {
  return h('li', { className: 'comment', 'data-role': c.author_role },
    h('p', { className: 'comment-head' },
      h('strong', {}, c.author_name || t('team.former_member')),
      ` · ${ROLES.includes(c.author_role) ? t(`team.role_${c.author_role}`) : c.author_role}`,
      c.created_at ? ` · ${dateText(c.created_at)}` : ''),
    sanitised('div', 'prose comment-body', c.body_html));
}
