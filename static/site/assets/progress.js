// The signed-in learner's progress (GET /me/progress), shared by the pages that show it.
import { api } from './api.js';
import { currentUser } from './session.js';

/** myProgress returns the learner's progress, or null for a visitor. */
export async function myProgress() {
  if (!currentUser()) return null;
  return api('/me/progress');
}

/** trackProgress is the learner's standing on a track, or null. */
export function trackProgress(progress, slug) {
  return (progress && progress.tracks.find((t) => t.slug === slug)) || null;
}

/** moduleProgress is the learner's standing on a module they have enrolled in or started, or null. */
export function moduleProgress(progress, slug) {
  for (const t of (progress && progress.tracks) || []) {
    const m = t.modules.find((x) => x.slug === slug);
    if (m) return t.enrolled || m.lessons_completed > 0 || typeof m.quiz_best_percent === 'number' ? m : null;
  }
  return null;
}

/** resumeHref is where a track's resume entry ({kind: lesson or quiz, slug}) points. */
export function resumeHref(resume) {
  return `/${resume.kind === 'quiz' ? 'quizzes' : 'lessons'}/${encodeURIComponent(resume.slug)}`;
}
