// An ordering answer: a list the learner rearranges. Every item has Move up and Move down
// buttons (keyboard and switch users) and a handle to drag it (mouse and touch, through
// pointer events). Each move is announced.
import { announce, h } from '../dom.js';
import { t } from '../i18n.js';

/** orderingList draws items ([{id, text}]) in the given order; onChange runs after every move. */
export function orderingList(items, labelledBy, onChange) {
  const list = h('ol', { className: 'ordering', 'aria-labelledby': labelledBy });
  const byId = new Map(items.map((item) => [item.id, item]));

  function refresh() {
    const rows = [...list.children];
    rows.forEach((li, i) => {
      li.querySelector('.ordering-pos').textContent = String(i + 1);
      li.querySelector('.move-up').disabled = i === 0;
      li.querySelector('.move-down').disabled = i === rows.length - 1;
    });
  }

  function moved(li, button) {
    refresh();
    const rows = [...list.children];
    const pos = rows.indexOf(li) + 1;
    announce(t('ordering.position', { Item: byId.get(li.dataset.id).text, Position: pos, Total: rows.length }));
    if (button && button.disabled) {
      li.querySelector(button.classList.contains('move-up') ? '.move-down' : '.move-up').focus();
    }
    onChange();
  }

  for (const item of items) {
    const handle = h('span', { className: 'drag-handle', 'aria-hidden': 'true', title: t('ordering.drag') });
    const up = h('button', { type: 'button', className: 'move-up button-icon', 'aria-label': t('ordering.up', { Item: item.text }) }, '↑');
    const down = h('button', { type: 'button', className: 'move-down button-icon', 'aria-label': t('ordering.down', { Item: item.text }) }, '↓');
    const li = h('li', { className: 'ordering-item', 'data-id': item.id },
      handle,
      h('span', { className: 'ordering-pos', 'aria-hidden': 'true' }),
      h('span', { className: 'ordering-text' }, item.text),
      h('span', { className: 'ordering-buttons' }, up, down));
    up.addEventListener('click', () => {
      if (li.previousElementSibling) {
        li.previousElementSibling.before(li);
        up.focus();
        moved(li, up);
      }
    });
    down.addEventListener('click', () => {
      if (li.nextElementSibling) {
        li.nextElementSibling.after(li);
        down.focus();
        moved(li, down);
      }
    });
    handle.addEventListener('pointerdown', (event) => drag(event, li, handle, () => moved(li, null)));
    list.append(li);
  }
  refresh();
  return { node: list, order: () => [...list.children].map((li) => li.dataset.id) };
}

// drag moves li while the pointer is down. The dragged item itself never leaves the document
// (its neighbours move around it), so the handle keeps its pointer capture throughout.
function drag(event, li, handle, done) {
  if (event.button !== 0) return;
  event.preventDefault();
  handle.setPointerCapture(event.pointerId);
  li.classList.add('dragging');
  const start = [...li.parentElement.children].indexOf(li);
  const move = (ev) => {
    for (;;) {
      const prev = li.previousElementSibling;
      const next = li.nextElementSibling;
      if (prev && ev.clientY < midpoint(prev)) li.after(prev);
      else if (next && ev.clientY > midpoint(next)) li.before(next);
      else break;
    }
  };
  const end = () => {
    handle.removeEventListener('pointermove', move);
    handle.removeEventListener('pointerup', end);
    handle.removeEventListener('pointercancel', end);
    li.classList.remove('dragging');
    if ([...li.parentElement.children].indexOf(li) !== start) done();
  };
  handle.addEventListener('pointermove', move);
  handle.addEventListener('pointerup', end);
  handle.addEventListener('pointercancel', end);
}

function midpoint(el) {
  const r = el.getBoundingClientRect();
  return r.top + r.height / 2;
}
