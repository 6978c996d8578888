// The lesson reader (/lessons/:slug): the lesson in readable type, glossary terms that open
// in place, references, mark complete, the way on (next lesson or the quiz), the counterpart
// module, and a feedback form.
import { catalogue } from '../api.js';
import { glossary } from '../catalog.js';
import { breadcrumbs } from '../components/breadcrumbs.js';
import { completeButton } from '../components/complete-button.js';
import { counterpartBridge } from '../components/counterpart.js';
import { fallbackNote } from '../components/fallback-note.js';
import { enhanceGlossaryTerms } from '../components/glossary-terms.js';
import { lessonFeedback } from '../components/lesson-feedback.js';
import { badge, h, minutes, reference, rendered } from '../dom.js';
import { currentUser } from '../session.js';

export default async function lessonPage({ slug }) {
  const l = await catalogue(`/lessons/${encodeURIComponent(slug)}`);
  const [m, terms] = await Promise.all([catalogue(`/modules/${encodeURIComponent(l.module)}`), glossary()]);
  const t = await catalogue(`/tracks/${encodeURIComponent(m.track)}`);
  const position = m.lessons.findIndex((x) => x.slug === l.slug) + 1;
  const prose = rendered('div', 'prose', l.html);
  enhanceGlossaryTerms(prose, terms);
  const user = currentUser();
  const node = h('div', { className: 'page reader' },
    breadcrumbs([['Courses', '/'], [t.title, `/tracks/${encodeURIComponent(t.slug)}`], [m.title, `/modules/${encodeURIComponent(m.slug)}`]]),
    h('article', { className: `lesson ${t.audience}`, lang: l.language },
      h('header', { className: 'lesson-head' },
        h('p', { className: 'card-kicker' }, badge(t.audience), ` ${m.title} · lesson ${position} of ${m.lessons.length}`),
        h('h1', {}, l.title),
        h('p', { className: 'card-meta' }, `${minutes(l.minutes)} read`),
        fallbackNote(l)),
      prose,
      l.references.length ? h('section', { className: 'references', 'aria-labelledby': 'refs-heading' },
        h('h2', { id: 'refs-heading' }, 'References'),
        h('ol', {}, l.references.map(reference))) : null),
    h('div', { className: 'lesson-actions' },
      user ? completeButton(l.slug) : h('p', {}, h('a', { href: `/login?next=${encodeURIComponent(location.pathname)}` }, 'Log in'), ' to record your progress.'),
      wayOn(l, m)),
    counterpartBridge(l.counterpart || m.counterpart, t.audience),
    user ? h('details', { className: 'feedback' },
      h('summary', {}, 'Give feedback on this lesson'),
      lessonFeedback(l.slug)) : null);
  return { title: l.title, node };
}

function wayOn(l, m) {
  const links = [];
  if (l.prev) links.push(h('a', { className: 'pager-prev', href: `/lessons/${encodeURIComponent(l.prev.slug)}` }, h('span', { className: 'pager-label' }, 'Previous lesson'), l.prev.title));
  if (l.next && l.next.module === m.slug) {
    links.push(h('a', { className: 'pager-next', href: `/lessons/${encodeURIComponent(l.next.slug)}` }, h('span', { className: 'pager-label' }, 'Next lesson'), l.next.title));
  } else if (m.quiz) {
    links.push(h('a', { className: 'pager-next', href: `/quizzes/${encodeURIComponent(m.quiz.slug)}` }, h('span', { className: 'pager-label' }, 'End of module: quiz'), m.quiz.title));
  } else if (l.next) {
    links.push(h('a', { className: 'pager-next', href: `/lessons/${encodeURIComponent(l.next.slug)}` }, h('span', { className: 'pager-label' }, 'Next module'), l.next.title));
  }
  return h('nav', { className: 'pager', 'aria-label': 'Lessons' }, links);
}
