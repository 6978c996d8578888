// A labelled text input (or textarea) with an optional hint, wrapped for form-errors.js.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/**
 * textField draws a labelled input; name is also the API's field name for errors. attrs.id
 * sets the input's id where one page holds several forms with the same fields.
 */
export function textField(name, label, attrs = {}, hint = '') {
  return field('input', name, label, { type: 'text', ...attrs }, hint);
}

/** textArea draws a labelled textarea the way textField draws an input. */
export function textArea(name, label, attrs = {}, hint = '') {
  return field('textarea', name, label, { rows: '4', ...attrs }, hint);
}

function field(tag, name, label, attrs, hint) {
  const id = attrs.id || `field-${name}`;
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { className: 'field', 'data-field': name },
    h('label', { for: id }, label, attrs.required ? null : h('span', { className: 'optional' }, ` ${t('common.optional')}`)),
    hint ? h('p', { className: 'hint', id: hintId }, hint) : null,
    h(tag, { ...attrs, id, name, 'aria-describedby': hintId }));
}
