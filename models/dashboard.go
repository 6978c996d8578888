package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gorm.io/gorm"
)

// CountedQuiz names a quiz whose results the cohort dashboard reads, and which attempt counts.
type CountedQuiz struct {
	Slug string
	Last bool // the last submitted attempt counts, not the best
}

// QuizResult is a learner's counted result at a quiz: that of the best or the last submitted
// attempt, as the quiz says.
type QuizResult struct {
	Percent float64
	Passed  bool
}

// CohortRecords is what the cohort dashboard is computed from, read in one snapshot: the
// cohort's learners by name, and for each learner the lessons completed and the quiz results
// among those the dashboard asked for.
type CohortRecords struct {
	Learners []User
	words    int
	done     []uint64 // per learner, a bit set over the lessons asked for
	quizzes  int
	results  []QuizResult
	taken    []bool      // per learner and quiz: a submitted attempt exists
	last     []time.Time // per learner: their latest completion or submitted attempt counted, zero before any
}

// LastActivity is when learner (an index into Learners) last completed a lesson or submitted
// an attempt that the dashboard counts; zero before any.
func (r *CohortRecords) LastActivity(learner int) time.Time {
	return r.last[learner]
}

// Completed reports whether learner (an index into Learners) has completed lesson (an index
// into the lessons CohortRecords was asked for).
func (r *CohortRecords) Completed(learner, lesson int) bool {
	return r.done[learner*r.words+lesson/64]&(1<<(lesson%64)) != 0
}

// Quiz is learner's counted result at quiz (indexes as for Completed), nil before any
// submitted attempt.
func (r *CohortRecords) Quiz(learner, quiz int) *QuizResult {
	if i := learner*r.quizzes + quiz; r.taken[i] {
		return &r.results[i]
	}
	return nil
}

// CohortRecords reads a cohort's learners with their completions of the given lessons and
// their results at the given quizzes, counting only what each learner did since they joined
// the cohort, in one statement, so one snapshot. The database does the
// aggregating and returns one row per learner: completions as a bit set (lesson i is bit i;
// the lists of lessons and quizzes travel as JSON parameters), and per quiz the best percent
// and whether any attempt passed, or for a quiz that counts the last attempt, that attempt.
func (s *Store) CohortRecords(ctx context.Context, cohortID string, lessons []string, quizzes []CountedQuiz) (*CohortRecords, error) {
	slugs := make([]string, len(quizzes))
	for i, q := range quizzes {
		slugs[i] = q.Slug
	}
	lessonList, err := json.Marshal(lessons)
	if err != nil {
		return nil, err
	}
	quizList, err := json.Marshal(slugs)
	if err != nil {
		return nil, err
	}
	rec := &CohortRecords{words: (len(lessons) + 63) / 64, quizzes: len(quizzes)}
	query := s.cohortRecordsSQL(rec.words, quizzes)
	opts := &sql.TxOptions{ReadOnly: true}
	err = s.db.WithContext(ctx).Transaction(func(tx *gorm.DB) error {
		if s.postgres {
			// The statement reads every record of the cohort: give it memory to hash in, and skip
			// JIT compilation, which costs more than it saves on a statement this short.
			if err := tx.Exec("SET LOCAL work_mem = '64MB'").Error; err != nil {
				return err
			}
			if err := tx.Exec("SET LOCAL jit = off").Error; err != nil {
				return err
			}
		}
		var u User
		words := make([]sql.NullInt64, rec.words)
		percents := make([]sql.NullFloat64, len(quizzes))
		passed := make([]sql.NullInt64, len(quizzes))
		lasts := make([]sql.NullString, len(quizzes))
		var lastDone, lastQuiz dbTime
		dest := []any{&u.ID, &u.Name, &u.Email, &u.Discipline, &u.Institution, &lastDone, &lastQuiz}
		for w := range words {
			dest = append(dest, &words[w])
		}
		for j, q := range quizzes {
			if q.Last {
				dest = append(dest, &lasts[j])
			} else {
				dest = append(dest, &percents[j], &passed[j])
			}
		}
		return scanRows(tx.Raw(query, string(lessonList), cohortID, string(quizList), cohortID, cohortID), func(rows *sql.Rows) error {
			if err := rows.Scan(dest...); err != nil {
				return err
			}
			rec.Learners = append(rec.Learners, u)
			last := lastDone.Time
			if lastQuiz.Time.After(last) {
				last = lastQuiz.Time
			}
			rec.last = append(rec.last, last)
			for _, w := range words {
				rec.done = append(rec.done, uint64(w.Int64))
			}
			for j, q := range quizzes {
				var r QuizResult
				taken := percents[j].Valid
				if q.Last {
					if taken = lasts[j].Valid; taken {
						if r, err = parseLast(lasts[j].String); err != nil {
							return err
						}
					}
				} else {
					r = QuizResult{Percent: percents[j].Float64, Passed: passed[j].Int64 == 1}
				}
				rec.results, rec.taken = append(rec.results, r), append(rec.taken, taken)
			}
			return nil
		})
	}, opts)
	if err != nil {
		return nil, mapErr(fmt.Errorf("cohort records: %w", err))
	}
	return rec, nil
}

