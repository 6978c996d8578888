// A Markdown editor with a live preview beside it (below it on a phone). The draft is kept in
// this tab's sessionStorage under key, so a reload or a wrong click loses nothing.
import { h, uid } from '../dom.js';
import { markdownPreview } from '../markdown.js';

/**
 * markdownEditor returns the editor's node, value() and clear(). initial fills it when the tab
 * has no draft; label names the text area; name is the API's field, for form-errors.js.
 */
export function markdownEditor({ key, initial = '', label, name }) {
  const id = uid('md');
  const hintId = uid('mdh');
  const saved = sessionStorage.getItem(key);
  const input = h('textarea', { id, name, rows: '14', spellcheck: 'true', className: 'editor-input', 'aria-describedby': hintId });
  input.value = saved ?? initial;
  const preview = h('div', { className: 'prose preview-body' });
  let pending = false;
  const draw = () => {
    pending = false;
    const nodes = markdownPreview(input.value);
    preview.replaceChildren(...(nodes.length ? nodes : [h('p', { className: 'hint' }, 'The preview appears here as you type.')]));
  };
  input.addEventListener('input', () => {
    sessionStorage.setItem(key, input.value);
    if (!pending) {
      pending = true;
      requestAnimationFrame(draw);
    }
  });
  draw();
  const node = h('div', { className: 'editor' },
    h('div', { className: 'field editor-write', 'data-field': name },
      h('label', { for: id }, label),
      h('p', { className: 'hint', id: hintId }, 'Markdown: # for headings, - or 1. for lists, *emphasis*, **bold**, `code`.'),
      input),
    h('div', { className: 'editor-preview' },
      h('p', { className: 'preview-label', id: `${id}-preview` }, 'Preview'),
      h('div', { className: 'preview', role: 'region', 'aria-labelledby': `${id}-preview`, tabindex: '0' }, preview)));
  return {
    node,
    value: () => input.value,
    clear: () => sessionStorage.removeItem(key),
    input,
  };
}
