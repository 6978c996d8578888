// Pieces the administration pages share: a labelled select wrapped for form-errors.js, a
// table that scrolls on its own on a narrow screen, and the names of organisation roles.
import { h } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';

/** ROLES are the roles a member can hold in an organisation. */
export const ROLES = ['member', 'instructor', 'society_admin', 'author'];

/** roleName names an organisation role in the reader's language. */
export function roleName(role) {
  return ROLES.includes(role) ? t(`admin.role.${role}`) : role;
}

/**
 * selectField draws a labelled select of options ([value, label] pairs); name is the API's
 * field name for errors.
 * @param {string} name
 * @param {string} label
 * @param {string[][]} options
 * @param {Record<string, any>} [attrs]
 * @param {string} [hint]
 */
export function selectField(name, label, options, attrs = {}, hint = '') {
  const id = attrs.id || `field-${name}`;
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { className: 'field', 'data-field': name },
    h('label', { for: id }, label),
    hint ? h('p', { className: 'hint', id: hintId }, hint) : null,
    h('select', { ...attrs, id, name, 'aria-describedby': hintId },
      options.map(([value, text]) => h('option', { value, selected: value === attrs.value }, text))));
}

/**
 * dataTable draws a table with a caption and column headings in a wrapper that scrolls
 * sideways on its own and can be scrolled from the keyboard. An empty heading is a column of
 * actions, named for screen readers only.
 * @param {string} caption
 * @param {string[]} headings
 * @param {HTMLElement[]} rows
 * @param {string} [className]
 */
export function dataTable(caption, headings, rows, className = '') {
  // On a phone the rows stack as cards and each cell says which column it is (app.css).
  for (const row of rows) {
    [...row.children].forEach((cell, i) => { if (headings[i]) cell.setAttribute('data-label', headings[i]); });
  }
  return h('div', { className: 'table-wrap admin-table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h('table', { className: `admin-table ${className}`.trim() },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headings.map((text) => h('th', { scope: 'col' }, text || h('span', { className: 'visually-hidden' }, t('admin.actions')))))),
      h('tbody', {}, rows)));
}

/** adminLinks is the row of links between the platform administration pages. */
export function adminLinks(current) {
  const links = [['/admin/organisations', t('admin.organisations_title')], ['/admin/instructors', t('admin.instructors_title')], ['/admin/audit', t('admin.audit_log')], ['/admin/lti', t('admin.learning_platforms')]];
  return h('nav', { className: 'subnav', 'aria-label': t('admin.title') },
    h('ul', {}, links.map(([href, label]) => h('li', {}, h('a', { href, 'aria-current': href === current ? 'page' : null }, label)))));
}

/**
 * filtersInAddress makes submitting form show path with the form's non-empty fields of names
 * as its query, so a filtered view can be shared and the back button returns to the last one.
 * @param {HTMLFormElement} form
 * @param {string[]} names
 * @param {string} path
 */
export function filtersInAddress(form, names, path) {
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const name of names) {
      const v = /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value.trim();
      if (v) params.set(name, v);
    }
    navigate(`${path}${params.size ? `?${params}` : ''}`);
  });
  return form;
}
