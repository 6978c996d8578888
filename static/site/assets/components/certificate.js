// A certificate's status and facts as people read them: valid, revoked (with the reason) or
// expired, who holds it, which programme and society, when, and the credits it carries.
import { dateText, h } from '../dom.js';

const STATUS = {
  valid: ['good', 'Valid'],
  revoked: ['bad', 'Revoked'],
  expired: ['partial', 'Expired'],
};

/** certificateStatus is the status as a small label. */
export function certificateStatus(status) {
  const [kind, label] = STATUS[status] || ['neutral', status];
  return h('span', { className: `verdict verdict-${kind}` }, label);
}

/** credits reads "6 CME hours", or '' when the certificate carries none. */
export function credits(c) {
  return c.credits ? `${c.credits} ${c.credit_unit || 'credits'}` : '';
}

/** ERASED_HOLDER is said in place of the name of a holder who erased their account. */
export const ERASED_HOLDER = 'The holder has erased their Tandem account, so their name is no longer shown. The certificate remains valid as issued.';

/** holderName is the holder's name, or that they erased their account. */
export function holderName(c) {
  return c.holder_erased ? 'Not shown: the holder erased their account' : c.holder_name;
}

/** certificateFacts lists what a certificate or its verification (GET /certificates/:serial/verify) says. */
export function certificateFacts(c) {
  const rows = [
    ['Holder', holderName(c)],
    ['Programme', c.programme],
    c.programme_retired_at ? ['Programme status', `Retired on ${dateText(c.programme_retired_at)}: it issues no new certificates, and those it issued keep their status.`] : null,
    ['Issued by', c.issuer],
    ['Issued on', dateText(c.issued_at)],
    c.expires_at ? [{ valid: 'Valid until', expired: 'Expired on' }[c.status] || 'Expiry date', dateText(c.expires_at)] : ['Expiry date', 'None'],
    c.revoked_at ? ['Revoked on', dateText(c.revoked_at)] : null,
    c.revoked_reason ? ['Reason for revocation', c.revoked_reason] : null,
    credits(c) ? ['Credits', credits(c)] : null,
    ['Serial', h('span', { className: 'serial' }, c.serial)],
  ].filter(Boolean);
  return h('dl', { className: 'facts certificate-facts' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

/** normaliseSerial turns what someone typed ("tnd 1234 abcd efgh") into the serial's own form. */
export function normaliseSerial(text) {
  const compact = text.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const m = /^TND([0-9A-Z]{4})([0-9A-Z]{4})([0-9A-Z]{4})$/.exec(compact);
  return m ? `TND-${m[1]}-${m[2]}-${m[3]}` : text.trim().toUpperCase();
}
