// How clinical and technical learners answered a judgement question, as a small bar chart
// whose every bar also reads as text. A group with fewer than five answers shows its count
// only, so no one is singled out.
import { api } from '../api.js';
import { h, percent, uid } from '../dom.js';
import { t } from '../i18n.js';

const MIN_GROUP = 5;
const GROUPS = ['clinical', 'technical'];

/**
 * perspectives loads and draws the perspectives of judgement question q (with its options) as
 * shown in attempt attemptId, whose option ids the counts are keyed by.
 */
export async function perspectives(q, attemptId) {
  const data = await api(`/questions/${encodeURIComponent(q.id)}/perspectives?attempt=${encodeURIComponent(attemptId)}`);
  const captionId = uid('persp');
  const shown = GROUPS.filter((key) => data.groups[key] && data.groups[key].options);
  const notes = GROUPS.map((key) => {
    const g = data.groups[key] || { n: 0 };
    const group = t(`perspectives.${key}_learners`);
    if (g.options) return t('perspectives.answers', { Group: group, Count: g.n });
    return t('perspectives.too_few', { Group: group, Count: g.n, Min: MIN_GROUP });
  });
  return h('figure', { className: 'perspectives', 'aria-labelledby': captionId },
    h('figcaption', { id: captionId }, t('perspectives.caption')),
    h('p', { className: 'perspectives-notes' }, notes.join(' ')),
    shown.length ? h('ul', { className: 'bars' }, q.options.map((o) => h('li', {},
      h('p', { className: 'bar-option' }, o.text),
      shown.map((key) => bar(key, data.groups[key], o.id))))) : null);
}

function bar(key, group, optionId) {
  const count = group.options[optionId] || 0;
  const share = group.n ? Math.round((100 * count) / group.n) : 0;
  const fill = h('span', { className: `bar-fill ${key}` });
  fill.style.width = `${share}%`;
  return h('p', { className: 'bar-row' },
    h('span', { className: 'bar-label' }, t(`audience.${key}`)),
    h('span', { className: 'bar-track', 'aria-hidden': 'true' }, fill),
    h('span', { className: 'bar-value' }, percent(share), h('span', { className: 'bar-count' }, ` ${t('perspectives.count', { Count: count, Total: group.n })}`)));
}
