// History routing for the single-page UI: maps paths to page modules, follows same-origin
// links without a reload, sends signed-out visitors of private pages to the login page, and
// moves focus to each new page's heading so keyboard and screen-reader users land on it.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { currentUser } from './session.js';
import { t } from './i18n.js';

let routes = [];
let outlet = null;
// path is the address (without its #fragment) of the page shown or being shown.
let current = { cleanup: null, seq: 0, path: '' };
const navListeners = new Set();

/**
 * route declares a path pattern (with :params), its page loader, whether it needs a user, and
 * the roles of which the user needs one (an empty list lets every user in).
 */
export function route(pattern, load, { auth = false, roles = [] } = {}) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  return { regex: new RegExp(`^${source}/?$`), names, load, auth: auth || roles.length > 0, roles };
}

/** onNavigate calls fn with the new path after every page change. */
export function onNavigate(fn) {
  navListeners.add(fn);
}

/** safeNext returns a local path from a ?next= value, or the fallback. */
export function safeNext(value, fallback) {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : fallback;
}

/** setTitle names the window after the page, for a page whose name changes while it is open. */
export function setTitle(title) {
  document.title = title ? `${title} · Tandem` : 'Tandem';
}

/** navigate shows path; replace swaps the history entry instead of adding one. */
export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return show(true);
}

/** reload renders the current page again (after a sign-out, or to retry a failed load). */
export function reload() {
  return show(true);
}

/** startRouter renders the current location into main and takes over link clicks and back/forward. */
export function startRouter(routeList, main) {
  routes = routeList;
  outlet = main;
  document.addEventListener('click', onLinkClick);
  // Chromium fires popstate for an in-page anchor too (the skip link, a #term link): the
  // browser scrolls and moves focus there itself, and the page must not be drawn again.
  window.addEventListener('popstate', () => {
    if (location.pathname + location.search !== current.path) show(true);
  });
  return show(false);
}

function onLinkClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  const link = event.target.closest('a[href]');
  if (!link || link.target || link.hasAttribute('download')) return;
  const url = new URL(link.href, location.href);
  if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
  if (url.pathname === location.pathname && url.search === location.search && url.hash) return; // in-page anchor
  event.preventDefault();
  navigate(url.pathname + url.search + url.hash);
}

function match(pathname) {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (m) {
      const params = {};
      r.names.forEach((name, i) => { params[name] = decodeURIComponent(m[i + 1]); });
      return { r, params };
    }
  }
  return null;
}

async function show(moveFocus) {
  const seq = ++current.seq;
  current.path = location.pathname + location.search;
  if (current.cleanup) current.cleanup();
  current.cleanup = null;
  const query = new URLSearchParams(location.search);
  const found = match(location.pathname);
  outlet.setAttribute('aria-busy', 'true');
  let page;
  try {
    if (!found) {
      page = notFound();
    } else if (found.r.auth && !currentUser()) {
      return navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    } else if (found.r.roles.length && !found.r.roles.some((role) => currentUser().roles.includes(role))) {
      page = notAllowed();
    } else {
      const module = await found.r.load();
      page = await module.default(found.params, query);
    }
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      return navigate(`/login?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
    }
    page = err instanceof ApiError && err.status === 404 ? notFound() : failure(err);
  }
  if (seq !== current.seq) {
    if (page.cleanup) page.cleanup();
    return undefined;
  }
  current.cleanup = page.cleanup || null;
  outlet.replaceChildren(page.node);
  outlet.removeAttribute('aria-busy');
  setTitle(page.title);
  for (const fn of navListeners) fn(location.pathname);
  if (location.hash) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
      target.focus();
      return undefined;
    }
  }
  if (moveFocus) {
    window.scrollTo(0, 0);
    const heading = outlet.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
  }
  return undefined;
}

function notFound() {
  return {
    title: t('page.not_found.title'),
    node: h('div', { className: 'page narrow' },
      h('h1', {}, t('page.not_found.title')),
      h('p', {}, t('page.not_found.body')),
      h('p', {}, h('a', { href: '/' }, t('page.not_found.courses')))),
  };
}

function notAllowed() {
  return {
    title: t('page.forbidden.title'),
    node: h('div', { className: 'page narrow' },
      h('h1', {}, t('page.forbidden.title')),
      h('p', {}, t('page.forbidden.body')),
      h('p', {}, h('a', { href: '/dashboard' }, t('page.forbidden.dashboard')))),
  };
}

function failure(err) {
  return {
    title: t('page.error.title'),
    node: h('div', { className: 'page narrow' },
      h('h1', {}, t('page.error.title')),
      h('p', {}, err.message || t('page.error.body')),
      h('p', {}, h('button', { type: 'button', className: 'button', onclick: () => reload() }, t('common.try_again')))),
  };
}
