// Certificate offers (/offers): certificates a society offers the learner, which nothing makes
// public until the learner accepts; and what the learner's claims showed each society, the
// only way a society sees whether they meet a programme.
import { api, newIdempotencyKey } from '../api.js';
import { certificateStatus, credits } from '../components/certificate.js';
import { announce, dateText, h } from '../dom.js';

export default async function offersPage() {
  const [{ items: offers }, { items: applications }] = await Promise.all([api('/me/offers'), api('/me/applications')]);
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, 'Certificate offers'),
    h('p', { className: 'lede' }, 'A society may offer you a certificate. Nothing is issued, and nobody can verify it, until you accept; if you decline, nothing is kept on your record.'),
    h('section', { 'aria-labelledby': 'offers-heading' },
      h('h2', { id: 'offers-heading' }, 'Offers to you'),
      offers.length
        ? h('ul', { className: 'card-list offers' }, offers.map((o) => h('li', {}, offerCard(o))))
        : h('p', { className: 'hint' }, 'No offer waits for you.')),
    h('section', { 'aria-labelledby': 'shared-heading' },
      h('h2', { id: 'shared-heading' }, 'What you shared with societies'),
      h('p', {}, 'When you claim a certificate, or accept an offer, the programme’s society sees your name and email, whether you met the programme, and what was still to do. This is what each society has seen, as of your latest claim.'),
      applications.length
        ? h('ul', { className: 'card-list applications' }, applications.map((a) => h('li', {}, applicationCard(a))))
        : h('p', { className: 'hint' }, 'You have shared nothing with any society.')));
  return { title: 'Certificate offers', node };
}

function offerCard(o) {
  const p = o.programme;
  const key = newIdempotencyKey();
  const result = h('div', { className: 'answer-result', tabindex: '-1' });
  const accept = h('button', { type: 'button', className: 'button' }, 'Accept the certificate', h('span', { className: 'visually-hidden' }, ` ${p.title}`));
  const decline = h('button', { type: 'button', className: 'button button-secondary' }, 'Decline', h('span', { className: 'visually-hidden' }, ` ${p.title}`));
  const card = h('article', { className: 'card offer', 'data-offer': o.id },
    h('h3', { className: 'card-title' }, p.title),
    h('p', { className: 'card-meta' }, [p.issuer.name, credits(p), `offered ${dateText(o.offered_at)}`].filter(Boolean).join(' · ')),
    h('p', {}, 'Accepting issues the certificate with your name, publicly verifiable by its serial, if you meet the programme. It shows the society your standing, as a claim does.'),
    h('p', { className: 'answer-actions' }, accept, ' ', decline),
    result);
  accept.addEventListener('click', async () => {
    accept.disabled = true;
    decline.disabled = true;
    try {
      const cert = await api(`/offers/${encodeURIComponent(o.id)}/accept`, { method: 'POST', idempotencyKey: key });
      card.replaceChildren(h('div', { className: 'notice notice-good', tabindex: '-1', 'data-result': 'accepted', 'data-serial': cert.serial },
        h('p', { className: 'reply-title' }, `Your certificate of ${p.title} is issued`),
        h('p', {}, certificateStatus(cert.status), ` Serial ${cert.serial}. `, h('a', { href: `/verify/${encodeURIComponent(cert.serial)}` }, 'Its verification page'), '.')));
      card.querySelector('.notice').focus();
      announce(`Your certificate of ${p.title} is issued.`);
    } catch (err) {
      accept.disabled = err.status === 410;
      decline.disabled = err.status === 410;
      const unmet = err.code === 'not_eligible' && err.details && err.details.unmet;
      result.replaceChildren(h('div', { className: 'notice', role: 'alert' },
        h('p', { className: 'reply-title' }, unmet ? 'You do not meet the programme yet' : err.message),
        unmet ? h('ul', {}, unmet.map((u) => h('li', {}, u.detail))) : null));
    }
  });
  decline.addEventListener('click', async () => {
    accept.disabled = true;
    decline.disabled = true;
    try {
      await api(`/offers/${encodeURIComponent(o.id)}/decline`, { method: 'POST' });
      card.replaceChildren(h('p', { className: 'notice', tabindex: '-1', 'data-result': 'declined' }, `You declined the certificate of ${p.title}.`));
      card.querySelector('.notice').focus();
      announce('Declined.');
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
    h('p', { className: 'card-meta' }, `${a.issuer} · claimed ${dateText(a.applied_at)}`),
    h('p', {}, `Shared: your name (${a.name}), your email (${a.email}), and that you `, h('strong', {}, a.eligible ? 'met the programme' : 'did not meet it yet'), a.unmet.length ? ':' : '.'),
    a.unmet.length ? h('ul', {}, a.unmet.map((u) => h('li', {}, u.detail))) : null);
}
