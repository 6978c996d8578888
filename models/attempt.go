package models

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"tandem/locale"
)

// ErrLimitReached says a learner has used every attempt a quiz allows.
var ErrLimitReached = errors.New("attempt limit reached")

// ErrKeyUsed says a start key was used before; StartAttempt then fills in the attempt it
// started.
var ErrKeyUsed = errors.New("start key used before")

// QuizAttempt is one attempt at a quiz. Number is unique per learner and quiz, which is what
// keeps max_attempts under concurrent starts; SubmittedAt is set once, by a conditional update.
// StartKey and SubmitKey are the Idempotency-Keys the start and the submission came with: a
// start key is unique per learner (idx_attempt_start_key).
type QuizAttempt struct {
	ID       string `gorm:"primaryKey;size:32"`
	UserID   string `gorm:"size:32;not null;uniqueIndex:idx_attempt_number,priority:1;index:idx_quiz_attempts_regrade,priority:3,where:submitted_at IS NOT NULL"`
	QuizSlug string `gorm:"size:100;not null;uniqueIndex:idx_attempt_number,priority:2;index;index:idx_quiz_attempts_regrade,priority:1"`
	Number   int    `gorm:"not null;uniqueIndex:idx_attempt_number,priority:3"`
	Seed     int64  `gorm:"not null"`
	// IDKey is the secret the opaque ids of the attempt's choices derive from; never shown.
	IDKey string `gorm:"size:64;not null;default:''"`
	// QuizHash is the version of the quiz the attempt was started with and, once submitted,
	// graded by; a regrade moves it to the version it regrades by.
	QuizHash    string `gorm:"size:64;not null;index:idx_quiz_attempts_regrade,priority:2"`
	StartedAt   time.Time
	Deadline    *time.Time
	SubmittedAt *time.Time
	Score       float64 `gorm:"not null;default:0"`
	MaxScore    float64 `gorm:"not null;default:0"`
	Percent     float64 `gorm:"not null;default:0"`
	Passed      bool    `gorm:"not null;default:false"`
	Answers     string  `gorm:"type:text;not null;default:'[]'"`
	Results     string  `gorm:"type:text;not null;default:'[]'"`
	StartKey    *string `gorm:"size:128"`
	SubmitKey   *string `gorm:"size:128"`
	// Draft is the answers given so far on an open attempt (JSON, as the learner's client
	// sent them), kept so the attempt resumes on another device; empty once submitted.
	Draft        string `gorm:"type:text;not null;default:''"`
	DraftSavedAt *time.Time
	// Marking is empty for an attempt with nothing for people to mark, else MarkingAwaited
	// until every reflection answer in it is marked, then MarkingDone.
	Marking string `gorm:"size:24;not null;default:''"`
}

// JudgementAnswer is a learner's latest choice on a judgement question, kept once per learner
// and question so perspectives count people, not attempts.
type JudgementAnswer struct {
	UserID      string `gorm:"primaryKey;size:32"`
	QuestionKey string `gorm:"primaryKey;size:200"`
	QuizSlug    string `gorm:"size:100;not null"`
	OptionID    string `gorm:"size:100;not null"`
	Group       string `gorm:"column:discipline_group;size:16;not null"`
	UpdatedAt   time.Time
}

// RateLimitedError says a rate limit refuses the request until Reset.
type RateLimitedError struct{ Reset time.Time }

func (e *RateLimitedError) Error() string {
	return "rate limited until " + e.Reset.Format(time.RFC3339)
}

// StartPlan gives, from the learner's accommodations that fit the quiz (often none), the new
// attempt's deadline (nil for none) and the attempts the learner may start (0: unlimited).
type StartPlan func(fits []Accommodation) (deadline *time.Time, allowed int)

// startAdmission is what the first statement of a start learns.
type startAdmission struct {
	SessionRow
	Hits           int
	WindowStart    int64
	Last           int  // the learner's last attempt number at the quiz
	KeyUsed        bool // the start key started an attempt before
	Accommodations int  // accommodations that may fit
}

