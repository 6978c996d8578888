// What a learner sees before joining a cohort and after: an invitation (or a join code's
// cohort) with what joining shares and buttons that answer it, and the cohorts they are in,
// each of which they can leave.
import { api } from '../api.js';
import { announce, dateText, h } from '../dom.js';
import { t } from '../i18n.js';
import { andList } from './cohort-nav.js';

/** sharesText says what joining a cohort on tracks (titles) lets its instructors see. */
export function sharesText(trackTitles) {
  return t('cohort.consent.shares', { Tracks: andList(trackTitles) });
}

/** titlesOf names a cohort's tracks from the catalogue's tracks. */
export function titlesOf(cohort, all) {
  return cohort.tracks.map((slug) => (all.find((tr) => tr.slug === slug) || { title: slug }).title);
}

/**
 * invitationCard draws an invitation with Accept and Decline; token is the link's token when
 * the invitation came by link. onAnswered(cohort|null) runs after an answer.
 */
export function invitationCard(inv, token, all, onAnswered) {
  const titles = titlesOf(inv.cohort, all);
  const result = h('div', { className: 'answer-result', tabindex: '-1' });
  const accept = h('button', { type: 'button', className: 'button' }, t('cohort.consent.accept'), h('span', { className: 'visually-hidden' }, ` ${inv.cohort.name}`));
  const decline = h('button', { type: 'button', className: 'button button-secondary' }, t('cohort.consent.decline'), h('span', { className: 'visually-hidden' }, ` ${inv.cohort.name}`));
  const card = h('article', { className: 'card invitation', 'data-invitation': inv.id },
    h('h3', { className: 'card-title' }, inv.cohort.name),
    h('p', { className: 'card-meta' }, [andList(titles), t('cohort.consent.invited_by', { Name: inv.invited_by }), t('cohort.consent.answer_by', { Date: dateText(inv.expires_at) })].join(' · ')),
    h('p', { className: 'shares' }, sharesText(titles)),
    h('p', { className: 'answer-actions' }, accept, ' ', decline),
    result);
  const answer = async (verb) => {
    accept.disabled = true;
    decline.disabled = true;
    try {
      const cohort = await api(`/invitations/${encodeURIComponent(inv.id)}/${verb}`, { method: 'POST', body: token ? { token } : undefined });
      card.replaceChildren(h('p', { className: `notice ${cohort ? 'notice-good' : ''}`, tabindex: '-1', 'data-result': verb },
        t(cohort ? 'cohort.consent.joined' : 'cohort.consent.declined', { Cohort: inv.cohort.name })));
      card.querySelector('.notice').focus();
      announce(cohort ? t('cohort.consent.joined', { Cohort: inv.cohort.name }) : t('cohort.consent.declined_short'));
      await onAnswered(cohort);
    } catch (err) {
      result.replaceChildren(h('p', { className: 'notice', role: 'alert' }, err.message));
      if (err.status !== 410) {
        accept.disabled = false;
        decline.disabled = false;
      }
    }
  };
  accept.addEventListener('click', () => answer('accept'));
  decline.addEventListener('click', () => answer('decline'));
  return card;
}

/** myCohorts lists the cohorts the learner is in, each with a way to leave it. */
export function myCohorts(cohorts, all, onLeft) {
  const mine = cohorts.filter((c) => c.role === 'member');
  if (!mine.length) return h('p', { className: 'hint' }, t('cohort.consent.none'));
  return h('ul', { className: 'card-list my-cohorts' }, mine.map((c) => h('li', {}, leaveCard(c, all, onLeft))));
}

function leaveCard(c, all, onLeft) {
  const confirmArea = h('div', { className: 'leave-confirm' });
  const leave = h('button', { type: 'button', className: 'button button-secondary' }, t('cohort.consent.leave'), h('span', { className: 'visually-hidden' }, ` ${c.name}`));
  const card = h('article', { className: 'card my-cohort', 'data-cohort': c.id },
    h('h3', { className: 'card-title' }, c.name),
    h('p', { className: 'card-meta' }, andList(titlesOf(c, all))),
    h('p', {}, leave),
    confirmArea);
  leave.addEventListener('click', () => {
    leave.hidden = true;
    const yes = h('button', { type: 'button', className: 'button' }, t('cohort.consent.leave_confirm'));
    const no = h('button', { type: 'button', className: 'button button-quiet' }, t('cohort.consent.stay'));
    confirmArea.replaceChildren(h('div', { className: 'notice', role: 'group', 'aria-label': t('cohort.consent.leave_question', { Cohort: c.name }) },
      h('p', {}, t('cohort.consent.leave_body', { Cohort: c.name })),
      h('p', {}, yes, ' ', no)));
    yes.focus();
    no.addEventListener('click', () => {
      confirmArea.replaceChildren();
      leave.hidden = false;
      leave.focus();
    });
    yes.addEventListener('click', async () => {
      yes.disabled = true;
      try {
        await api(`/cohorts/${encodeURIComponent(c.id)}/leave`, { method: 'POST' });
        card.replaceChildren(h('p', { className: 'notice notice-good', tabindex: '-1', 'data-result': 'left' }, t('cohort.consent.left', { Cohort: c.name })));
        card.querySelector('.notice').focus();
        announce(t('cohort.consent.left', { Cohort: c.name }));
        await onLeft();
      } catch (err) {
        yes.disabled = false;
        announce(t('cohort.consent.not_left', { Reason: err.message }));
      }
    });
  });
  return card;
}
