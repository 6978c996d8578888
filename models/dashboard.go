package models

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
)

// ModuleCount is how many lessons of a module a learner has completed.
type ModuleCount struct {
	UserID     string
	ModuleSlug string
	N          int
}

// CohortRecords is what the cohort dashboard is computed from, read in one snapshot.
type CohortRecords struct {
	Learners []User
	Counts   []ModuleCount
	Quizzes  []QuizStat
}

// CohortRecords reads a cohort's learners, their completed lessons per module and their quiz
// statistics, aggregated by the database, in one read-only transaction so the three agree. On
// PostgreSQL the transaction gets enough work_mem to aggregate a large cohort in memory.
func (s *Store) CohortRecords(ctx context.Context, cohortID string) (*CohortRecords, error) {
	var rec CohortRecords
	opts := &sql.TxOptions{ReadOnly: true}
	if s.postgres {
		opts.Isolation = sql.LevelRepeatableRead
	}
	err := s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if s.postgres {
			if err := tx.Exec("SET LOCAL work_mem = '64MB'").Error; err != nil {
				return err
			}
		}
		if err := tx.Where("id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)", cohortID).
			Order("name, id").Find(&rec.Learners).Error; err != nil {
			return err
		}
		rows, err := tx.Raw(`SELECT lc.user_id, l.module_slug, COUNT(*)
FROM cohort_members cm
JOIN lesson_completions lc ON lc.user_id = cm.user_id
JOIN lessons l ON l.slug = lc.lesson_slug
WHERE cm.cohort_id = ?
GROUP BY lc.user_id, l.module_slug`, cohortID).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var c ModuleCount
			if err := rows.Scan(&c.UserID, &c.ModuleSlug, &c.N); err != nil {
				return err
			}
			rec.Counts = append(rec.Counts, c)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rec.Quizzes, err = s.quizStats(tx, "user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)", cohortID)
		return err
	}, opts)
	return &rec, mapErr(err)
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
