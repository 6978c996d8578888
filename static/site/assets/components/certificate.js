// A certificate's status and facts as people read them: valid, revoked (with the reason) or
// expired, who holds it, which programme and society, when, and the credits it carries.
import { dateText, h } from '../dom.js';
import { formatNumber, t } from '../i18n.js';

const STATUS = { valid: 'good', revoked: 'bad', expired: 'partial' };

/** certificateStatus is the status as a small label. */
export function certificateStatus(status) {
  const kind = STATUS[status] || 'neutral';
  return h('span', { className: `verdict verdict-${kind}` }, STATUS[status] ? t(`certificates.status_${status}`) : status);
}

/** credits reads "6 CME hours", or '' when the certificate carries none. */
export function credits(c) {
  return c.credits ? `${formatNumber(c.credits)} ${c.credit_unit || t('certificates.credits_unit')}` : '';
}

/** erasedHolder is said in place of the name of a holder who erased their account. */
export function erasedHolder() {
  return t('certificates.erased_holder');
}

/** holderName is the holder's name, or that they erased their account. */
export function holderName(c) {
  return c.holder_erased ? t('certificates.holder_not_shown') : c.holder_name;
}

/** certificateFacts lists what a certificate or its verification (GET /certificates/:serial/verify) says. */
export function certificateFacts(c) {
  const rows = [
    [t('certificates.holder'), holderName(c)],
    [t('certificates.programme'), c.programme],
    c.programme_retired_at ? [t('certificates.programme_status'), t('certificates.programme_retired', { Date: dateText(c.programme_retired_at) })] : null,
    [t('certificates.issued_by'), c.issuer],
    [t('certificates.issued_on'), dateText(c.issued_at)],
    c.expires_at ? [t(c.status === 'valid' || c.status === 'expired' ? `certificates.expiry_${c.status}` : 'certificates.expiry'), dateText(c.expires_at)] : [t('certificates.expiry'), t('quiz.none')],
    c.revoked_at ? [t('certificates.revoked_on'), dateText(c.revoked_at)] : null,
    c.revoked_reason ? [t('certificates.revocation_reason'), c.revoked_reason] : null,
    credits(c) ? [t('certificates.credits'), credits(c)] : null,
    [t('certificates.serial'), h('span', { className: 'serial' }, c.serial)],
  ].filter(Boolean);
  return h('dl', { className: 'facts certificate-facts' }, rows.map(([k, v]) => h('div', {}, h('dt', {}, k), h('dd', {}, v))));
}

/** normaliseSerial turns what someone typed ("tnd 1234 abcd efgh") into the serial's own form. */
export function normaliseSerial(text) {
  const compact = text.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const m = /^TND([0-9A-Z]{4})([0-9A-Z]{4})([0-9A-Z]{4})$/.exec(compact);
  return m ? `TND-${m[1]}-${m[2]}-${m[3]}` : text.trim().toUpperCase();
}
