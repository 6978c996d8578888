// A labelled text input with an optional hint, wrapped for form-errors.js.
import { h } from '../dom.js';

/** textField draws a labelled input; name is also the API's field name for errors. */
export function textField(name, label, attrs = {}, hint = '') {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : null;
  return h('div', { className: 'field', 'data-field': name },
    h('label', { for: id }, label, attrs.required ? null : h('span', { className: 'optional' }, ' (optional)')),
    hint ? h('p', { className: 'hint', id: hintId }, hint) : null,
    h('input', { id, name, type: 'text', 'aria-describedby': hintId, ...attrs }));
}
