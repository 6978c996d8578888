// A module's accreditation record: who wrote and reviewed it with their declared conflicts of
// interest, when it was last reviewed and is next due, and the competencies its objectives serve.
import { h } from '../dom.js';
import { currentLanguage, t } from '../i18n.js';

/** dayText formats a calendar date ("2026-12-05") in the browser's language, as written. */
function dayText(day) {
  return new Date(`${day}T00:00:00Z`).toLocaleDateString(currentLanguage(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** people lists contributors by role (and name where given) with their declared conflicts. */
function people(list) {
  return h('ul', { className: 'record-people' }, (list || []).map((p) => h('li', {},
    h('span', { className: 'record-role' }, p.name ? `${p.name}, ${p.role}` : p.role),
    h('span', { className: 'card-meta' }, ` · ${t('pages.record_conflicts', { Conflicts: p.conflicts })}`))));
}

/**
 * moduleRecord shows the accreditation record of a module page, or null when it has none.
 * @param {{reviewed?: string, next_review?: string, authors?: {role: string, name?: string, conflicts: string}[],
 *   reviewers?: {role: string, name?: string, conflicts: string}[],
 *   competencies?: {framework: string, framework_url: string, code: string, name: string, objectives: number[]}[]}} m
 */
export function moduleRecord(m) {
  if (!m.reviewed) return null;
  const competencies = m.competencies || [];
  return h('details', { className: 'module-record' },
    h('summary', {}, t('pages.record_about')),
    h('p', {}, t('pages.record_reviewed', { Reviewed: dayText(m.reviewed), Next: dayText(m.next_review) })),
    h('h3', {}, t('pages.record_written_by')), people(m.authors),
    h('h3', {}, t('pages.record_reviewed_by')), people(m.reviewers),
    competencies.length ? [
      h('h3', {}, t('pages.record_competencies')),
      h('p', { className: 'card-meta' }, `${t('pages.record_from')} `, h('a', { href: competencies[0].framework_url }, competencies[0].framework), '.'),
      h('ul', {}, competencies.map((c) => h('li', {}, t('pages.record_competency', { Code: c.code, Name: c.name, Count: c.objectives.length,
        Objectives: new Intl.ListFormat(currentLanguage(), { style: 'narrow', type: 'unit' }).format(c.objectives.map(String)) })))),
    ] : null);
}
