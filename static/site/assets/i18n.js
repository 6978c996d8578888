// @ts-check
// The interface's words in the reader's language. The messages are the server's own message
// files (served as JSON per language); t() picks a message, its plural form through
// Intl.PluralRules, and fills its {{.Name}} placeholders, numbers through Intl.NumberFormat.
// The language is the signed-in learner's saved choice, else the one picked in this browser,
// else the browser's own preference among the four Tandem speaks, else English.

/** LANGUAGES are the languages Tandem speaks, each named in itself. */
export const LANGUAGES = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
  { code: 'de', name: 'Deutsch' },
  { code: 'it', name: 'Italiano' },
];

const STORAGE_KEY = 'tandem.language';
let lang = 'en';
/** @type {Record<string, string | Record<string, string>>} */
let messages = {};

/** isLanguage says whether code names a language Tandem speaks. */
function isLanguage(code) {
  return LANGUAGES.some((l) => l.code === code);
}

/** currentLanguage is the two-letter code of the language shown. */
export function currentLanguage() {
  return lang;
}

/**
 * preferredLanguage is the language to show: saved (the profile's), else this browser's
 * choice, else the first of the browser's languages Tandem speaks, else English.
 * @param {string} [saved]
 */
export function preferredLanguage(saved) {
  if (isLanguage(saved)) return saved;
  const stored = localStorage.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  for (const tag of navigator.languages || []) {
    const code = tag.slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return 'en';
}

/** rememberLanguage keeps a choice made while signed out, in this browser only. */
export function rememberLanguage(code) {
  localStorage.setItem(STORAGE_KEY, code);
}

/** loadLanguage fetches code's messages and makes it the language shown, on <html lang> too. */
export async function loadLanguage(code) {
  const wanted = isLanguage(code) ? code : 'en';
  const res = await fetch(`/api/v1/i18n/${wanted}`, { headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`messages for ${wanted}: ${res.status}`);
  const doc = await res.json();
  messages = doc.messages;
  lang = wanted;
  document.documentElement.lang = wanted;
}

/**
 * t renders message id with data. A Count in data chooses the plural form; numbers are
 * written the reader's way. A message not found reads as its id, so a gap shows at once.
 * @param {string} id
 * @param {Record<string, any>} [data]
 * @returns {string}
 */
export function t(id, data = {}) {
  const message = messages[id];
  if (message === undefined) return id;
  let text = message;
  if (typeof message === 'object') {
    const form = new Intl.PluralRules(lang).select(Number(data.Count) || 0);
    text = message[form] || message.other;
  }
  return /** @type {string} */ (text).replace(/\{\{\s*\.(\w+)\s*\}\}/g, (_, name) => show(data[name]));
}

function show(value) {
  if (typeof value === 'number') return formatNumber(value);
  if (value === undefined || value === null) return '';
  return String(value);
}

/**
 * formatNumber writes n the reader's way (1 234,5 in French, 1.234,5 in German).
 * @param {number} n
 * @param {Intl.NumberFormatOptions} [options]
 */
export function formatNumber(n, options = {}) {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1, ...options }).format(n);
}

/**
 * formatDate writes an RFC 3339 time as a date in the reader's language.
 * @param {string} iso
 * @param {Intl.DateTimeFormatOptions} [options]
 */
export function formatDate(iso, options = { day: 'numeric', month: 'long', year: 'numeric' }) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(lang, options).format(new Date(iso));
}

/** translateStatic fills the elements of the page shell marked with data-i18n. */
export function translateStatic(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n'));
}

/**
 * contentLang is the lang attribute for catalogue content: the language the item is written in
 * (the language the API reports it was shown in, English when absent), or null when it is the
 * language of the page around it.
 * @param {{language?: string, lang?: string}} [item]
 */
export function contentLang(item) {
  const written = (item && (item.language || item.lang)) || 'en';
  return written === lang ? null : written;
}
