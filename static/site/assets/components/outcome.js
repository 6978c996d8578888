// The outcome label of a case study: success, failure or mixed, in words as well as colour.
import { h } from '../dom.js';

const LABELS = { success: 'Success', failure: 'Failure', mixed: 'Mixed results' };

/** outcomeLabel shows a case study's outcome. */
export function outcomeLabel(outcome) {
  return h('span', { className: `outcome outcome-${outcome}` }, LABELS[outcome] || outcome);
}
