package models

import "context"

// ModuleCount is how many lessons of a module a learner has completed.
type ModuleCount struct {
	UserID     string
	ModuleSlug string
	N          int
}

// CohortLessonCounts counts, in the database, each cohort member's completed lessons per
// module.
func (s *Store) CohortLessonCounts(ctx context.Context, cohortID string) ([]ModuleCount, error) {
	var out []ModuleCount
	err := s.db.WithContext(ctx).Raw(`
SELECT lc.user_id, l.module_slug, COUNT(*) AS n
FROM cohort_members cm
JOIN lesson_completions lc ON lc.user_id = cm.user_id
JOIN lessons l ON l.slug = lc.lesson_slug
WHERE cm.cohort_id = ?
GROUP BY lc.user_id, l.module_slug`, cohortID).Scan(&out).Error
	return out, mapErr(err)
}

// CohortEvents returns the learning events of a cohort's members, oldest first, after the
// event id `after` when given, at most limit of them.
func (s *Store) CohortEvents(ctx context.Context, cohortID, after string, limit int) ([]ProgressEvent, error) {
	q := s.db.WithContext(ctx).Where("user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)", cohortID).
		Order("id").Limit(limit)
	if after != "" {
		q = q.Where("id > ?", after)
	}
	var out []ProgressEvent
	return out, mapErr(q.Find(&out).Error)
}
