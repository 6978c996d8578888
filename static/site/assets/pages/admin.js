// Platform administration (/admin): where a platform admin starts. Each part of the platform
// they run is one link away.
import { h } from '../dom.js';

const PARTS = [
  ['/admin/organisations', 'Organisations', 'Universities and societies: create and rename them, and give people roles in them.'],
  ['/admin/instructors', 'Instructors', 'Promote an account to instructor, or create one for a new colleague.'],
  ['/admin/accommodations', 'Accommodations', 'Extra time, attempts and days for team exercises that follow a learner across the platform.'],
  ['/regrades', 'Regrade quizzes', 'Quizzes whose key or points changed after learners were graded: preview and regrade.'],
  ['/admin/audit', 'Audit log', 'Who did what, and when: filter by person, action, target and date.'],
  ['/admin/lti', 'Learning platforms', 'Moodle, Canvas and other platforms that open Tandem by LTI 1.3.'],
  ['/society', 'Societies', 'Programmes, issued certificates, revocations and signing keys of each society.'],
];

export default async function adminPage() {
  const node = h('div', { className: 'page' },
    h('h1', {}, 'Administration'),
    h('p', { className: 'lede' }, 'Run Tandem for everyone who uses it. Every change here is recorded in the audit log.'),
    h('ul', { className: 'card-list admin-parts' }, PARTS.map(([href, title, text]) => h('li', {},
      h('article', { className: 'card' },
        h('h2', { className: 'card-title' }, h('a', { href }, title)),
        h('p', { className: 'card-summary' }, text))))));
  return { title: 'Administration', node };
}
