package models

import (
	"context"
	"database/sql"
	"encoding/json"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Enrolment says a learner takes a track; one per learner and track.
type Enrolment struct {
	ID        string `gorm:"primaryKey;size:32"`
	UserID    string `gorm:"size:32;not null;uniqueIndex:idx_enrolment,priority:1"`
	TrackSlug string `gorm:"size:100;not null;uniqueIndex:idx_enrolment,priority:2"`
	CreatedAt time.Time
}

// LessonCompletion records that a learner finished a lesson, and the lesson's content hash at
// that moment, so a later revision can be flagged.
type LessonCompletion struct {
	ID          string `gorm:"primaryKey;size:32"`
	UserID      string `gorm:"size:32;not null;uniqueIndex:idx_completion,priority:1"`
	LessonSlug  string `gorm:"size:100;not null;uniqueIndex:idx_completion,priority:2"`
	LessonHash  string `gorm:"size:64;not null"`
	CompletedAt time.Time
}

// ProgressEvent is one learning event in the append-only record. Statement is its xAPI
// statement (JSON), built once when the event is recorded; exports and forwarding send it as
// stored, so a statement never changes after the fact.
type ProgressEvent struct {
	ID         string    `gorm:"primaryKey;size:32"`
	UserID     string    `gorm:"size:32;not null;index:idx_event_user,priority:1"`
	Verb       string    `gorm:"size:32;not null"`
	ObjectType string    `gorm:"size:32;not null"`
	ObjectID   string    `gorm:"size:200;not null;index:idx_event_team,priority:2"`
	TrackSlug  string    `gorm:"size:100;not null;default:''"`
	TeamID     string    `gorm:"size:32;not null;default:'';index:idx_event_team,priority:1"` // the team whose work a team event is about
	Result     string    `gorm:"type:text;not null;default:'{}'"`
	Statement  string    `gorm:"type:text;not null;default:''"`
	CreatedAt  time.Time `gorm:"index:idx_event_user,priority:2"`
	// Language is the language of the request that recorded the event, which the statement's
	// names are in where the catalogue is translated; not stored (the statement carries it).
	Language string `gorm:"-"`
}

// NewEvent builds an event; result is marshalled to JSON (nil for none).
func NewEvent(userID, verb, objectType, objectID, trackSlug string, result map[string]any) ProgressEvent {
	r := "{}"
	if result != nil {
		b, _ := json.Marshal(result)
		r = string(b)
	}
	return ProgressEvent{ID: NewID(), UserID: userID, Verb: verb, ObjectType: objectType, ObjectID: objectID,
		TrackSlug: trackSlug, Result: r, CreatedAt: time.Now().UTC()}
}

// Enrol enrols a learner in a track once. It reports whether this call created the enrolment;
// concurrent calls create one row and one event between them.
func (s *Store) Enrol(ctx context.Context, userID, trackSlug string) (*Enrolment, bool, error) {
	e := &Enrolment{ID: NewID(), UserID: userID, TrackSlug: trackSlug, CreatedAt: time.Now().UTC()}
	created := false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(e)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			*e = Enrolment{}
			return tx.Where("user_id = ? AND track_slug = ?", userID, trackSlug).Take(e).Error
		}
		created = true
		return s.insertEvents(tx, NewEvent(userID, "registered", "track", trackSlug, trackSlug, nil))
	})
	return e, created, err
}

// Enrolments returns a learner's enrolments.
func (s *Store) Enrolments(ctx context.Context, userID string) ([]Enrolment, error) {
	var out []Enrolment
	return out, mapErr(s.db.WithContext(ctx).Where("user_id = ?", userID).Find(&out).Error)
}

// CompleteLesson records a completion once; a repeat returns the first one unchanged.
func (s *Store) CompleteLesson(ctx context.Context, userID, lessonSlug, lessonHash, trackSlug string) (*LessonCompletion, error) {
	c := &LessonCompletion{ID: NewID(), UserID: userID, LessonSlug: lessonSlug, LessonHash: lessonHash, CompletedAt: time.Now().UTC()}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(c)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			*c = LessonCompletion{}
			return tx.Where("user_id = ? AND lesson_slug = ?", userID, lessonSlug).Take(c).Error
		}
		if err := s.insertEvents(tx, NewEvent(userID, "completed", "lesson", lessonSlug, trackSlug, nil)); err != nil {
			return err
		}
		return resummariseLesson(tx, userID, lessonSlug)
	})
	return c, err
}

