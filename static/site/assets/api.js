// The only way the UI talks to the server: JSON over /api/v1. Holds the access token in
// memory only; the refresh token lives in an HttpOnly cookie that only the refresh route sees
// (every request says X-Tandem-Session: cookie), so a new tab or a restarted browser resumes
// the session and no script can read the token. On a 401 it refreshes once and retries.
import { currentLanguage, t } from './i18n.js';

const BASE = '/api/v1';
// SIGNED_IN is the cookie (no secret in it) that says a refresh cookie exists.
const SIGNED_IN = 'tandem_signed_in=1';

let accessToken = null;
let refreshing = null;
const sessionListeners = new Set();
const catalogueCache = new Map();

/**
 * RequestOptions are what a call to the API may set besides its path.
 * @typedef {object} RequestOptions
 * @property {string} [method] the HTTP method; GET when not given
 * @property {any} [body] sent as JSON, or as it is when it is a Text
 * @property {string} [idempotencyKey] sent as Idempotency-Key
 */

/**
 * ErrorBody is every error answer of the API.
 * @typedef {object} ErrorBody
 * @property {{code: string, message: string, details?: {fields?: Record<string, string>} & Record<string, any>}} error
 */

/** ApiError is a failed request: status, the server's error code, message and details. */
export class ApiError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || t('api.status', { Status: status }));
    this.status = status;
    this.code = err.code || 'http_' + status;
    this.details = err.details || null;
  }
}

/** onSession calls fn with the user whenever a session starts or is refreshed, and with null when it ends. */
export function onSession(fn) {
  sessionListeners.add(fn);
}

function startSession(session) {
  accessToken = session.access_token;
  for (const fn of sessionListeners) fn(session.user);
}

// The tabs of this site tell each other when the session ends, so signing out in one tab signs
// out every other (their access tokens live in memory, beyond the reach of the cookie's end).
const sessionChannel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('tandem-session') : null;
if (sessionChannel) {
  sessionChannel.onmessage = (event) => {
    if (event.data === 'signed-out') forget();
  };
}

/** endSession forgets the session here and in every other tab (the server clears the refresh cookie). */
function endSession() {
  if (forget() && sessionChannel) sessionChannel.postMessage('signed-out');
}

/** forget drops the access token and the signed-in mark; it reports whether there was a session. */
function forget() {
  const had = accessToken !== null || hasRefreshToken();
  accessToken = null;
  document.cookie = 'tandem_signed_in=; Max-Age=0; Path=/; SameSite=Strict';
  if (had) for (const fn of sessionListeners) fn(null);
  return had;
}

/** hasRefreshToken says whether this browser holds a session that refresh could resume. */
export function hasRefreshToken() {
  return document.cookie.split('; ').includes(SIGNED_IN);
}

/**
 * exclusively runs fn while no other tab of this site refreshes: two tabs spending the same
 * refresh cookie at once would look like a stolen token and end the session.
 * @param {() => Promise<boolean>} fn
 * @returns {Promise<boolean>}
 */
function exclusively(fn) {
  // The DOM typings wrap the callback's promise once more than the browser does.
  return navigator.locks ? /** @type {Promise<any>} */ (navigator.locks.request('tandem-refresh', fn)) : fn();
}

