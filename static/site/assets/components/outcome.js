// The outcome label of a case study: success, failure or mixed, in words as well as colour.
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** OUTCOMES are the outcomes a case study may have, each with a message. */
const OUTCOMES = ['success', 'failure', 'mixed'];

/** outcomeLabel shows a case study's outcome. */
export function outcomeLabel(outcome) {
  return h('span', { className: `outcome outcome-${outcome}` }, OUTCOMES.includes(outcome) ? t(`pages.outcome_${outcome}`) : outcome);
}
