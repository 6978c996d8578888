// @ts-check
// What changed between two versions of a team's work, drawn from their Markdown: each line
// marked kept, removed or added, and within a changed line the words removed and added. Not
// by colour alone: removed text is struck through and announced as removed, added text is
// underlined and announced as added, and each changed line carries a sign (−, +, ~).
import { compareTexts } from '../diff.js';
import { h } from '../dom.js';

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
    ? `From version ${before.version} to ${after.version}: ${plural(count.changed, 'line')} changed, ${plural(count.added, 'line')} added, ${plural(count.removed, 'line')} removed.`
    : `Version ${after.version} has the same text as version ${before.version}.`;
  return h('div', { className: 'version-diff' },
    h('p', { className: 'diff-summary' }, summary),
    h('ol', { className: 'diff-lines', 'aria-label': `Changes from version ${before.version} to ${after.version}` },
      changes.map((c) => h('li', { className: `diff-line diff-${c.kind}`, 'data-kind': c.kind },
        h('span', { className: 'diff-sign', 'aria-hidden': 'true' }, SIGN[c.kind]),
        c.kind === 'changed'
          ? h('span', { className: 'diff-text' }, h('span', { className: 'visually-hidden' }, 'Changed line: '), c.words.map(word))
          : h('span', { className: 'diff-text' }, c.kind === 'same' ? null : h('span', { className: 'visually-hidden' }, c.kind === 'added' ? 'Added line: ' : 'Removed line: '), c.text || '\u00a0')))));
}

/** @param {{op: string, text: string}} w */
function word(w) {
  if (w.op === '=') return w.text;
  const tag = w.op === '+' ? 'ins' : 'del';
  return h(tag, {}, h('span', { className: 'visually-hidden' }, w.op === '+' ? ' [added: ' : ' [removed: '), w.text, h('span', { className: 'visually-hidden' }, '] '));
}

/** @param {number} n @param {string} noun */
function plural(n, noun) {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