/** refresh trades the refresh cookie for a new pair; concurrent callers share one request. */
export function refresh() {
  if (!refreshing) {
    refreshing = exclusively(async () => {
      if (!hasRefreshToken()) return false;
      const res = await send('POST', '/auth/refresh', {}, false);
      if (!res.ok) {
        endSession();
        return false;
      }
      startSession(await res.json());
      return true;
    }).finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** Text is a request body sent as it is, with its own content type, rather than as JSON. */
class Text {
  constructor(text, type) {
    this.text = text;
    this.type = type;
  }
}

function send(method, path, body, withToken, idempotencyKey, accept = 'application/json') {
  const headers = { Accept: accept, 'Accept-Language': currentLanguage(), 'X-Tandem-Session': 'cookie' };
  if (body !== undefined) headers['Content-Type'] = body instanceof Text ? body.type : 'application/json';
  if (withToken && accessToken) headers.Authorization = `Bearer ${accessToken}`;
  if (idempotencyKey) headers['Idempotency-Key'] = idempotencyKey;
  return fetch(BASE + path, {
    method,
    headers,
    body: body === undefined ? undefined : body instanceof Text ? body.text : JSON.stringify(body),
    credentials: 'same-origin',
  }).catch(() => {
    throw new ApiError(0, { error: { code: 'offline', message: t('api.offline') } });
  });
}

async function parse(res) {
  if (res.status === 204) return null;
  const text = await res.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

/**
 * api sends one request and returns the decoded JSON body (null for 204). It throws ApiError
 * for any error status. A 401 with a refresh token at hand refreshes once and retries. With
 * an idempotencyKey, sending the same request again gets the first response back.
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<any>}
 */
export async function api(path, { method = 'GET', body, idempotencyKey } = {}) {
  if (!accessToken && hasRefreshToken()) await refresh();
  let res = await send(method, path, body, true, idempotencyKey);
  if (res.status === 401 && hasRefreshToken() && await refresh()) {
    res = await send(method, path, body, true, idempotencyKey);
  }
  return parse(res);
}

/** upload posts text (a CSV file, say) as it is, with its content type, and decodes the JSON answer. */
export function upload(path, text, type) {
  return api(path, { method: 'POST', body: new Text(text, type) });
}

/**
 * publicApi sends a request without the caller's token, for routes anyone may call.
 * @param {string} path
 * @param {RequestOptions} [options]
 * @returns {Promise<any>}
 */
export async function publicApi(path, { method = 'GET', body } = {}) {
  return parse(await send(method, path, body, false));
}

/**
 * download fetches a file the API serves (a CSV export, a certificate's PDF) with the
 * caller's token and hands it to the browser as a download named after the server's
 * Content-Disposition, or fallbackName. A plain link cannot carry the Authorization header,
 * so the file comes through a Blob URL instead. It returns the file's name.
 */
export async function download(path, fallbackName) {
  if (!accessToken && hasRefreshToken()) await refresh();
  let res = await send('GET', path, undefined, true, undefined, '*/*');
  if (res.status === 401 && hasRefreshToken() && await refresh()) {
    res = await send('GET', path, undefined, true, undefined, '*/*');
  }
  if (!res.ok) await parse(res);
  const blob = await res.blob();
  const named = /filename="?([^";]+)"?/.exec(res.headers.get('Content-Disposition') || '');
  const name = named ? named[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the URL once the click is handled; keep it a while for slow disks.
  setTimeout(() => URL.revokeObjectURL(url), 60000);
  return name;
}

/** newIdempotencyKey returns a random key for a request that must not happen twice. */
export function newIdempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** catalogue fetches a public catalogue document once per page load: it never changes while the server runs. */
export function catalogue(path) {
  if (!catalogueCache.has(path)) {
    const p = send('GET', path, undefined, false).then(parse);
    p.catch(() => catalogueCache.delete(path));
    catalogueCache.set(path, p);
  }
  return catalogueCache.get(path);
}

/** login starts a session from an email and password. */
export async function login(email, password) {
  const res = await send('POST', '/auth/login', { email, password }, false);
  const session = await parse(res);
  startSession(session);
  return session.user;
}

/** adoptSession starts using a token pair the server handed back (after a password change). */
export function adoptSession(session) {
  startSession(session);
}

/** forgetSession drops both tokens after the server ended every session (signed out everywhere, account deleted). */
export function forgetSession() {
  endSession();
}

/** logout ends this session on the server (which clears the refresh cookie), then forgets the access token. */
export async function logout() {
  try {
    if (accessToken || hasRefreshToken()) await api('/auth/logout', { method: 'POST', body: {} });
  } finally {
    endSession();
  }
}
