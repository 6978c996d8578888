// @ts-check
// A Markdown editor with a live preview beside it (below it on a phone). The preview is what
// the server will store: the server renders and sanitises the text with the very code that
// stores a version (tables rendered, scripts gone), and the page shows it as it shows a stored
// version. The draft is kept in this tab's sessionStorage under key, so a reload or a wrong
// click loses nothing.
import { api } from '../api.js';
import { h, sanitised, uid } from '../dom.js';
import { t } from '../i18n.js';

/** PAUSE is how long typing must pause, in milliseconds, before the preview is asked for. */
const PAUSE = 300;

/**
 * markdownEditor returns the editor's node, value() and clear(). initial fills it when the tab
 * has no draft; label names the text area; name is the API's field, for form-errors.js.
 * @param {{key: string, initial?: string, label: string, name: string}} options
 */
export function markdownEditor({ key, initial = '', label, name }) {
  const id = uid('md');
  const hintId = uid('mdh');
  const saved = sessionStorage.getItem(key);
  const input = /** @type {HTMLTextAreaElement} */ (h('textarea', { id, name, rows: '14', spellcheck: 'true', className: 'editor-input', 'aria-describedby': hintId }));
  input.value = saved ?? initial;
  const preview = h('div', { className: 'prose preview-body', 'aria-busy': 'false' });
  let timer = 0;
  let asked = 0;
  const draw = async () => {
    const text = input.value;
    if (!text.trim()) {
      preview.replaceChildren(h('p', { className: 'hint' }, t('team.preview_empty')));
      return;
    }
    asked += 1;
    const mine = asked;
    preview.setAttribute('aria-busy', 'true');
    try {
      const { html } = await api('/markdown/preview', { method: 'POST', body: { markdown: text } });
      if (mine === asked) preview.replaceChildren(...sanitised('div', '', html).childNodes);
    } catch {
      if (mine === asked) preview.replaceChildren(h('p', { className: 'hint' }, t('team.preview_unavailable')));
    } finally {
      if (mine === asked) preview.setAttribute('aria-busy', 'false');
    }
  };
  input.addEventListener('input', () => {
    sessionStorage.setItem(key, input.value);
    clearTimeout(timer);
    timer = window.setTimeout(draw, PAUSE);
  });
  draw();
  const node = h('div', { className: 'editor' },
    h('div', { className: 'field editor-write', 'data-field': name },
      h('label', { for: id }, label),
      h('p', { className: 'hint', id: hintId }, t('team.markdown_hint')),
      input),
    h('div', { className: 'editor-preview' },
      h('p', { className: 'preview-label', id: `${id}-preview` }, t('team.preview_label')),
      h('div', { className: 'preview', role: 'region', 'aria-labelledby': `${id}-preview`, tabindex: '0' }, preview)));
  return {
    node,
    value: () => input.value,
    clear: () => sessionStorage.removeItem(key),
    input,
  };
}
