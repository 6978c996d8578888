// Form errors: a summary at the top of the form that links to each field in error, and the
// message next to the field ([data-field] marks a field's wrapper). Field names are the ones
// the API uses in its 422 details.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** fieldErrors attaches error display to form and returns show(fields, message) and clear(). */
export function fieldErrors(form) {
  const summary = h('div', { className: 'error-summary', tabindex: '-1', hidden: true });
  form.prepend(summary);

  function clear() {
    summary.hidden = true;
    summary.replaceChildren();
    for (const el of form.querySelectorAll('.field-error')) el.remove();
    for (const el of form.querySelectorAll('[aria-invalid]')) {
      el.removeAttribute('aria-invalid');
      const described = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('err-')).join(' ');
      if (described) el.setAttribute('aria-describedby', described);
      else el.removeAttribute('aria-describedby');
    }
  }

  function show(fields, message) {
    clear();
    const items = [];
    // An API 422 carries its per-field messages under details.fields.
    const byField = fields && typeof fields.fields === 'object' ? fields.fields : fields;
    for (const [name, text] of Object.entries(byField)) {
      const wrapper = form.querySelector(`[data-field="${CSS.escape(name)}"]`);
      if (!wrapper) continue;
      const id = `err-${form.id || 'form'}-${name.replace(/\W/g, '-')}`;
      const label = (wrapper.querySelector('legend, label') || {}).textContent || name;
      const sentence = /[.!?]$/.test(text) ? text : `${label.trim()} ${text}.`;
      const error = h('p', { className: 'field-error', id }, sentence);
      const control = wrapper.querySelector('input, select, textarea');
      const legend = wrapper.querySelector('legend');
      // The message sits just above the control (below its label and hint); in a group of
      // radios, just below the group's legend.
      if (legend) legend.after(error);
      else if (control) control.before(error);
      else wrapper.prepend(error);
      for (const input of wrapper.querySelectorAll('input, select, textarea')) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-describedby', [input.getAttribute('aria-describedby'), id].filter(Boolean).join(' '));
      }
      items.push(h('li', {}, control ? h('a', { href: `#${control.id || ''}`, onclick: (e) => { e.preventDefault(); control.focus(); } }, sentence) : sentence));
    }
    summary.replaceChildren(h('h2', { className: 'error-title' }, t('common.problem')),
      items.length ? h('ul', {}, items) : h('p', {}, message || t('common.something_wrong')));
    summary.hidden = false;
    summary.focus();
  }

  return { show, clear };
}

/**
 * sendForm runs send with the form's submit button disabled and, when given, busy shown in
 * status. If send fails, status is cleared and the error shown through errors (from
 * fieldErrors): as explain words it, when it knows the error ([fields, message]), else as the
 * API's details and message. Resolves to whether send succeeded.
 * @param {HTMLFormElement} form
 * @param {{show: (fields: object, message?: string) => void}} errors
 * @param {() => Promise<unknown>} send
 * @param {{status?: HTMLElement|null, busy?: string, explain?: (err: any) => [object, string?]|null}} [options]
 * @returns {Promise<boolean>}
 */
export async function sendForm(form, errors, send, { status = null, busy = '', explain = () => null } = {}) {
  const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
  button.disabled = true;
  if (status && busy) status.textContent = busy;
  try {
    await send();
    return true;
  } catch (err) {
    if (status) status.textContent = '';
    const [fields, message] = explain(err) || [err.details || {}, err.message];
    errors.show(fields, message);
    return false;
  } finally {
    button.disabled = false;
  }
}

/** showMissing shows the messages of missing (field name to message), if any; reports whether it did. */
export function showMissing(errors, missing) {
  if (!Object.keys(missing).length) return false;
  errors.show(missing);
  return true;
}