// startJob is a start waiting for its group: the attempt, and what deciding it takes.
type startJob struct {
	a     *QuizAttempt
	limit Limit
	plan  StartPlan
	ev    ProgressEvent
	check *SessionCheck
}

// StartAttempt stores a as the learner's next attempt, with ev, in a transaction whose first
// statement for it counts a hit on the learner's limit of starts (key "attempts:" and their
// id) and learns whether a.StartKey was used before, the learner's last attempt number and
// whether any accommodation may fit; plan then gives the deadline and the attempts allowed.
// Past the limit it returns *RateLimitedError; with every allowed attempt used,
// ErrLimitReached; for a start key used before by the learner, ErrKeyUsed, and a becomes that
// attempt. None of these counts the hit. Two concurrent starts that pick the same number
// collide on the unique index; the loser tries again. The transaction may be shared with
// other learners' starts (see groupMax).
func (s *Store) StartAttempt(ctx context.Context, a *QuizAttempt, limit Limit, plan StartPlan, ev ProgressEvent, check *SessionCheck) error {
	if ev.Language == "" {
		ev.Language = locale.From(ctx)
	}
	return s.starts.run(ctx, a.UserID, &startJob{a: a, limit: limit, plan: plan, ev: ev, check: check}, s.startGroup)
}

// startGroup stores a group of starts in one transaction. A group in which any start is
// refused or fails is stored again one start at a time, so that a refusal rolls back its own
// hit only.
func (s *Store) startGroup(group []*grouped[*startJob]) {
	if len(group) == 1 {
		finish(group, func(g *grouped[*startJob]) error { return s.startAlone(g.ctx, g.job) })
		return
	}
	// Learners' limits are counted in the order of their ids, so that groups on two servers
	// never wait for each other in a circle.
	slices.SortFunc(group, func(a, b *grouped[*startJob]) int { return strings.Compare(a.user, b.user) })
	err := s.tx(groupContext(group), func(tx *gorm.DB) error {
		attempts := make([]*QuizAttempt, len(group))
		events := make([]ProgressEvent, len(group))
		for i, g := range group {
			if err := s.admit(tx, g.job); err != nil {
				return err
			}
			attempts[i], events[i] = g.job.a, g.job.ev
		}
		if err := s.insertAttempts(tx, attempts); err != nil {
			return err
		}
		return s.insertEvents(tx, events...)
	})
	if err != nil {
		for _, g := range group {
			s.startGroup([]*grouped[*startJob]{g})
		}
		return
	}
	finish(group, func(*grouped[*startJob]) error { return nil })
}

// insertAttempts inserts started attempts: on PostgreSQL as arrays (see insertRows).
func (s *Store) insertAttempts(tx *gorm.DB, as []*QuizAttempt) error {
	if !s.postgres {
		return tx.Create(&as).Error
	}
	for _, a := range as { // what gorm's insert gives these fields when zero: the columns' default
		if a.Answers == "" {
			a.Answers = "[]"
		}
		if a.Results == "" {
			a.Results = "[]"
		}
	}
	n := len(as)
	return insertRows(tx, "quiz_attempts", "",
		columnOf("id", "text", n, func(i int) string { return as[i].ID }),
		columnOf("user_id", "text", n, func(i int) string { return as[i].UserID }),
		columnOf("quiz_slug", "text", n, func(i int) string { return as[i].QuizSlug }),
		columnOf("number", "bigint", n, func(i int) int { return as[i].Number }),
		columnOf("seed", "bigint", n, func(i int) int64 { return as[i].Seed }),
		columnOf("id_key", "text", n, func(i int) string { return as[i].IDKey }),
		columnOf("quiz_hash", "text", n, func(i int) string { return as[i].QuizHash }),
		columnOf("started_at", "timestamptz", n, func(i int) time.Time { return as[i].StartedAt }),
		columnOf("deadline", "timestamptz", n, func(i int) *time.Time { return as[i].Deadline }),
		columnOf("submitted_at", "timestamptz", n, func(i int) *time.Time { return as[i].SubmittedAt }),
		columnOf("score", "numeric", n, func(i int) float64 { return as[i].Score }),
		columnOf("max_score", "numeric", n, func(i int) float64 { return as[i].MaxScore }),
		columnOf("percent", "numeric", n, func(i int) float64 { return as[i].Percent }),
		columnOf("passed", "boolean", n, func(i int) bool { return as[i].Passed }),
		columnOf("answers", "text", n, func(i int) string { return as[i].Answers }),
		columnOf("results", "text", n, func(i int) string { return as[i].Results }),
		columnOf("start_key", "text", n, func(i int) *string { return as[i].StartKey }),
		columnOf("submit_key", "text", n, func(i int) *string { return as[i].SubmitKey }),
		columnOf("draft", "text", n, func(i int) string { return as[i].Draft }),
		columnOf("draft_saved_at", "timestamptz", n, func(i int) *time.Time { return as[i].DraftSavedAt }),
		columnOf("marking", "text", n, func(i int) string { return as[i].Marking }))
}

