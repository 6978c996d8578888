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
import { contentLang, t } from '../i18n.js';

export default async function lessonPage({ slug }) {
  const l = await catalogue(`/lessons/${encodeURIComponent(slug)}`);
  const [m, terms] = await Promise.all([catalogue(`/modules/${encodeURIComponent(l.module)}`), glossary()]);
  const track = await catalogue(`/tracks/${encodeURIComponent(m.track)}`);
  const position = m.lessons.findIndex((x) => x.slug === l.slug) + 1;
  const prose = rendered('div', 'prose', l.html);
  const written = contentLang(l);
  if (written) prose.lang = written;
  enhanceGlossaryTerms(prose, terms);
  const user = currentUser();
  const node = h('div', { className: 'page reader' },
    breadcrumbs([[t('header.courses'), '/'], [track.title, `/tracks/${encodeURIComponent(track.slug)}`], [m.title, `/modules/${encodeURIComponent(m.slug)}`]]),
    h('article', { className: `lesson ${track.audience}` },
      h('header', { className: 'lesson-head' },
        h('p', { className: 'card-kicker' }, badge(track.audience), ' ', h('span', { lang: contentLang(m) }, m.title), ` · ${t('lesson.position', { Position: position, Total: m.lessons.length })}`),
        h('h1', { lang: contentLang(l) }, l.title),
        h('p', { className: 'card-meta' }, t('lesson.read_time', { Time: minutes(l.minutes) })),
        fallbackNote(l)),
      prose,
      l.references.length ? h('section', { className: 'references', 'aria-labelledby': 'refs-heading' },
        h('h2', { id: 'refs-heading' }, t('lesson.references')),
        h('ol', {}, l.references.map(reference))) : null),
    h('div', { className: 'lesson-actions' },
      user ? completeButton(l.slug) : h('p', {}, h('a', { href: `/login?next=${encodeURIComponent(location.pathname)}` }, t('header.log_in')), ' ', t('lesson.to_record')),
      wayOn(l, m)),
    counterpartBridge(l.counterpart || m.counterpart, track.audience),
    user ? h('details', { className: 'feedback' },
      h('summary', {}, t('lesson.give_feedback')),
      lessonFeedback(l.slug)) : null);
  return { title: l.title, node };
}

function wayOn(l, m) {
  const links = [];
  if (l.prev) links.push(h('a', { className: 'pager-prev', href: `/lessons/${encodeURIComponent(l.prev.slug)}` }, h('span', { className: 'pager-label' }, t('lesson.previous')), h('span', { lang: contentLang(l.prev) }, l.prev.title)));
  if (l.next && l.next.module === m.slug) {
    links.push(h('a', { className: 'pager-next', href: `/lessons/${encodeURIComponent(l.next.slug)}` }, h('span', { className: 'pager-label' }, t('lesson.next')), h('span', { lang: contentLang(l.next) }, l.next.title)));
  } else if (m.quiz) {
    links.push(h('a', { className: 'pager-next', href: `/quizzes/${encodeURIComponent(m.quiz.slug)}` }, h('span', { className: 'pager-label' }, t('lesson.end_quiz')), h('span', { lang: contentLang(m.quiz) }, m.quiz.title)));
  } else if (l.next) {
    links.push(h('a', { className: 'pager-next', href: `/lessons/${encodeURIComponent(l.next.slug)}` }, h('span', { className: 'pager-label' }, t('lesson.next_module')), h('span', { lang: contentLang(l.next) }, l.next.title)));
  }
  return h('nav', { className: 'pager', 'aria-label': t('module.lessons') }, links);
}
