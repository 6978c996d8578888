// @ts-check
// The difference between two texts, for comparing versions of a team's work: Myers' algorithm
// (as in diff and git) over lines, then over the words of each changed stretch, so a changed
// word shows as itself rather than as its whole line.

/** @typedef {{op: '=' | '-' | '+', text: string}} Edit */

/** MAX_EDITS bounds the work on very different texts; past it they are shown as replaced whole. */
const MAX_EDITS = 2000;

/**
 * diffSequences returns the edits that turn a into b: '=' kept, '-' removed, '+' added, in
 * order; null when they differ in more than MAX_EDITS places.
 * @param {string[]} a
 * @param {string[]} b
 * @returns {Edit[] | null}
 */
export function diffSequences(a, b) {
  const n = a.length;
  const m = b.length;
  const offset = n + m + 1;
  let v = new Int32Array(2 * offset + 1);
  const trace = [];
  for (let d = 0; d <= Math.min(n + m, MAX_EDITS); d += 1) {
    trace.push(v);
    v = v.slice();
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset);
    }
  }
  return null;
}

/**
 * @param {Int32Array[]} trace
 * @param {string[]} a
 * @param {string[]} b
 * @param {number} offset
 * @returns {Edit[]}
 */
function backtrack(trace, a, b, offset) {
  /** @type {Edit[]} */
  const out = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      out.push({ op: '=', text: a[x - 1] });
      x -= 1;
      y -= 1;
    }
    if (d > 0) {
      if (x === prevX) out.push({ op: '+', text: b[y - 1] });
      else out.push({ op: '-', text: a[x - 1] });
    }
    x = prevX;
    y = prevY;
  }
  return out.reverse();
}

/**
 * Change is one line of a comparison: kept, removed or added as a whole, or changed, with the
 * words removed and added within it.
 * @typedef {{kind: 'same' | 'removed' | 'added', text: string} | {kind: 'changed', words: Edit[]}} Change
 */

/**
 * compareTexts compares before and after line by line; a stretch of removed lines followed by
 * as many added ones is compared word by word, line against line.
 * @param {string} before
 * @param {string} after
 * @returns {Change[]}
 */
export function compareTexts(before, after) {
  const a = before.replace(/\r\n?/g, '\n').split('\n');
  const b = after.replace(/\r\n?/g, '\n').split('\n');
  const edits = diffSequences(a, b) || [...a.map((text) => ({ op: '-', text })), ...b.map((text) => ({ op: '+', text }))];
  /** @type {Change[]} */
  const out = [];
  for (let i = 0; i < edits.length;) {
    if (edits[i].op === '=') {
      out.push({ kind: 'same', text: edits[i].text });
      i += 1;
      continue;
    }
    const removed = [];
    const added = [];
    for (; i < edits.length && edits[i].op === '-'; i += 1) removed.push(edits[i].text);
    for (; i < edits.length && edits[i].op === '+'; i += 1) added.push(edits[i].text);
    const paired = removed.length === added.length ? removed.length : 0;
    for (let j = 0; j < paired; j += 1) {
      const words = diffSequences(tokens(removed[j]), tokens(added[j]));
      if (words) out.push({ kind: 'changed', words: merge(words) });
      else out.push({ kind: 'removed', text: removed[j] }, { kind: 'added', text: added[j] });
    }
    for (const text of removed.slice(paired)) out.push({ kind: 'removed', text });
    for (const text of added.slice(paired)) out.push({ kind: 'added', text });
  }
  return out;
}

/** tokens splits a line into words and the spaces between them. @param {string} line */
function tokens(line) {
  return line.match(/\s+|[^\s]+/g) || [];
}

/** merge joins neighbouring edits of the same kind. @param {Edit[]} edits */
function merge(edits) {
  /** @type {Edit[]} */
  const out = [];
  for (const e of edits) {
    const last = out[out.length - 1];
    if (last && last.op === e.op) last.text += e.text;
    else out.push({ ...e });
  }
  return out;
}
