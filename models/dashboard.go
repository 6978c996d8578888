package models

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"
)

// ModuleRecord is one learner's records on one module: lessons completed and, when they have
// submitted an attempt at its quiz, their quiz statistics.
type ModuleRecord struct {
	UserID     string
	ModuleSlug string
	Lessons    int
	Quiz       *QuizStat
}

// CohortRecords is what the cohort dashboard is computed from, read in one snapshot.
type CohortRecords struct {
	Learners []User
	Modules  []ModuleRecord
}

// CohortRecords reads a cohort's learners and, aggregated by the database in one query, their
// completed lessons and quiz statistics per module, in one read-only transaction so the two
// agree. The database folds each learner's modules into one text value, so a cohort of
// thousands comes back as one row per learner rather than one per learner and module. On
// PostgreSQL the transaction gets enough work_mem to aggregate in memory.
func (s *Store) CohortRecords(ctx context.Context, cohortID string) (*CohortRecords, error) {
	var rec CohortRecords
	opts := &sql.TxOptions{ReadOnly: true}
	concat := "group_concat"
	if s.postgres {
		opts.Isolation, concat = sql.LevelRepeatableRead, "string_agg"
	}
	stats, n := s.quizStatsSQL("user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)")
	query := `WITH lc AS (
  SELECT lc.user_id, l.module_slug, COUNT(*) AS n
  FROM cohort_members cm
  JOIN lesson_completions lc ON lc.user_id = cm.user_id
  JOIN lessons l ON l.slug = lc.lesson_slug
  WHERE cm.cohort_id = ?
  GROUP BY lc.user_id, l.module_slug),
qs AS (
  SELECT s.*, q.module_slug FROM (` + stats + `) s JOIN quizzes q ON q.slug = s.quiz_slug),
m AS (
  SELECT COALESCE(lc.user_id, qs.user_id) AS user_id, COALESCE(lc.module_slug, qs.module_slug) AS module_slug,
         COALESCE(lc.n, 0) AS n, COALESCE(qs.attempts, 0) AS attempts, COALESCE(qs.best_percent, 0) AS best,
         CASE WHEN qs.best_passed THEN 1 ELSE 0 END AS best_passed, COALESCE(qs.last_percent, 0) AS last,
         CASE WHEN qs.last_passed THEN 1 ELSE 0 END AS last_passed
  FROM lc FULL OUTER JOIN qs ON qs.user_id = lc.user_id AND qs.module_slug = lc.module_slug)
SELECT user_id, ` + concat + `(module_slug || '|' || n || '|' || attempts || '|' || best || '|' || best_passed
       || '|' || last || '|' || last_passed, ';')
FROM m GROUP BY user_id`
	args := []any{cohortID}
	for range n {
		args = append(args, cohortID)
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
		rows, err := tx.Raw(query, args...).Rows()
		if err != nil {
			return err
		}
		defer rows.Close()
		var user, folded string
		for rows.Next() {
			if err := rows.Scan(&user, &folded); err != nil {
				return err
			}
			if rec.Modules, err = appendFolded(rec.Modules, user, folded); err != nil {
				return err
			}
		}
		return rows.Err()
	}, opts)
	return &rec, mapErr(err)
}

// appendFolded parses one learner's "module|lessons|attempts|best|best_passed|last|last_passed"
// entries, separated by semicolons.
func appendFolded(out []ModuleRecord, user, folded string) ([]ModuleRecord, error) {
	for entry := range strings.SplitSeq(folded, ";") {
		f := strings.Split(entry, "|")
		if len(f) != 7 {
			return out, fmt.Errorf("cohort records: malformed entry %q", entry)
		}
		var nums [6]float64
		for i, v := range f[1:] {
			x, err := strconv.ParseFloat(v, 64)
			if err != nil {
				return out, fmt.Errorf("cohort records: %q: %w", entry, err)
			}
			nums[i] = x
		}
		r := ModuleRecord{UserID: user, ModuleSlug: f[0], Lessons: int(nums[0])}
		if nums[1] > 0 {
			r.Quiz = &QuizStat{UserID: user, Attempts: int(nums[1]), BestPercent: nums[2], BestPassed: nums[3] == 1,
				LastPercent: nums[4], LastPassed: nums[5] == 1}
		}
		out = append(out, r)
	}
	return out, nil
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