// startAlone stores one start in a transaction of its own.
func (s *Store) startAlone(ctx context.Context, j *startJob) error {
	for range 50 {
		err := s.tx(ctx, func(tx *gorm.DB) error {
			if err := s.admit(tx, j); err != nil {
				return err
			}
			if err := tx.Create(j.a).Error; err != nil {
				return err
			}
			return s.insertEvents(tx, j.ev)
		})
		if errors.Is(err, ErrKeyUsed) {
			prior, err := s.AttemptByStartKey(ctx, j.a.UserID, *j.a.StartKey)
			if err != nil {
				return err
			}
			*j.a = *prior
			return ErrKeyUsed
		}
		if !errors.Is(err, ErrConflict) {
			return err
		}
	}
	return ErrConflict
}

// admit decides a start inside tx, counting its hit: it numbers the attempt and gives it and
// its event their ids, or returns why the start is refused.
func (s *Store) admit(tx *gorm.DB, j *startJob) error {
	a := j.a
	adm, err := s.admitStart(tx, a, j.limit, j.check)
	if err != nil {
		return err
	}
	if j.check != nil {
		if err := j.check.settle(adm.SessionRow); err != nil {
			return err
		}
		if locale.Valid(j.check.Language) {
			j.ev.Language = j.check.Language
		}
	}
	switch {
	case adm.KeyUsed:
		return ErrKeyUsed
	case adm.Hits > j.limit.Max:
		return &RateLimitedError{Reset: time.UnixMilli(adm.WindowStart).Add(j.limit.Window)}
	}
	var fits []Accommodation
	if adm.Accommodations > 0 {
		if fits, err = s.accommodationsFor(tx, a.UserID, a.QuizSlug); err != nil {
			return err
		}
	}
	deadline, allowed := j.plan(fits)
	if allowed > 0 && adm.Last >= allowed {
		return ErrLimitReached
	}
	a.ID, a.Number, a.Deadline = NewID(), adm.Last+1, deadline
	j.ev.ID, j.ev.ObjectID = NewID(), a.QuizSlug
	return nil
}

// admitStart counts one hit on the learner's limit of starts and reads what deciding the start
// needs, and checks the session when check is not nil, in one statement.
func (s *Store) admitStart(tx *gorm.DB, a *QuizAttempt, limit Limit, check *SessionCheck) (startAdmission, error) {
	now := time.Now().UTC()
	expired := now.Add(-limit.Window).UnixMilli()
	key := ""
	if a.StartKey != nil {
		key = *a.StartKey
	}
	query := hitSQL + `RETURNING hits, window_start,
  (SELECT COALESCE(MAX(number), 0) FROM quiz_attempts WHERE user_id = ? AND quiz_slug = ?) AS last,
  EXISTS (SELECT 1 FROM quiz_attempts WHERE user_id = ? AND start_key = ?) AS key_used,
  (SELECT COUNT(*) FROM accommodations WHERE ` + accommodationsFitSQL + `) AS accommodations`
	args := []any{s.limitKey("attempts:" + a.UserID), now.UnixMilli(), expired, expired, a.UserID, a.QuizSlug, a.UserID, key,
		a.QuizSlug, a.UserID, a.UserID, a.UserID}
	if check != nil {
		query += ",\n  " + sessionCheckSQL
		args = append(args, check.args()...)
	}
	var adm startAdmission
	err := rawInto(tx, &adm, query, args...)
	return adm, err
}