// cohortRecordsSQL is the statement CohortRecords runs. Its placeholders are the lessons (a
// JSON list), the cohort, the quizzes (a JSON list), the cohort and the cohort again.
// Completions and attempts are each aggregated by learner alone, which PostgreSQL runs in
// parallel workers; a quiz is picked out of a learner's attempts with FILTER.
func (s *Store) cohortRecordsSQL(words int, quizzes []CountedQuiz) string {
	list, index, bitOr := "json_each(?) AS %[1]s", "%[1]s.key", "SUM" // each completion once, so SUM is OR
	// A quiz's last attempt, as text that sorts by attempt number: "<number> <percent> <0|1>".
	last := "printf('%020d %s %d', a.number, a.percent, a.passed)"
	if s.postgres {
		list, index, bitOr = "json_array_elements_text(?::json) WITH ORDINALITY AS %[1]s(value, n)", "(%[1]s.n - 1)", "bit_or"
		last = "lpad(a.number::text, 20, '0') || ' ' || a.percent::text || ' ' || CASE WHEN a.passed THEN '1' ELSE '0' END"
	}
	lesson, quiz := fmt.Sprintf(index, "l"), fmt.Sprintf(index, "q")
	var cols, doneCols, quizCols strings.Builder
	for w := range words {
		bit := fmt.Sprintf("%s(CAST(1 AS BIGINT) << CAST(%s %% 64 AS INTEGER))", bitOr, lesson)
		if words > 1 {
			bit += fmt.Sprintf(" FILTER (WHERE %s / 64 = %d)", lesson, w)
		}
		fmt.Fprintf(&doneCols, ", %s AS w%d", bit, w)
		fmt.Fprintf(&cols, ", done.w%d", w)
	}
	for j, q := range quizzes {
		filter := fmt.Sprintf(" FILTER (WHERE %s = %d)", quiz, j)
		if q.Last {
			fmt.Fprintf(&quizCols, ", MAX(%s)%s AS l%d", last, filter, j)
			fmt.Fprintf(&cols, ", quiz.l%d", j)
			continue
		}
		fmt.Fprintf(&quizCols, ", CAST(MAX(a.percent)%s AS DOUBLE PRECISION) AS p%d, MAX(CASE WHEN a.passed THEN 1 ELSE 0 END)%s AS k%d",
			filter, j, filter, j)
		fmt.Fprintf(&cols, ", quiz.p%d, quiz.k%d", j, j)
	}
	return `SELECT u.id, u.name, u.email, u.discipline, u.institution, done.last_done, quiz.last_quiz` + cols.String() + `
FROM cohort_members m
JOIN users u ON u.id = m.user_id
LEFT JOIN (
  SELECT lc.user_id, MAX(lc.completed_at) AS last_done` + doneCols.String() + `
  FROM cohort_members cm
  JOIN lesson_completions lc ON lc.user_id = cm.user_id
  JOIN ` + fmt.Sprintf(list, "l") + ` ON l.value = lc.lesson_slug
  WHERE cm.cohort_id = ? AND lc.completed_at >= cm.added_at
  GROUP BY lc.user_id) done ON done.user_id = u.id
LEFT JOIN (
  SELECT a.user_id, MAX(a.submitted_at) AS last_quiz` + quizCols.String() + `
  FROM cohort_members cm
  JOIN quiz_attempts a ON a.user_id = cm.user_id
  JOIN ` + fmt.Sprintf(list, "q") + ` ON q.value = a.quiz_slug
  WHERE cm.cohort_id = ? AND a.submitted_at >= cm.added_at
  GROUP BY a.user_id) quiz ON quiz.user_id = u.id
WHERE m.cohort_id = ?
ORDER BY u.name, u.id`
}

// parseLast reads a last attempt as cohortRecordsSQL writes it.
func parseLast(s string) (QuizResult, error) {
	f := strings.Fields(s)
	if len(f) != 3 {
		return QuizResult{}, fmt.Errorf("last attempt %q", s)
	}
	percent, err := strconv.ParseFloat(f[1], 64)
	if err != nil {
		return QuizResult{}, fmt.Errorf("last attempt %q: %w", s, err)
	}
	return QuizResult{Percent: percent, Passed: f[2] == "1"}, nil
}

// CohortEvents returns the learning events a cohort's instructors may read, oldest first,
// after the event id `after` when given, at most limit of them: each member's events since
// they joined, on the cohort's tracks (tracks, lessons, quizzes and their questions) or about
// the work of the cohort's own teams.
func (s *Store) CohortEvents(ctx context.Context, cohortID, after string, limit int) ([]ProgressEvent, error) {
	q := s.db.WithContext(ctx).Table("progress_events AS e").Select("e.*").
		Joins("JOIN cohort_members m ON m.user_id = e.user_id AND m.cohort_id = ?", cohortID).
		Where("e.created_at >= m.added_at").
		Where(`(e.object_type IN ('track', 'lesson', 'quiz', 'question') AND e.track_slug IN (SELECT track_slug FROM cohort_tracks WHERE cohort_id = ?))
	OR (e.team_id <> '' AND e.team_id IN (SELECT id FROM teams WHERE cohort_id = ?))`, cohortID, cohortID).
		Order("e.id").Limit(limit)
	if after != "" {
		q = q.Where("e.id > ?", after)
	}
	var out []ProgressEvent
	return out, mapErr(q.Find(&out).Error)
}

// dbTime scans a timestamp that an aggregate returns: a time from PostgreSQL, text from
// SQLite, which keeps no column type through MAX; NULL is the zero time.
type dbTime struct{ Time time.Time }

// Scan reads src into t.
func (t *dbTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		t.Time = time.Time{}
	case time.Time:
		t.Time = v
	case string:
		return t.parse(v)
	case []byte:
		return t.parse(string(v))
	default:
		return fmt.Errorf("timestamp of type %T", src)
	}
	return nil
}

func (t *dbTime) parse(s string) error {
	for _, layout := range []string{"2006-01-02 15:04:05.999999999-07:00", time.RFC3339Nano, "2006-01-02 15:04:05.999999999"} {
		if v, err := time.Parse(layout, s); err == nil {
			t.Time = v
			return nil
		}
	}
	return fmt.Errorf("timestamp %q", s)
}
