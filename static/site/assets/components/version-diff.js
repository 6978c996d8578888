// @ts-check
// What changed between two versions of a team's work, drawn from their Markdown: each line
// marked kept, removed or added, and within a changed line the words removed and added. Not
// by colour alone: removed text is struck through and announced as removed, added text is
// underlined and announced as added, and each changed line carries a sign (−, +, ~).
import { compareTexts } from '../diff.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

const SIGN = { same: ' ', removed: '−', added: '+', changed: '~' };

/**
 * versionDiff returns the comparison of version `before` with version `after` (both with
 * version and body_markdown): a count of what changed and the lines.
 * @param {{version: number, body_markdown: string}} before
 * @param {{version: number, body_markdown: string}} after
 */
export function versionDiff(before, after) {
  const changes = compareTexts(before.body_markdown || '', after.body_markdown || '');
  const count = { removed: 0, added: 0, changed: 0 };
  for (const c of changes) if (c.kind !== 'same') count[c.kind] += 1;
  const summary = count.removed + count.added + count.changed
    ? t('team.diff_summary', { From: before.version, To: after.version, Changed: t('team.diff_changed', { Count: count.changed }),
      Added: t('team.diff_added', { Count: count.added }), Removed: t('team.diff_removed', { Count: count.removed }) })
    : t('team.diff_same', { From: before.version, To: after.version });
  return h('div', { className: 'version-diff' },
    h('p', { className: 'diff-summary' }, summary),
    h('ol', { className: 'diff-lines', 'aria-label': t('team.diff_label', { From: before.version, To: after.version }) },
      changes.map((c) => h('li', { className: `diff-line diff-${c.kind}`, 'data-kind': c.kind },
        h('span', { className: 'diff-sign', 'aria-hidden': 'true' }, SIGN[c.kind]),
        c.kind === 'changed'
          ? h('span', { className: 'diff-text' }, h('span', { className: 'visually-hidden' }, `${t('team.diff_changed_line')} `), c.words.map(word))
          : h('span', { className: 'diff-text' }, c.kind === 'same' ? null : h('span', { className: 'visually-hidden' }, `${c.kind === 'added' ? t('team.diff_added_line') : t('team.diff_removed_line')} `), c.text || '\u00a0')))));
}

/** @param {{op: string, text: string}} w */
function word(w) {
  if (w.op === '=') return w.text;
  const tag = w.op === '+' ? 'ins' : 'del';
  return h(tag, {}, h('span', { className: 'visually-hidden' }, ` [${w.op === '+' ? t('team.diff_added_word') : t('team.diff_removed_word')} `), w.text, h('span', { className: 'visually-hidden' }, '] '));
}
