// Certificate offers (/offers): certificates a society offers the learner, which nothing makes
// public until the learner accepts; and what the learner's claims showed each society, the
// only way a society sees whether they meet a programme.
import { api, newIdempotencyKey } from '../api.js';
import { certificateStatus, credits } from '../components/certificate.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';

export default async function offersPage() {
  const [{ items: offers }, { items: applications }] = await Promise.all([api('/me/offers'), api('/me/applications')]);
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, t('pages.offers_title')),
    h('p', { className: 'lede' }, t('pages.offers_lede')),
    h('section', { 'aria-labelledby': 'offers-heading' },
      h('h2', { id: 'offers-heading' }, t('pages.offers_to_you')),
      offers.length
        ? h('ul', { className: 'card-list offers' }, offers.map((o) => h('li', {}, offerCard(o))))
        : h('p', { className: 'hint' }, t('pages.offers_none'))),
    h('section', { 'aria-labelledby': 'shared-heading' },
      h('h2', { id: 'shared-heading' }, t('pages.shared_heading')),
      h('p', {}, t('pages.shared_lede')),
      applications.length
        ? h('ul', { className: 'card-list applications' }, applications.map((a) => h('li', {}, applicationCard(a))))
        : h('p', { className: 'hint' }, t('pages.shared_none'))));
  return { title: t('pages.offers_title'), node };
}

function offerCard(o) {
  const p = o.programme;
  const key = newIdempotencyKey();
  const result = h('div', { className: 'answer-result', tabindex: '-1' });
  const accept = h('button', { type: 'button', className: 'button' }, t('pages.offer_accept'), h('span', { className: 'visually-hidden' }, ` ${p.title}`));
  const decline = h('button', { type: 'button', className: 'button button-secondary' }, t('pages.offer_decline'), h('span', { className: 'visually-hidden' }, ` ${p.title}`));
  const card = h('article', { className: 'card offer', 'data-offer': o.id },
    h('h3', { className: 'card-title' }, p.title),
    h('p', { className: 'card-meta' }, [p.issuer.name, credits(p), t('pages.offered_on', { Date: dateText(o.offered_at) })].filter(Boolean).join(' · ')),
    h('p', {}, t('pages.offer_explained')),
    h('p', { className: 'answer-actions' }, accept, ' ', decline),
    result);
  accept.addEventListener('click', async () => {
    accept.disabled = true;
    decline.disabled = true;
    try {
      const cert = await api(`/offers/${encodeURIComponent(o.id)}/accept`, { method: 'POST', idempotencyKey: key });
      card.replaceChildren(h('div', { className: 'notice notice-good', tabindex: '-1', 'data-result': 'accepted', 'data-serial': cert.serial },
        h('p', { className: 'reply-title' }, t('pages.offer_issued', { Programme: p.title })),
        h('p', {}, certificateStatus(cert.status), ` ${t('pages.offer_serial', { Serial: cert.serial })} `, h('a', { href: `/verify/${encodeURIComponent(cert.serial)}` }, t('pages.offer_verification_page')), '.')));
      card.querySelector('.notice').focus();
      announce(t('pages.offer_issued_sentence', { Programme: p.title }));
    } catch (err) {
      accept.disabled = err.status === 410;
      decline.disabled = err.status === 410;
      const unmet = err.code === 'not_eligible' && err.details && err.details.unmet;
      result.replaceChildren(h('div', { className: 'notice', role: 'alert' },
        h('p', { className: 'reply-title' }, unmet ? t('pages.offer_unmet') : err.message),
        unmet ? h('ul', {}, unmet.map((u) => h('li', {}, u.detail))) : null));
    }
  });
  decline.addEventListener('click', async () => {
    accept.disabled = true;
    decline.disabled = true;
    try {
      await api(`/offers/${encodeURIComponent(o.id)}/decline`, { method: 'POST' });
      card.replaceChildren(h('p', { className: 'notice', tabindex: '-1', 'data-result': 'declined' }, t('pages.offer_declined', { Programme: p.title })));
      card.querySelector('.notice').focus();
      announce(t('pages.offer_declined_short'));
    } catch (err) {
      decline.disabled = err.status === 410;
      result.replaceChildren(h('p', { className: 'notice', role: 'alert' }, err.message));
    }
  });
  return card;
}

function applicationCard(a) {
  return h('article', { className: 'card application', 'data-programme': a.programme_id },
    h('h3', { className: 'card-title' }, a.programme),
    h('p', { className: 'card-meta' }, `${a.issuer} · ${t('pages.claimed_on', { Date: dateText(a.applied_at) })}`),
    h('p', {}, `${t('pages.shared_what', { Name: a.name, Email: a.email })} `, h('strong', {}, a.eligible ? t('pages.shared_met') : t('pages.shared_not_met')), a.unmet.length ? ':' : '.'),
    a.unmet.length ? h('ul', {}, a.unmet.map((u) => h('li', {}, u.detail))) : null);
}
