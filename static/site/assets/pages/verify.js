// Public verification (/verify and /verify/:serial), for anyone, with no account: an employer
// or a hospital types a certificate's serial and reads plainly whether it is valid, revoked
// or expired, whose it is and what it certifies, with the signed credential and the PDF.
import { ApiError, api } from '../api.js';
import { erasedHolder, certificateFacts, normaliseSerial } from '../components/certificate.js';
import { fieldErrors } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { dateText, h } from '../dom.js';
import { t } from '../i18n.js';
import { navigate } from '../router.js';

const VERDICT = {
  valid: ['good', 'staff2.verify.valid'],
  revoked: ['bad', 'staff2.verify.revoked'],
  expired: ['warn', 'staff2.verify.expired'],
};

/** @param {{serial?: string}} [params] */
export default async function verifyPage({ serial } = {}) {
  if (!serial) {
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, t('shell.verify')),
      h('p', { className: 'lede' }, t('staff2.verify.lede')),
      serialForm(''));
    return { title: t('shell.verify'), node };
  }
  let v;
  try {
    v = await api(`/certificates/${encodeURIComponent(serial)}/verify`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, t('staff2.verify.unknown_title')),
      h('p', { className: 'verification verification-bad' }, t('staff2.verify.unknown', { Serial: serial })),
      serialForm(serial));
    return { title: t('staff2.verify.unknown_title'), node };
  }
  const [kind, verdictKey] = VERDICT[v.status] || ['warn', ''];
  const verdict = verdictKey ? t(verdictKey) : v.status;
  const detail = verdictDetail(v);
  const base = `/api/v1/certificates/${encodeURIComponent(v.serial)}`;
  const node = h('div', { className: 'page narrow' },
    h('p', { className: 'card-kicker' }, t('staff2.verify.kicker')),
    h('h1', v.programme_language ? { lang: v.programme_language } : {}, v.programme),
    h('section', { className: `verification verification-${kind}`, 'aria-labelledby': 'verdict', 'data-status': v.status },
      h('p', { className: 'verification-verdict', id: 'verdict' }, verdict),
      h('p', {}, detail),
      v.holder_erased ? h('p', { className: 'holder-erased' }, erasedHolder()) : null),
    certificateFacts(v),
    h('p', { className: 'hint' }, t('staff2.verify.checked_now')),
    h('section', { 'aria-labelledby': 'proof-heading' },
      h('h2', { id: 'proof-heading' }, t('staff2.verify.itself')),
      h('ul', { className: 'link-list' },
        h('li', {}, h('a', { href: `${base}/pdf`, download: `tandem-certificate-${v.serial}.pdf` }, t('certificates.download'))),
        h('li', {}, h('a', { href: `${base}/credential`, download: `tandem-certificate-${v.serial}.jwt` }, t('staff2.verify.download_credential')),
          t('staff2.verify.credential_format'),
          h('a', { href: `${base}/credential?alg=EdDSA`, download: `tandem-certificate-${v.serial}-eddsa.jwt` }, 'EdDSA'), t('staff2.verify.on_request')),
        v.issuer_id ? h('li', {}, h('a', { href: `/api/v1/issuers/${encodeURIComponent(v.issuer_id)}/jwks.json` }, t('staff2.verify.public_keys')), t('staff2.verify.public_keys_why')) : null)),
    h('section', { 'aria-labelledby': 'another-heading' },
      h('h2', { id: 'another-heading' }, t('staff2.verify.another')),
      serialForm('')));
  return { title: t('staff2.verify.title_serial', { Serial: v.serial }), node };
}

/** verdictDetail says in a sentence who issued the certificate and until when it holds, or why not. */
function verdictDetail(v) {
  switch (v.status) {
    case 'valid': {
      const data = { Name: v.holder_name, Issuer: v.issuer, Date: dateText(v.expires_at) };
      const key = `staff2.verify.issued${v.holder_erased ? '' : '_to'}${v.expires_at ? '_until' : ''}`;
      return t(key, data);
    }
    case 'revoked': {
      const data = { Issuer: v.issuer, Date: dateText(v.revoked_at), Reason: v.revoked_reason };
      return t(`staff2.verify.revoked_by${v.revoked_at ? '_on' : ''}${v.revoked_reason ? '_reason' : ''}`, data);
    }
    case 'expired':
      return t('staff2.verify.was_valid', { Date: dateText(v.expires_at) });
    default:
      return '';
  }
}

function serialForm(value) {
  const form = h('form', { id: 'verify-form', className: 'stack', novalidate: true, role: 'search' },
    textField('serial', t('society.revoke.serial'), { required: true, id: 'verify-serial', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', value },
      t('staff2.verify.serial_hint')),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('staff2.verify.submit'))));
  const errors = fieldErrors(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const serial = normaliseSerial(form.querySelector('#verify-serial').value);
    if (!serial) {
      errors.show({ serial: t('staff2.verify.serial_missing') });
      return;
    }
    navigate(`/verify/${encodeURIComponent(serial)}`);
  });
  return form;
}
