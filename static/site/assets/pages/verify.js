// Public verification (/verify and /verify/:serial), for anyone, with no account: an employer
// or a hospital types a certificate's serial and reads plainly whether it is valid, revoked
// or expired, whose it is and what it certifies, with the signed credential and the PDF.
import { ApiError, api } from '../api.js';
import { erasedHolder, certificateFacts, normaliseSerial } from '../components/certificate.js';
import { fieldErrors } from '../components/form-errors.js';
import { textField } from '../components/text-field.js';
import { dateText, h } from '../dom.js';
import { navigate } from '../router.js';

const VERDICT = {
  valid: ['good', 'This certificate is valid'],
  revoked: ['bad', 'This certificate has been revoked'],
  expired: ['warn', 'This certificate has expired'],
};

/** @param {{serial?: string}} [params] */
export default async function verifyPage({ serial } = {}) {
  if (!serial) {
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, 'Verify a certificate'),
      h('p', { className: 'lede' }, 'Check a Tandem certificate from its serial. No account is needed.'),
      serialForm(''));
    return { title: 'Verify a certificate', node };
  }
  let v;
  try {
    v = await api(`/certificates/${encodeURIComponent(serial)}/verify`);
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 404) throw err;
    const node = h('div', { className: 'page narrow' },
      h('h1', {}, 'No certificate with this serial'),
      h('p', { className: 'verification verification-bad' }, `Tandem has no certificate with the serial ${serial}. Check it against the certificate: it looks like TND-XXXX-XXXX-XXXX.`),
      serialForm(serial));
    return { title: 'No certificate with this serial', node };
  }
  const [kind, verdict] = VERDICT[v.status] || ['warn', v.status];
  const detail = {
    valid: `Issued ${v.holder_erased ? '' : `to ${v.holder_name} `}by ${v.issuer}${v.expires_at ? `, valid until ${dateText(v.expires_at)}` : ''}.`,
    revoked: `${v.issuer} revoked it${v.revoked_at ? ` on ${dateText(v.revoked_at)}` : ''}${v.revoked_reason ? `: ${v.revoked_reason}` : '.'}`,
    expired: `It was valid until ${dateText(v.expires_at)}.`,
  }[v.status] || '';
  const base = `/api/v1/certificates/${encodeURIComponent(v.serial)}`;
  const node = h('div', { className: 'page narrow' },
    h('p', { className: 'card-kicker' }, 'Certificate verification'),
    h('h1', v.programme_language ? { lang: v.programme_language } : {}, v.programme),
    h('section', { className: `verification verification-${kind}`, 'aria-labelledby': 'verdict', 'data-status': v.status },
      h('p', { className: 'verification-verdict', id: 'verdict' }, verdict),
      h('p', {}, detail),
      v.holder_erased ? h('p', { className: 'holder-erased' }, erasedHolder()) : null),
    certificateFacts(v),
    h('p', { className: 'hint' }, `Checked against Tandem’s records just now. The status shown is the certificate’s status at this moment.`),
    h('section', { 'aria-labelledby': 'proof-heading' },
      h('h2', { id: 'proof-heading' }, 'The certificate itself'),
      h('ul', { className: 'link-list' },
        h('li', {}, h('a', { href: `${base}/pdf`, download: `tandem-certificate-${v.serial}.pdf` }, 'Download the PDF')),
        h('li', {}, h('a', { href: `${base}/credential`, download: `tandem-certificate-${v.serial}.jwt` }, 'Download the signed credential'),
          ' (Open Badges 3.0, as a VC-JWT signed by the society with RS256; ',
          h('a', { href: `${base}/credential?alg=EdDSA`, download: `tandem-certificate-${v.serial}-eddsa.jwt` }, 'EdDSA'), ' on request)'),
        v.issuer_id ? h('li', {}, h('a', { href: `/api/v1/issuers/${encodeURIComponent(v.issuer_id)}/jwks.json` }, 'The society’s public keys'), ' (JWKS), to check the signature yourself') : null)),
    h('section', { 'aria-labelledby': 'another-heading' },
      h('h2', { id: 'another-heading' }, 'Verify another certificate'),
      serialForm('')));
  return { title: `Verify ${v.serial}`, node };
}

function serialForm(value) {
  const form = h('form', { id: 'verify-form', className: 'stack', novalidate: true, role: 'search' },
    textField('serial', 'Certificate serial', { required: true, id: 'verify-serial', autocomplete: 'off', spellcheck: 'false', autocapitalize: 'characters', value },
      'It is printed on the certificate and looks like TND-XXXX-XXXX-XXXX.'),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, 'Verify')));
  const errors = fieldErrors(form);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const serial = normaliseSerial(form.querySelector('#verify-serial').value);
    if (!serial) {
      errors.show({ serial: 'Enter the serial printed on the certificate.' });
      return;
    }
    navigate(`/verify/${encodeURIComponent(serial)}`);
  });
  return form;
}
