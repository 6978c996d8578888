// One quiz question as a form field, for every question type: radio groups (single choice,
// true/false, judgement), checkboxes (multiple choice), a number, a short text, an ordering
// list, and a select per item for matching. Each field reads back its answer in the shape
// the API takes, and can be filled from a saved draft.
import { h, rendered, uid } from '../dom.js';
import { orderingList } from './ordering.js';
import { contentLang, formatNumber, t } from '../i18n.js';


/**
 * questionField draws question q (number n of total). saved is a draft answer to restore, and
 * onChange runs whenever the answer changes. It returns the node, answer() (the answer to
 * send, or null when unanswered) and problem() (a message when the input cannot be sent).
 */
export function questionField(q, n, total, saved, onChange) {
  const numberId = uid('qn');
  const promptId = uid('qp');
  const hintId = uid('qh');
  let hint = t(`question.hint_${q.type}`);
  if (q.type === 'matching' && q.targets.length > q.items.length) hint += ` ${t('question.some_match_nothing')}`;
  const body = build(q, saved, onChange, `${numberId} ${promptId}`);
  const prompt = rendered('div', 'prompt', q.prompt_html);
  prompt.id = promptId;
  // A question names its language only where it differs from its attempt's, which the form
  // around it carries.
  const written = q.language && contentLang(q);
  if (written) prompt.lang = written;
  const node = h('li', { className: `question question-${q.type.replace('_', '-')}`, id: `question-${n}`, 'data-question': q.id },
    h('fieldset', { 'aria-labelledby': `${numberId} ${promptId}`, 'aria-describedby': hintId },
      h('p', { className: 'question-number', id: numberId }, t('question.number', { Number: n, Total: total }),
        q.points !== 1 ? h('span', { className: 'points' }, ` · ${t('question.points', { Count: q.points })}`) : null),
      prompt,
      h('p', { className: 'hint', id: hintId }, hint),
      body.node));
  return { node, answer: body.answer, problem: body.problem || (() => null) };
}

function build(q, saved, onChange, labelledBy) {
  switch (q.type) {
    case 'single_choice':
    case 'true_false':
    case 'judgement':
      return choices(q, 'radio', saved, onChange);
    case 'multiple_choice':
      return choices(q, 'checkbox', saved, onChange);
    case 'numeric':
      return numeric(q, saved, onChange);
    case 'short_text':
      return shortText(q, saved, onChange);
    case 'ordering':
      return ordering(q, saved, onChange, labelledBy);
    case 'matching':
      return matching(q, saved, onChange);
    case 'reflection':
      return reflection(q, saved, onChange);
    default:
      return { node: h('p', {}, t('question.unsupported')), answer: () => null };
  }
}

function choices(q, type, saved, onChange) {
  const name = uid('choice');
  const chosen = new Set((saved && saved.choice_ids) || []);
  const node = h('div', { className: `choices ${q.type === 'true_false' ? 'choices-inline' : ''}` },
    q.options.map((o) => h('label', { className: 'choice' },
      h('input', { type, name, value: o.id, checked: chosen.has(o.id), onchange: onChange }),
      h('span', {}, o.text))));
  return {
    node,
    answer: () => {
      const ids = [...node.querySelectorAll('input:checked')].map((i) => i.value);
      return ids.length ? { question_id: q.id, choice_ids: ids } : null;
    },
  };
}

/** parseNumber reads a number typed with a decimal point or a decimal comma. */
function parseNumber(text) {
  const plain = text.trim().replace(/\s/g, '').replace(',', '.');
  return /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(plain) ? Number(plain) : NaN;
}

function numeric(q, saved, onChange) {
  const id = uid('num');
  const input = h('input', { type: 'text', id, inputmode: 'decimal', autocomplete: 'off', className: 'input-short',
    value: saved && typeof saved.value === 'number' ? String(saved.value) : '', oninput: onChange });
  return {
    node: h('div', { className: 'field' }, h('label', { for: id }, t('question.your_answer')), input),
    answer: () => {
      const v = parseNumber(input.value);
      return input.value.trim() && !Number.isNaN(v) ? { question_id: q.id, value: v } : null;
    },
    problem: () => (input.value.trim() && Number.isNaN(parseNumber(input.value)) ? { message: t('question.enter_number', { Example: formatNumber(0.5) }), input } : null),
  };
}

function shortText(q, saved, onChange) {
  const id = uid('text');
  const input = h('input', { type: 'text', id, autocomplete: 'off', spellcheck: 'false', maxlength: '200',
    value: (saved && saved.text) || '', oninput: onChange });
  return {
    node: h('div', { className: 'field' }, h('label', { for: id }, t('question.your_answer')), input),
    answer: () => (input.value.trim() ? { question_id: q.id, text: input.value.trim() } : null),
  };
}

function reflection(q, saved, onChange) {
  const id = uid('reflection');
  const input = h('textarea', { id, rows: '10', maxlength: '20000', className: 'reflection-input', value: (saved && saved.text) || '', oninput: onChange });
  return {
    node: h('div', { className: 'field' }, h('label', { for: id }, t('question.your_reflection')), input),
    answer: () => (input.value.trim() ? { question_id: q.id, text: input.value } : null),
  };
}

// An ordering is answered once the learner has moved an item (or had, before a reload): the
// order as first shown is the attempt's, not theirs.
function ordering(q, saved, onChange, labelledBy) {
  let items = q.items;
  let moved = false;
  if (saved && Array.isArray(saved.order) && saved.order.length === items.length) {
    const byId = new Map(items.map((i) => [i.id, i]));
    if (saved.order.every((id) => byId.has(id))) {
      items = saved.order.map((id) => byId.get(id));
      moved = true;
    }
  }
  const list = orderingList(items, labelledBy, () => {
    moved = true;
    onChange();
  });
  return { node: list.node, answer: () => (moved ? { question_id: q.id, order: list.order() } : null) };
}

function matching(q, saved, onChange) {
  const pairs = (saved && saved.pairs) || {};
  const selects = [];
  const node = h('div', { className: 'matching' }, q.items.map((item) => {
    const id = uid('match');
    // A select shows its choice on one line, cut off on a phone: the full text follows below.
    const chosen = h('p', { className: 'match-chosen', id: `${id}-chosen` });
    const show = () => { chosen.textContent = select.value ? select.selectedOptions[0].textContent : ''; };
    const select = h('select', { id, 'data-item': item.id, 'aria-describedby': `${id}-chosen`, onchange: () => { show(); onChange(); } },
      h('option', { value: '' }, t('question.choose_answer')),
      q.targets.map((target) => h('option', { value: target.id }, target.text)));
    select.value = pairs[item.id] || '';
    show();
    selects.push(select);
    return h('div', { className: 'match-row' }, h('label', { for: id }, item.text), select, chosen);
  }));
  return {
    node,
    answer: () => {
      const chosen = {};
      for (const s of selects) if (s.value) chosen[s.dataset.item] = s.value;
      return Object.keys(chosen).length ? { question_id: q.id, pairs: chosen } : null;
    },
  };
}
