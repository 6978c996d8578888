// A live preview of a team's Markdown, drawn in the browser while they type. It knows a small,
// safe subset (headings, paragraphs, lists, emphasis, inline and fenced code, rules) and builds
// DOM nodes from text, never HTML, so whatever someone types shows as the characters they
// typed. Everything else appears as written; the server renders the full Markdown once the
// version is submitted.
import { h } from './dom.js';

const HEADING = /^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$/;
const BULLET = /^ {0,3}([-*+])\s+(.*)$/;
const NUMBERED = /^ {0,3}(\d{1,9})[.)]\s+(.*)$/;
const FENCE = /^ {0,3}(```|~~~)/;
const RULE = /^ {0,3}([-*_])(\s*\1){2,}\s*$/;

/** markdownPreview returns the nodes of text's preview; headings start at level 3, under the page's own. */
export function markdownPreview(text) {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const out = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!line.trim()) {
      i += 1;
      continue;
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const code = [];
      for (i += 1; i < lines.length && !lines[i].trimStart().startsWith(fence[1]); i += 1) code.push(lines[i]);
      i += 1;
      out.push(h('pre', {}, h('code', {}, code.join('\n'))));
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      out.push(h(`h${Math.min(6, heading[1].length + 2)}`, {}, inline(heading[2])));
      i += 1;
      continue;
    }
    if (RULE.test(line)) {
      out.push(h('hr'));
      i += 1;
      continue;
    }
    if (BULLET.test(line) || NUMBERED.test(line)) {
      const ordered = !BULLET.test(line);
      const pattern = ordered ? NUMBERED : BULLET;
      const items = [];
      while (i < lines.length && lines[i].trim()) {
        const item = pattern.exec(lines[i]);
        if (item) items.push([item[2]]);
        else if (BULLET.test(lines[i]) || NUMBERED.test(lines[i]) || HEADING.test(lines[i]) || FENCE.test(lines[i])) break;
        else items[items.length - 1].push(lines[i].trim());
        i += 1;
      }
      const start = ordered ? Number(NUMBERED.exec(line)[1]) : 1;
      out.push(h(ordered ? 'ol' : 'ul', { start: ordered && start !== 1 ? String(start) : null },
        items.map((parts) => h('li', {}, inline(parts.join(' '))))));
      continue;
    }
    const para = [];
    while (i < lines.length && lines[i].trim() && !HEADING.test(lines[i]) && !FENCE.test(lines[i]) &&
      !BULLET.test(lines[i]) && !NUMBERED.test(lines[i]) && !RULE.test(lines[i])) {
      para.push(lines[i].trim());
      i += 1;
    }
    out.push(h('p', {}, inline(para.join(' '))));
  }
  return out;
}

// Inline spans in the order Markdown gives them precedence: code, then strong, then emphasis.
const SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)|\*\*(?=\S)([\s\S]*?\S)\*\*(?!\*)|__(?=\S)([\s\S]*?\S)__(?!\w)|\*(?=[^\s*])([\s\S]*?[^\s*])\*|(?<!\w)_(?=[^\s_])([\s\S]*?[^\s_])_(?!\w)/;

function inline(text) {
  const nodes = [];
  let rest = text;
  while (rest) {
    const m = SPAN.exec(rest);
    if (!m) {
      nodes.push(rest);
      break;
    }
    if (m.index > 0) nodes.push(rest.slice(0, m.index));
    if (m[1]) nodes.push(h('code', {}, m[2].trim() || m[2]));
    else if (m[3] !== undefined || m[4] !== undefined) nodes.push(h('strong', {}, inline(m[3] ?? m[4])));
    else nodes.push(h('em', {}, inline(m[5] ?? m[6])));
    rest = rest.slice(m.index + m[0].length);
  }
  return nodes;
}
