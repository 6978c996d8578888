// Versions of a team's work and their reviews, as the team and its instructors see them: each
// version's status, who sent it and when, the work itself (rendered and sanitised by the
// server), what changed since the version before, every review against the rubric, and the
// thread of comments on it.
import { dateText, h, sanitised } from '../dom.js';
import { commentThread } from './comment-thread.js';
import { criterionName } from './exercise-parts.js';
import { versionDiff } from './version-diff.js';
import { formatNumber, t } from '../i18n.js';

/** STATUS gives each status of a submission its badge kind. */
const STATUS = { submitted: 'neutral', revision_requested: 'partial', accepted: 'good' };

/** statusBadge shows a submission's status in words. */
export function statusBadge(status) {
  const kind = STATUS[status];
  return h('span', { className: `verdict verdict-${kind || 'neutral'}` }, kind ? t(`team.status_${status}`) : status);
}

/** lateBadge marks work sent after its due date; nothing for work on time. */
export function lateBadge(sub) {
  return sub.late ? h('span', { className: 'verdict verdict-partial' }, t('team.late')) : null;
}

/** reviewBlock draws one review: the decision, the points per criterion and the comment. */
export function reviewBlock(review, rubric) {
  const accepted = review.decision === 'accept';
  return h('div', { className: `review ${accepted ? 'review-accept' : 'review-revise'}` },
    h('p', { className: 'review-head' },
      h('strong', {}, accepted ? t('team.status_accepted') : t('team.status_revision_requested')),
      ` · ${t('team.points', { Points: formatNumber(review.total, { maximumFractionDigits: 2 }), Count: review.max_total })}`,
      review.created_at ? ` · ${dateText(review.created_at)}` : ''),
    h('ul', { className: 'review-scores' }, rubric.map((c) => h('li', {},
      `${criterionName(c.criterion)}: `, h('strong', {}, String(review.scores[c.criterion] ?? '–')), ` ${t('team.of_max', { Total: c.max_points })}`))),
    review.comment ? h('blockquote', { className: 'review-comment' }, review.comment) : null);
}

/**
 * sentLine says when sub was sent and by whom: a member by name (names maps the team's member
 * ids to names), or a former member for work whose author left the team or erased their
 * account (author_id empty).
 */
export function sentLine(sub, names) {
  const author = names.get(sub.author_id) || t('team.a_former_member');
  return sub.created_at ? t('team.sent_by_on', { Author: author, Date: dateText(sub.created_at) }) : t('team.sent_by', { Author: author });
}

/**
 * compareWith offers what changed since the version before sub; earlier resolves to that
 * version, read only when the comparison is first opened.
 * @param {{version: number, body_markdown: string}} sub
 * @param {() => Promise<{version: number, body_markdown: string} | undefined>} earlier
 */
export function compareWith(sub, earlier) {
  const body = h('div', {}, h('p', { className: 'hint' }, t('team.loading')));
  const details = h('details', { className: 'version-compare' },
    h('summary', {}, t('team.changed_since', { Version: sub.version - 1 })), body);
  let drawn = false;
  details.addEventListener('toggle', async () => {
    if (drawn || !details.open) return;
    drawn = true;
    try {
      const before = await earlier();
      body.replaceChildren(before ? versionDiff(before, sub) : h('p', {}, t('team.version_unavailable', { Version: sub.version - 1 })));
    } catch {
      drawn = false;
      body.replaceChildren(h('p', { className: 'hint' }, t('team.earlier_failed')));
    }
  });
  return details;
}

/**
 * versionItem draws submission sub; rubric is its exercise's rubric, names maps the team's
 * member ids to names, headingLevel is the level of the version's title, and previous, when
 * given, is the version before it, which the reader may compare it with.
 */
export function versionItem(sub, rubric, names, headingLevel = 'h3', previous = null) {
  return h('article', { className: 'version', 'data-version': String(sub.version), 'data-status': sub.status },
    h('header', { className: 'version-head' },
      h(headingLevel, { className: 'version-title' }, t('team.version', { Version: sub.version })),
      statusBadge(sub.status),
      lateBadge(sub),
      h('p', { className: 'card-meta' }, sentLine(sub, names))),
    sanitised('div', 'prose version-body', sub.body_html),
    previous ? compareWith(sub, async () => previous) : null,
    sub.reviews.length
      ? h('div', { className: 'reviews' }, sub.reviews.map((r) => reviewBlock(r, rubric)))
      : null,
    commentThread(sub, `h${Number(headingLevel.slice(1)) + 1}`));
}