// AttemptByStartKey returns the learner's attempt started with key, else ErrNotFound.
func (s *Store) AttemptByStartKey(ctx context.Context, userID, key string) (*QuizAttempt, error) {
	var a QuizAttempt
	if err := s.db.WithContext(ctx).Where("user_id = ? AND start_key = ?", userID, key).Take(&a).Error; err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// AttemptByID returns the attempt with id when it belongs to userID, else ErrNotFound.
func (s *Store) AttemptByID(ctx context.Context, userID, id string) (*QuizAttempt, error) {
	var a QuizAttempt
	if err := s.db.WithContext(ctx).Where("id = ? AND user_id = ?", id, userID).Take(&a).Error; err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// AttemptsOf returns a learner's attempts, at one quiz when quizSlug is not empty, by quiz and
// number.
func (s *Store) AttemptsOf(ctx context.Context, userID, quizSlug string) ([]QuizAttempt, error) {
	q := s.db.WithContext(ctx).Where("user_id = ?", userID)
	if quizSlug != "" {
		q = q.Where("quiz_slug = ?", quizSlug)
	}
	var out []QuizAttempt
	return out, mapErr(q.Order("quiz_slug, number").Find(&out).Error)
}

// HasJudgementAnswer reports whether userID has answered the judgement question key.
func (s *Store) HasJudgementAnswer(ctx context.Context, userID, key string) (bool, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&JudgementAnswer{}).Where("user_id = ? AND question_key = ?", userID, key).Count(&n).Error
	return n > 0, mapErr(err)
}

// JudgementCount is how many learners of a discipline group chose an option.
type JudgementCount struct {
	Group    string `gorm:"column:discipline_group"`
	OptionID string
	N        int
}

// JudgementCounts counts the answers to question key by discipline group and option.
func (s *Store) JudgementCounts(ctx context.Context, key string) ([]JudgementCount, error) {
	var out []JudgementCount
	err := s.db.WithContext(ctx).Model(&JudgementAnswer{}).
		Select("discipline_group, option_id, COUNT(*) AS n").
		Where("question_key = ?", key).Group("discipline_group, option_id").Scan(&out).Error
	return out, mapErr(err)
}

// AttemptAndDiscipline returns the attempt with id when it belongs to userID, with the
// learner's discipline, in one read that also checks the session when check is not nil
// (ErrSessionEnded when it has ended); else ErrNotFound, with the session left unchecked.
func (s *Store) AttemptAndDiscipline(ctx context.Context, userID, id string, check *SessionCheck) (*QuizAttempt, string, error) {
	var row struct {
		QuizAttempt
		Discipline string
		SessionRow
	}
	columns, args := "quiz_attempts.*, users.discipline", []any{}
	if check != nil {
		columns, args = columns+", "+sessionCheckSQL, check.args()
	}
	err := s.db.WithContext(ctx).Table("quiz_attempts").Select(columns, args...).
		Joins("JOIN users ON users.id = quiz_attempts.user_id").
		Where("quiz_attempts.id = ? AND quiz_attempts.user_id = ?", id, userID).Take(&row).Error
	if err != nil {
		return nil, "", mapErr(err)
	}
	if check != nil {
		if err := check.settle(row.SessionRow); err != nil {
			return nil, "", err
		}
	}
	return &row.QuizAttempt, row.Discipline, nil
}
