// Lookups over the public catalogue shared by several pages: the tracks with their modules,
// the pairing of modules across tracks, a quiz's module, and the glossary by slug.
import { catalogue } from './api.js';

/** tracks returns every track with its modules, in catalogue order. */
export async function tracks() {
  const list = await catalogue('/tracks');
  return Promise.all(list.items.map((t) => catalogue(`/tracks/${encodeURIComponent(t.slug)}`)));
}

/**
 * pairs lines the modules of the clinical tracks up with their technical counterparts: one row
 * per clinical module, its counterpart beside it, then any technical module nobody points to.
 */
export function pairs(all) {
  const technical = new Map();
  for (const t of all.filter((x) => x.audience === 'technical')) {
    for (const m of t.modules) technical.set(m.slug, { ...m, track: t });
  }
  const rows = [];
  const placed = new Set();
  for (const t of all.filter((x) => x.audience === 'clinical')) {
    for (const m of t.modules) {
      const other = m.counterpart && technical.get(m.counterpart.slug);
      if (other) placed.add(other.slug);
      rows.push({ clinical: { ...m, track: t }, technical: other || null });
    }
  }
  for (const m of technical.values()) {
    if (!placed.has(m.slug)) rows.push({ clinical: null, technical: m });
  }
  return rows;
}

/** quizModule finds the module whose quiz is quizSlug (GET /quizzes/:quiz names it), or null. */
export async function quizModule(quizSlug) {
  let quiz;
  try {
    quiz = await catalogue(`/quizzes/${encodeURIComponent(quizSlug)}`);
  } catch (err) {
    if (err.status === 404) return null;
    throw err;
  }
  return catalogue(`/modules/${encodeURIComponent(quiz.module)}`);
}

/** glossary returns the glossary's terms by slug. */
export async function glossary() {
  const body = await catalogue('/glossary');
  return new Map(body.items.map((item) => [item.slug, item]));
}

/** caseStudies returns the case-study library's entries by slug. */
export async function caseStudies() {
  const body = await catalogue('/case-studies');
  return new Map(body.items.map((item) => [item.slug, item]));
}
