// Sentences with an element inside (a link, a serial that links to its page): the message's
// placeholders named in nodes become those elements, placed where the reader's language puts
// them, so no sentence is put together from translated fragments.
import { t } from '../i18n.js';

/**
 * linkedText renders message id with data, each placeholder named in nodes drawn as that node.
 * @param {string} id
 * @param {Record<string, any>} data
 * @param {Record<string, Node>} nodes
 * @returns {Array<string | Node>}
 */
export function linkedText(id, data, nodes) {
  const names = Object.keys(nodes);
  const marked = { ...data };
  names.forEach((name, i) => { marked[name] = `\u0000${i}\u0000`; });
  return t(id, marked).split('\u0000').map((part, i) => (i % 2 ? nodes[names[Number(part)]] : part)).filter((part) => part !== '');
}
