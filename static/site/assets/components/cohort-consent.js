// What a learner sees before joining a cohort and after: an invitation (or a join code's
// cohort) with what joining shares and buttons that answer it, and the cohorts they are in,
// each of which they can leave.
import { api } from '../api.js';
import { announce, dateText, h } from '../dom.js';

/** sharesText says what joining a cohort on tracks (titles) lets its instructors see. */
export function sharesText(trackTitles) {
  return `If you join, its instructors see your name, email, discipline and institution, your progress on ${trackTitles.join(' and ')}, and your team’s work, from the day you join: nothing from before, and nothing from other cohorts. You can leave at any time.`;
}

/** titlesOf names a cohort's tracks from the catalogue's tracks. */
export function titlesOf(cohort, all) {
  return cohort.tracks.map((slug) => (all.find((t) => t.slug === slug) || { title: slug }).title);
}

/**
 * invitationCard draws an invitation with Accept and Decline; token is the link's token when
 * the invitation came by link. onAnswered(cohort|null) runs after an answer.
 */
export function invitationCard(inv, token, all, onAnswered) {
  const titles = titlesOf(inv.cohort, all);
  const result = h('div', { className: 'answer-result', tabindex: '-1' });
  const accept = h('button', { type: 'button', className: 'button' }, 'Accept and join', h('span', { className: 'visually-hidden' }, ` ${inv.cohort.name}`));
  const decline = h('button', { type: 'button', className: 'button button-secondary' }, 'Decline', h('span', { className: 'visually-hidden' }, ` ${inv.cohort.name}`));
  const card = h('article', { className: 'card invitation', 'data-invitation': inv.id },
    h('h3', { className: 'card-title' }, inv.cohort.name),
    h('p', { className: 'card-meta' }, [titles.join(' and '), `invited by ${inv.invited_by}`, `answer by ${dateText(inv.expires_at)}`].join(' · ')),
    h('p', { className: 'shares' }, sharesText(titles)),
    h('p', { className: 'answer-actions' }, accept, ' ', decline),
    result);
  const answer = async (verb) => {
    accept.disabled = true;
    decline.disabled = true;
    try {
      const cohort = await api(`/invitations/${encodeURIComponent(inv.id)}/${verb}`, { method: 'POST', body: token ? { token } : undefined });
      card.replaceChildren(h('p', { className: `notice ${cohort ? 'notice-good' : ''}`, tabindex: '-1', 'data-result': verb },
        cohort ? `You joined ${inv.cohort.name}.` : `You declined the invitation to ${inv.cohort.name}.`));
      card.querySelector('.notice').focus();
      announce(cohort ? `You joined ${inv.cohort.name}.` : 'Declined.');
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
  if (!mine.length) return h('p', { className: 'hint' }, 'You are in no cohort.');
  return h('ul', { className: 'card-list my-cohorts' }, mine.map((c) => h('li', {}, leaveCard(c, all, onLeft))));
}

function leaveCard(c, all, onLeft) {
  const confirmArea = h('div', { className: 'leave-confirm' });
  const leave = h('button', { type: 'button', className: 'button button-secondary' }, 'Leave', h('span', { className: 'visually-hidden' }, ` ${c.name}`));
  const card = h('article', { className: 'card my-cohort', 'data-cohort': c.id },
    h('h3', { className: 'card-title' }, c.name),
    h('p', { className: 'card-meta' }, titlesOf(c, all).join(' and ')),
    h('p', {}, leave),
    confirmArea);
  leave.addEventListener('click', () => {
    leave.hidden = true;
    const yes = h('button', { type: 'button', className: 'button' }, 'Leave the cohort');
    const no = h('button', { type: 'button', className: 'button button-quiet' }, 'Stay');
    confirmArea.replaceChildren(h('div', { className: 'notice', role: 'group', 'aria-label': `Leave ${c.name}?` },
      h('p', {}, `Leave ${c.name}? Its instructors will no longer see your work. You leave your team, and the peer ratings you gave and received there are withdrawn; work your team sent stays with the team.`),
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
        card.replaceChildren(h('p', { className: 'notice notice-good', tabindex: '-1', 'data-result': 'left' }, `You left ${c.name}.`));
        card.querySelector('.notice').focus();
        announce(`You left ${c.name}.`);
        await onLeft();
      } catch (err) {
        yes.disabled = false;
        announce(`You did not leave: ${err.message}`);
      }
    });
  });
  return card;
}
