// Small DOM helpers shared by every page: building elements without innerHTML, inserting the
// catalogue's server-rendered HTML, and announcing changes to screen readers.

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
  // A wide table scrolls on its own instead of widening the page; the wrapper takes focus so
  // that keyboard users can scroll it too.
  for (const table of el.querySelectorAll('table')) {
    const wrap = h('div', { className: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Table' });
    table.replaceWith(wrap);
    wrap.append(table);
  }
  return el;
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
  if (n < 60) return `${n} min`;
  const hours = Math.floor(n / 60);
  const rest = n % 60;
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** percent formats a number as a whole or one-decimal percentage. */
export function percent(n) {
  return `${Math.round(n * 10) / 10}%`;
}

/** audienceLabel names a track's audience or a learner's discipline group. */
function audienceLabel(audience) {
  return audience === 'clinical' ? 'Clinical' : audience === 'technical' ? 'Technical' : 'Other';
}

/** badge is the small discipline label used wherever a track or module appears. */
export function badge(audience) {
  return h('span', { className: `badge badge-${audience}` }, audienceLabel(audience));
}

/** reference turns a catalogue reference into a list item, linking its DOI or URL. */
export function reference(ref) {
  const href = ref.doi ? `https://doi.org/${ref.doi}` : ref.url;
  return h('li', {}, ref.text, href ? [' ', h('a', { href, rel: 'noopener' }, ref.doi ? `doi:${ref.doi}` : 'Link')] : null);
}
