// Cohort invitations (/invitations): where a learner answers the invitations sent to them,
// joins with a code, and leaves the cohorts they are in. Invitation links (#token=…) and join
// links (#code=…) land here; the secret is kept in the tab, never in the address or history,
// so that signing in on the way does not lose it.
import { api, publicApi } from '../api.js';
import { tracks } from '../catalog.js';
import { invitationCard, myCohorts, sharesText, titlesOf } from '../components/cohort-consent.js';
import { fieldErrors, sendForm } from '../components/form-errors.js';
import { announce, dateText, h } from '../dom.js';
import { currentUser } from '../session.js';
import { currentLanguage, t } from '../i18n.js';

const TOKEN_KEY = 'tandem.invitation_token';
const CODE_KEY = 'tandem.join_code';

/** andList joins names the reader's way ("A and B", "A et B"). */
const andList = (/** @type {string[]} */ names) => new Intl.ListFormat(currentLanguage(), { type: 'conjunction' }).format(names);

/** keepLinkSecrets moves a #token= or #code= from the address into the tab's storage. */
function keepLinkSecrets() {
  const found = new URLSearchParams(location.hash.slice(1));
  if (found.get('token')) sessionStorage.setItem(TOKEN_KEY, found.get('token'));
  if (found.get('code')) sessionStorage.setItem(CODE_KEY, found.get('code'));
  if (found.get('token') || found.get('code')) history.replaceState(null, '', location.pathname);
}

export default async function invitationsPage() {
  keepLinkSecrets();
  const token = sessionStorage.getItem(TOKEN_KEY);
  const all = await tracks();
  if (!currentUser()) return signedOut(token, all);
  const cohortsArea = h('div', { className: 'my-cohorts-area' });
  const drawCohorts = async () => cohortsArea.replaceChildren(myCohorts((await api('/cohorts')).items, all, async () => {}));
  const [{ items: mine }, linked] = await Promise.all([api('/me/invitations'), token ? lookup(token) : null, drawCohorts()]);
  const answered = async () => {
    sessionStorage.removeItem(TOKEN_KEY);
    await drawCohorts();
  };
  const others = mine.filter((inv) => !linked || linked.id !== inv.id);
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, t('pages.invitations_title')),
    h('p', { className: 'lede' }, t('pages.invitations_lede')),
    linked ? h('section', { 'aria-labelledby': 'linked-heading' },
      h('h2', { id: 'linked-heading' }, t('pages.invitations_from_link')),
      linked instanceof Error
        ? h('p', { className: 'notice', role: 'alert', 'data-result': 'link' }, linked.message)
        : invitationCard(linked, token, all, answered)) : null,
    h('section', { 'aria-labelledby': 'invitations-heading' },
      h('h2', { id: 'invitations-heading' }, t('pages.invitations_to_you')),
      others.length
        ? h('ul', { className: 'card-list invitations' }, others.map((inv) => h('li', {}, invitationCard(inv, '', all, drawCohorts))))
        : h('p', { className: 'hint' }, t('pages.invitations_none', { Email: currentUser().email }))),
    h('section', { className: 'panel', 'aria-labelledby': 'join-heading' },
      h('h2', { id: 'join-heading' }, t('pages.join_heading')),
      joinForm(all, drawCohorts)),
    h('section', { 'aria-labelledby': 'cohorts-heading' },
      h('h2', { id: 'cohorts-heading' }, t('pages.your_cohorts')),
      cohortsArea));
  return { title: t('pages.invitations_title'), node };
}

// lookup reads the invitation a link's token belongs to, or the error that says why it cannot
// be answered any more.
async function lookup(token) {
  try {
    return await publicApi('/invitations/lookup', { method: 'POST', body: { token } });
  } catch (err) {
    if (err.status === 404 || err.status === 410) return err;
    throw err;
  }
}

async function signedOut(token, all) {
  const linked = token ? await lookup(token) : null;
  const back = encodeURIComponent('/invitations');
  const node = h('div', { className: 'page narrow' },
    h('h1', {}, t('pages.invitations_title')),
    linked instanceof Error ? h('p', { className: 'notice', role: 'alert', 'data-result': 'link' }, linked.message) : null,
    linked && !(linked instanceof Error) ? h('article', { className: 'card invitation', 'data-invitation': linked.id },
      h('h2', { className: 'card-title' }, t('pages.invites_you', { Name: linked.invited_by, Cohort: linked.cohort.name })),
      h('p', { className: 'card-meta' }, `${andList(titlesOf(linked.cohort, all))} · ${t('pages.answer_by', { Date: dateText(linked.expires_at) })}`),
      h('p', { className: 'shares' }, sharesText(titlesOf(linked.cohort, all)))) : null,
    h('p', {}, t('pages.invitations_signed_out')),
    h('p', { className: 'answer-actions' },
      h('a', { className: 'button', href: `/login?next=${back}` }, t('header.log_in')), ' ',
      h('a', { className: 'button button-secondary', href: `/register?next=${back}` }, t('login.create'))));
  return { title: t('pages.invitations_title'), node };
}

function joinForm(all, onJoined) {
  const preview = h('div', { className: 'join-preview', tabindex: '-1' });
  const form = h('form', { id: 'join-form', novalidate: true },
    h('div', { className: 'field', 'data-field': 'code' },
      h('label', { for: 'join-code' }, t('pages.join_code')),
      h('p', { className: 'hint', id: 'join-code-hint' }, t('pages.join_code_hint', { Example: 'K7QM-2XPD-9RTA' })),
      h('input', { type: 'text', id: 'join-code', name: 'code', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'join-code-hint',
        value: sessionStorage.getItem(CODE_KEY) || '' })),
    h('p', {}, h('button', { type: 'submit', className: 'button' }, t('pages.join_find'))),
    preview);
  const errors = fieldErrors(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = form.querySelector('#join-code').value.trim();
    if (!code) {
      errors.show({ code: t('pages.join_missing') });
      return;
    }
    preview.replaceChildren();
    await sendForm(form, errors, async () => {
      try {
        const found = await api('/join-codes/lookup', { method: 'POST', body: { code } });
        preview.replaceChildren(joinPreview(found, code, all, onJoined));
        preview.focus();
      } catch (err) {
        if (err.status === 404) throw Object.assign(err, { details: { code: t('pages.join_unknown') } });
        throw err;
      }
    });
  });
  return form;
}

function joinPreview(found, code, all, onJoined) {
  const titles = titlesOf(found.cohort, all);
  const join = h('button', { type: 'button', className: 'button' }, t('pages.join_cohort', { Cohort: found.cohort.name }));
  const box = h('article', { className: 'card join-cohort', 'data-cohort': found.cohort.id },
    h('h3', { className: 'card-title' }, found.cohort.name),
    h('p', { className: 'card-meta' }, `${andList(titles)} · ${t('pages.code_valid_until', { Date: dateText(found.expires_at) })}`),
    h('p', { className: 'shares' }, sharesText(titles)),
    h('p', {}, join));
  join.addEventListener('click', async () => {
    join.disabled = true;
    try {
      await api('/join-codes/redeem', { method: 'POST', body: { code } });
      sessionStorage.removeItem(CODE_KEY);
      box.replaceChildren(h('p', { className: 'notice notice-good', tabindex: '-1', 'data-result': 'joined' }, t('pages.joined', { Cohort: found.cohort.name })));
      box.querySelector('.notice').focus();
      announce(t('pages.joined', { Cohort: found.cohort.name }));
      await onJoined();
    } catch (err) {
      join.disabled = false;
      box.append(h('p', { className: 'notice', role: 'alert' }, err.message));
    }
  });
  return box;
}