// Completions returns a learner's lesson completions.
func (s *Store) Completions(ctx context.Context, userID string) ([]LessonCompletion, error) {
	var out []LessonCompletion
	return out, mapErr(s.db.WithContext(ctx).Where("user_id = ?", userID).Find(&out).Error)
}

// QuizStat is a learner's standing on one quiz: the best and the last submitted attempt.
type QuizStat struct {
	UserID      string
	QuizSlug    string
	Attempts    int
	BestPercent float64
	BestPassed  bool
	LastPercent float64
	LastPassed  bool
}

// QuizStats aggregates the submitted attempts of the given learners in the database, one row
// per learner and quiz.
func (s *Store) QuizStats(ctx context.Context, userIDs []string) ([]QuizStat, error) {
	var out []QuizStat
	err := scanRows(s.quizStats(s.db.WithContext(ctx), "user_id IN ?", userIDs), func(rows *sql.Rows) error {
		var st QuizStat
		if err := rows.Scan(&st.UserID, &st.QuizSlug, &st.Attempts, &st.BestPercent, &st.BestPassed, &st.LastPercent, &st.LastPassed); err != nil {
			return err
		}
		out = append(out, st)
		return nil
	})
	return out, mapErr(err)
}

// quizStats is the aggregation of submitted attempts for the learners that scope (a fixed SQL
// condition on user_id with one placeholder, filled with arg) selects.
func (s *Store) quizStats(db *gorm.DB, scope string, arg any) *gorm.DB {
	query, n := s.quizStatsSQL(scope)
	args := make([]any, n)
	for i := range args {
		args[i] = arg
	}
	return db.Raw(query, args...)
}

// quizStatsSQL is the aggregation of submitted attempts per learner and quiz, with columns
// user_id, quiz_slug, attempts, best_percent, best_passed, last_percent, last_passed, and the
// number of times scope's placeholder appears. PostgreSQL takes the last attempt's figures in the
// same pass, as the greatest [number, percent, passed] array, which hashes rather than sorts;
// SQLite, which has no arrays, joins each learner's last number.
func (s *Store) quizStatsSQL(scope string) (string, int) {
	if s.postgres {
		return `SELECT user_id, quiz_slug, COUNT(*) AS attempts, MAX(percent)::float8 AS best_percent, bool_or(passed) AS best_passed,
       (MAX(ARRAY[number, percent, CASE WHEN passed THEN 1 ELSE 0 END]))[2]::float8 AS last_percent,
       (MAX(ARRAY[number, percent, CASE WHEN passed THEN 1 ELSE 0 END]))[3] = 1 AS last_passed
FROM quiz_attempts WHERE submitted_at IS NOT NULL AND ` + scope + `
GROUP BY user_id, quiz_slug`, 1
	}
	return `SELECT a.user_id AS user_id, a.quiz_slug AS quiz_slug, COUNT(*) AS attempts,
       MAX(a.percent) AS best_percent, MAX(CASE WHEN a.passed THEN 1 ELSE 0 END) = 1 AS best_passed,
       MAX(CASE WHEN a.number = l.last_number THEN a.percent ELSE 0 END) AS last_percent,
       MAX(CASE WHEN a.number = l.last_number AND a.passed THEN 1 ELSE 0 END) = 1 AS last_passed
FROM quiz_attempts a
JOIN (SELECT user_id, quiz_slug, MAX(number) AS last_number FROM quiz_attempts
      WHERE submitted_at IS NOT NULL AND ` + scope + ` GROUP BY user_id, quiz_slug) l
  ON l.user_id = a.user_id AND l.quiz_slug = a.quiz_slug
WHERE a.submitted_at IS NOT NULL AND a.` + scope + `
GROUP BY a.user_id, a.quiz_slug`, 2
}

// Events returns a learner's events, oldest first, after the event id `after` when given, at
// most limit of them: the xAPI statements API, read from a replica when one is in use.
func (s *Store) Events(ctx context.Context, userID, after string, limit int) ([]ProgressEvent, error) {
	q := s.reader(ctx).Where("user_id = ?", userID).Order("id").Limit(limit)
	if after != "" {
		q = q.Where("id > ?", after)
	}
	var out []ProgressEvent
	return out, mapErr(q.Find(&out).Error)
}
