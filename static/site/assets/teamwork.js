// Lookups shared by the team pages: the caller's cohorts with their teams, one team of a
// cohort, and a team's versions of one exercise.
import { ApiError, api } from './api.js';

/** teamOf loads team teamId of cohort cohortId with the cohort; 404 when the caller cannot see it. */
export async function teamOf(cohortId, teamId) {
  const [cohort, team] = await Promise.all([
    api(`/cohorts/${encodeURIComponent(cohortId)}`),
    api(`/teams/${encodeURIComponent(teamId)}`),
  ]);
  if (team.cohort_id !== cohort.id) throw new ApiError(404, null);
  return { cohort, team };
}

/** versionsOf returns a team's submissions of exercise slug, newest first. */
export function versionsOf(submissions, slug) {
  return submissions.filter((s) => s.exercise === slug).sort((a, b) => b.version - a.version);
}

/** teamHref is the address of a team's workspace, or of one exercise in it. */
export function teamHref(cohortId, teamId, exercise = '') {
  const base = `/teams/${encodeURIComponent(cohortId)}/${encodeURIComponent(teamId)}`;
  return exercise ? `${base}/${encodeURIComponent(exercise)}` : base;
}

/** inBatches calls fn on each item, a few at a time so a large cohort does not flood the server, and returns the results in order. */
export async function inBatches(items, fn, size = 6) {
  const out = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(...await Promise.all(items.slice(i, i + size).map(fn)));
  }
  return out;
}
