// Tandem web UI entry point: restores the session, draws the header and starts the router.
import { renderHeader } from './components/header.js';
import { onNavigate, reload, route, startRouter } from './router.js';
import { currentUser, onUserChange, restore } from './session.js';
import { currentLanguage, loadLanguage, preferredLanguage, translateStatic } from './i18n.js';

// Who may open the instructors' and the societies' pages (the API checks again on every call).
const STAFF = ['instructor', 'admin'];
const SOCIETY = ['society_admin', 'admin'];

const routes = [
  route('/', () => import('./pages/catalogue.js')),
  route('/tracks/:slug', () => import('./pages/track.js')),
  route('/modules/:slug', () => import('./pages/module.js')),
  route('/lessons/:slug', () => import('./pages/lesson.js')),
  route('/glossary', () => import('./pages/glossary.js')),
  route('/case-studies', () => import('./pages/case-studies.js')),
  route('/case-studies/:slug', () => import('./pages/case-study.js')),
  route('/exercises', () => import('./pages/exercises.js')),
  route('/exercises/:slug', () => import('./pages/exercise.js')),
  route('/labs', () => import('./pages/labs.js')),
  route('/labs/:slug', () => import('./pages/lab.js')),
  route('/quizzes/:slug', () => import('./pages/quiz.js'), { auth: true }),
  route('/quizzes/:slug/statistics', () => import('./pages/quiz-statistics.js'), { roles: ['author', 'admin'] }),
  route('/regrades', () => import('./pages/regrades.js'), { roles: ['author', 'admin'] }),
  route('/regrades/:slug', () => import('./pages/regrades.js'), { roles: ['author', 'admin'] }),
  route('/attempts/:id', () => import('./pages/attempt.js'), { auth: true }),
  route('/dashboard', () => import('./pages/dashboard.js'), { auth: true }),
  route('/teams', () => import('./pages/teams.js'), { auth: true }),
  // Invitation and join links land here signed out too; the page asks to log in itself.
  route('/invitations', () => import('./pages/invitations.js')),
  route('/offers', () => import('./pages/offers.js'), { auth: true }),
  route('/teams/:cohort/:team', () => import('./pages/team.js'), { auth: true }),
  route('/teams/:cohort/:team/:exercise', () => import('./pages/team-exercise.js'), { auth: true }),
  route('/teach', () => import('./pages/teach.js'), { roles: STAFF }),
  route('/teach/feedback', () => import('./pages/teach-feedback.js'), { roles: [...STAFF, 'author'] }),
  route('/teach/cohorts/:id', () => import('./pages/cohort.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/members', () => import('./pages/cohort-members.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/exercises', () => import('./pages/cohort-exercises.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/teams', () => import('./pages/cohort-teams.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/reviews', () => import('./pages/cohort-reviews.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/cross-reviews/:exercise', () => import('./pages/cohort-cross-review.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/labs/:slug', () => import('./pages/lab-debrief.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/platform', () => import('./pages/cohort-platform.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/statistics', () => import('./pages/quiz-statistics.js'), { roles: STAFF }),
  route('/teach/cohorts/:id/accommodations', () => import('./pages/cohort-accommodations.js'), { roles: STAFF }),
  route('/society', () => import('./pages/society.js'), { roles: SOCIETY }),
  route('/society/:org', () => import('./pages/society-org.js'), { roles: SOCIETY }),
  route('/verify', () => import('./pages/verify.js')),
  route('/verify/:serial', () => import('./pages/verify.js')),
  route('/login', () => import('./pages/login.js')),
  route('/register', () => import('./pages/register.js')),
  route('/account', () => import('./pages/account.js'), { auth: true }),
  route('/notifications', () => import('./pages/notifications.js'), { auth: true }),
  route('/verify-email', () => import('./pages/verify-email.js')),
  route('/forgot-password', () => import('./pages/forgot-password.js')),
  route('/reset-password', () => import('./pages/reset-password.js')),
  route('/goodbye', () => import('./pages/goodbye.js')),
  route('/lti/signed-in', () => import('./pages/lti-signed-in.js')),
  route('/sign-in/done', () => import('./pages/sign-in-done.js')),
  route('/sign-in/link', () => import('./pages/sign-in-link.js')),
  route('/admin/lti', () => import('./pages/admin-lti.js'), { roles: ['admin'] }),
  route('/admin', () => import('./pages/admin.js'), { roles: ['admin'] }),
  route('/admin/organisations', () => import('./pages/admin-organisations.js'), { roles: ['admin'] }),
  route('/admin/organisations/:id', () => import('./pages/admin-organisation.js'), { roles: SOCIETY }),
  route('/admin/instructors', () => import('./pages/admin-instructors.js'), { roles: ['admin'] }),
  route('/admin/accommodations', () => import('./pages/admin-accommodations.js'), { roles: ['admin'] }),
  route('/admin/audit', () => import('./pages/admin-audit.js'), { roles: ['admin'] }),
  route('/society/:org/certificates', () => import('./pages/society-certificates.js'), { roles: SOCIETY }),
  route('/society/:org/programmes/:id', () => import('./pages/society-programme.js'), { roles: SOCIETY }),
  route('/lti/deep-links/:id', () => import('./pages/lti-deep-link.js'), { roles: STAFF }),
];

// showLanguage loads the messages of code (when not shown already) and translates the page shell.
async function showLanguage(code) {
  if (code !== currentLanguage() || !document.documentElement.dataset.translated) await loadLanguage(code);
  document.documentElement.dataset.translated = 'true';
  translateStatic();
}

async function start() {
  const header = document.getElementById('site-header');
  await showLanguage(preferredLanguage()).catch(() => null);
  const restored = await restore().catch(() => null);
  if (restored && restored.language) await showLanguage(preferredLanguage(restored.language)).catch(() => null);
  renderHeader(header);
  onNavigate(() => renderHeader(header));
  let signedIn = Boolean(currentUser());
  onUserChange(async (user) => {
    // A learner who signs in sees the language saved in their profile.
    if (user && user.language && user.language !== currentLanguage()) {
      await showLanguage(user.language).catch(() => null);
      reload();
    }
    renderHeader(header);
    // After a sign-out (or a refresh the server refused) the page is drawn again for a visitor;
    // a private page then sends them to the login page.
    if (signedIn && !user) reload();
    signedIn = Boolean(user);
  });
  await startRouter(routes, document.getElementById('main'));
}

start();
