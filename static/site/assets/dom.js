// Small DOM helpers shared by every page: building elements without innerHTML, inserting the
// catalogue's server-rendered HTML, and announcing changes to screen readers.
import { formatDate, formatNumber, t } from './i18n.js';

/**
 * h builds an element. attrs may hold properties (className, textContent, ...), attributes
 * (strings, with aria-* and data-* as written), booleans (true sets the attribute) and on*
 * listeners. Children are nodes, strings, or nested arrays; null and false are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (key === 'className' || key === 'textContent' || key === 'value' || key === 'checked') {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

/**
 * rendered wraps HTML that the server rendered from the reviewed catalogue (Markdown with raw
 * HTML switched off) in an element. Nothing a user typed ever goes through here.
 */
export function rendered(tag, className, html) {
  const el = h(tag, { className });
  el.innerHTML = html;
  return wrapTables(el);
}

// wrapTables lets each wide table in el scroll on its own instead of widening the page; the
// wrapper takes focus so that keyboard users can scroll it too.
function wrapTables(el) {
  for (const table of el.querySelectorAll('table')) {
    const wrap = h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('common.table') });
    table.replaceWith(wrap);
    wrap.append(table);
  }
  return el;
}

// What survives in user-written HTML: the server has sanitised it already (bluemonday's UGC
// policy); this second, stricter pass keeps only plain structure and safe links, so a gap in
// either one alone never reaches the page.
const SAFE_TAGS = new Set(['P', 'BR', 'HR', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'STRONG', 'EM', 'B', 'I',
  'DEL', 'S', 'CODE', 'PRE', 'BLOCKQUOTE', 'A', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'SUP', 'SUB', 'DL', 'DT', 'DD',
  'SPAN', 'DIV', 'INPUT']);
const SAFE_ATTRS = { A: ['href', 'title'], TH: ['align'], TD: ['align'], OL: ['start'], INPUT: ['type', 'checked', 'disabled'] };

/**
 * sanitised wraps HTML that the server rendered from what a user wrote (a team's Markdown) and
 * sanitised. It is parsed inert, filtered again against a short list of tags and attributes,
 * and its headings move down two levels to sit under the page's own. Links open elsewhere.
 */
export function sanitised(tag, className, html) {
  const template = document.createElement('template');
  template.innerHTML = html;
  clean(template.content);
  const el = h(tag, { className });
  el.append(document.importNode(template.content, true));
  return wrapTables(el);
}

function clean(root) {
  for (const el of [...root.querySelectorAll('*')]) {
    if (!root.contains(el)) continue; // inside an element removed whole
    if (!SAFE_TAGS.has(el.tagName) || (el.tagName === 'INPUT' && el.getAttribute('type') !== 'checkbox')) {
      // Unknown elements give way to their text; script-like ones vanish whole.
      if (/^(SCRIPT|STYLE|TEMPLATE|IFRAME|OBJECT|EMBED|SVG|MATH|NOSCRIPT|TEXTAREA|SELECT|BUTTON|FORM|INPUT)$/.test(el.tagName)) el.remove();
      else el.replaceWith(...el.childNodes);
      continue;
    }
    const allowed = SAFE_ATTRS[el.tagName] || [];
    for (const attr of [...el.attributes]) {
      if (!allowed.includes(attr.name)) el.removeAttribute(attr.name);
    }
    if (el.tagName === 'A') {
      const href = el.getAttribute('href') || '';
      if (!/^(https?:|mailto:|\/(?!\/)|#)/i.test(href)) el.removeAttribute('href');
      else if (/^https?:/i.test(href)) {
        el.setAttribute('rel', 'nofollow noopener noreferrer');
        el.setAttribute('target', '_blank');
      }
    }
    if (el.tagName === 'INPUT') el.setAttribute('disabled', '');
    const level = /^H([1-6])$/.exec(el.tagName);
    if (level) {
      const shifted = document.createElement(`h${Math.min(6, Number(level[1]) + 2)}`);
      shifted.append(...el.childNodes);
      el.replaceWith(shifted);
    }
  }
}

/** dateText formats an RFC 3339 time as a date people read ("3 March 2027" or as the browser's language has it). */
export function dateText(iso) {
  return formatDate(iso);
}

let idCounter = 0;

/** uid returns an id unique within the page, for label and aria-* wiring. */
export function uid(prefix) {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

/** announce says message politely through the page's live region. */
export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after a tick makes screen readers repeat an identical message.
  setTimeout(() => { region.textContent = message; }, 50);
}

/** minutes formats a duration in minutes for people. */
export function minutes(n) {
  if (!n) return '';
  if (n < 60) return t('time.minutes', { Count: n });
  const hours = Math.floor(n / 60);
  const rest = n % 60;
  return rest ? t('time.hours_minutes', { Hours: hours, Minutes: rest }) : t('time.hours', { Count: hours });
}

/** percent formats a number as a whole or one-decimal percentage. */
export function percent(n) {
  return formatNumber(n / 100, { style: 'percent', maximumFractionDigits: 1 });
}

/** audienceLabel names a track's audience or a learner's discipline group. */
function audienceLabel(audience) {
  return t(audience === 'clinical' || audience === 'technical' ? `audience.${audience}` : 'audience.other');
}

/** badge is the small discipline label used wherever a track or module appears. */
export function badge(audience) {
  return h('span', { className: `badge badge-${audience}` }, audienceLabel(audience));
}

/** reference turns a catalogue reference into a list item, linking its DOI or URL. */
export function reference(ref) {
  const href = ref.doi ? `https://doi.org/${ref.doi}` : ref.url;
  return h('li', {}, ref.text, href ? [' ', h('a', { href, rel: 'noopener' }, ref.doi ? `doi:${ref.doi}` : t('common.link'))] : null);
}
