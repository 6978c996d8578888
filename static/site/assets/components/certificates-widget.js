// The certificates widget of the dashboard: certificates earned (status, dates, credits, the PDF
// and the public verification page), then programmes within reach, each with what is still
// to do in words, or a button that claims the certificate once everything is done.
import { api, download, newIdempotencyKey } from '../api.js';
import { announce, dateText, h } from '../dom.js';
import { certificateStatus, credits } from './certificate.js';
import { t } from '../i18n.js';

/** certificatesWidget returns the widget's content for the learner in ctx ({me, enrolled}). */
export async function certificatesWidget(ctx) {
  const box = h('div', { className: 'certificates' });
  const keys = new Map(); // one idempotency key per programme for this page
  const fill = async (message) => {
    const [{ items: mine }, { items: programmes }] = await Promise.all([api('/me/certificates'), api('/programmes')]);
    const held = new Set(mine.map((c) => c.programme_id));
    const enrolled = new Set(ctx.enrolled.map((tr) => tr.slug));
    const reachable = programmes.filter((p) => !held.has(p.id) && p.tracks.some((slug) => enrolled.has(slug)));
    const standing = await Promise.all(reachable.map((p) => api(`/programmes/${encodeURIComponent(p.id)}/eligibility`).catch(() => null)));
    box.replaceChildren(...[
      message ? h('p', { className: 'notice notice-good', tabindex: '-1' }, message) : null,
      mine.length
        ? h('ul', { className: 'certificate-list' }, mine.map((c) => h('li', { className: 'certificate', 'data-serial': c.serial },
          h('p', { className: 'certificate-title' }, h('strong', {}, c.programme), ' ', certificateStatus(c.status)),
          h('p', { className: 'card-meta' }, [c.issuer, t('certificates.issued', { Date: dateText(c.issued_at) }), c.expires_at ? t('certificates.valid_until', { Date: dateText(c.expires_at) }) : '', credits(c)].filter(Boolean).join(' · ')),
          c.revoked_reason ? h('p', { className: 'hint' }, t('certificates.revoked_reason', { Reason: c.revoked_reason })) : null,
          h('p', { className: 'certificate-actions' },
            pdfButton(c),
            h('a', { href: `/verify/${encodeURIComponent(c.serial)}` }, t('certificates.verification_page'), h('span', { className: 'visually-hidden' }, ` ${t('certificates.of', { Programme: c.programme })}`))))))
        : h('p', {}, t('certificates.none_yet')),
      reachable.length ? h('h3', {}, t('certificates.working_towards')) : null,
      reachable.length ? h('ul', { className: 'reach-list' }, reachable.map((p, i) => reachItem(p, standing[i], keys, fill))) : null,
      h('p', { className: 'hint learner-id' }, t('certificates.your_id'), ' ', h('code', {}, ctx.me.id)),
    ].filter(Boolean));
    const notice = box.querySelector('.notice');
    if (notice) notice.focus();
  };
  await fill('');
  return box;
}

function pdfButton(c) {
  const button = h('button', { type: 'button', className: 'button button-small button-secondary' }, t('certificates.download'), h('span', { className: 'visually-hidden' }, ` ${t('certificates.of', { Programme: c.programme })}`));
  button.addEventListener('click', async () => {
    button.disabled = true;
    try {
      await download(`/certificates/${encodeURIComponent(c.serial)}/pdf`, `tandem-certificate-${c.serial}.pdf`);
      announce(t('certificates.downloading'));
    } catch (err) {
      announce(t('certificates.download_failed', { Reason: err.message }));
    } finally {
      button.disabled = false;
    }
  });
  return button;
}

function reachItem(p, standing, keys, fill) {
  const item = h('li', { className: 'reach', 'data-programme': p.id },
    h('p', { className: 'certificate-title' }, h('strong', {}, p.title)),
    h('p', { className: 'card-meta' }, [p.issuer.name, p.credits ? `${p.credits} ${p.credit_unit}` : ''].filter(Boolean).join(' · ')));
  if (!standing) {
    item.append(h('p', { className: 'hint' }, t('certificates.standing_unavailable')));
    return item;
  }
  if (!standing.eligible) {
    const tracks = standing.unmet.filter((u) => u.total);
    const done = tracks.reduce((n, u) => n + u.done, 0);
    const total = tracks.reduce((n, u) => n + u.total, 0);
    item.append(
      total ? h('p', { className: 'reach-progress' }, t('certificates.modules_finished', { Count: done, Total: total }), ' ', h('progress', { max: String(total), value: String(done), 'aria-hidden': 'true' })) : null,
      h('p', { className: 'reach-todo' }, t('certificates.still_to_do')), h('ul', { className: 'unmet' }, standing.unmet.map((u) => h('li', {}, u.detail))));
    return item;
  }
  const error = h('p', { className: 'form-error', role: 'alert' });
  const claim = h('button', { type: 'button', className: 'button' }, t('certificates.claim'), h('span', { className: 'visually-hidden' }, ` ${t('certificates.of', { Programme: p.title })}`));
  claim.addEventListener('click', async () => {
    claim.disabled = true;
    error.textContent = '';
    if (!keys.has(p.id)) keys.set(p.id, newIdempotencyKey());
    try {
      const cert = await api(`/programmes/${encodeURIComponent(p.id)}/claim`, { method: 'POST', idempotencyKey: keys.get(p.id) });
      announce(t('certificates.issued_serial', { Serial: cert.serial }));
      await fill(t('certificates.issued_full', { Programme: cert.programme, Serial: cert.serial }));
    } catch (err) {
      error.textContent = err.message;
      claim.disabled = false;
    }
  });
  item.append(h('p', { className: 'reach-ready' }, t('certificates.ready')), h('p', {}, claim), error);
  return item;
}
