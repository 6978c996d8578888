package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
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

// StartAttempt stores a as the learner's next attempt, numbering it after their last one. When
// maxAttempts > 0 and that many exist, it returns ErrLimitReached. Two concurrent starts that
// pick the same number collide on the unique index; the loser renumbers and tries again. When
// a.StartKey was used before by the same learner, a becomes that attempt and the error is
// ErrKeyUsed.
func (s *Store) StartAttempt(ctx context.Context, a *QuizAttempt, maxAttempts int, ev ProgressEvent) error {
	db := s.db.WithContext(ctx)
	for range 50 {
		var last int
		if err := db.Model(&QuizAttempt{}).Where("user_id = ? AND quiz_slug = ?", a.UserID, a.QuizSlug).
			Select("COALESCE(MAX(number), 0)").Scan(&last).Error; err != nil {
			return mapErr(err)
		}
		if maxAttempts > 0 && last >= maxAttempts {
			return ErrLimitReached
		}
		a.ID, a.Number = NewID(), last+1
		err := s.tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Create(a).Error; err != nil {
				return err
			}
			ev.ID, ev.ObjectID = NewID(), a.QuizSlug
			return s.insertEvents(tx, ev)
		})
		if !errors.Is(err, ErrConflict) {
			return err
		}
		if a.StartKey != nil {
			prior, err := s.AttemptByStartKey(ctx, a.UserID, *a.StartKey)
			if err == nil {
				*a = *prior
				return ErrKeyUsed
			}
			if !errors.Is(err, ErrNotFound) {
				return err
			}
		}
	}
	return ErrConflict
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

// SubmitAttempt records the grade of an unsubmitted attempt (with its submit key), its
// question responses (counted into the quiz's item sums), the judgement choices and the
// reflection answers in it, in one transaction. An attempt awaiting marking has no responses
// yet: they are counted once it is marked. It returns ErrConflict when the attempt was
// already submitted, so of two concurrent submissions exactly one is stored.
func (s *Store) SubmitAttempt(ctx context.Context, graded *QuizAttempt, responses []QuestionResponse, judgements []JudgementAnswer, reflections []ReflectionAnswer, events []ProgressEvent) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.lockAttemptsOf(tx, graded.UserID, graded.QuizSlug); err != nil {
			return err
		}
		res := tx.Model(&QuizAttempt{}).Where("id = ? AND user_id = ? AND submitted_at IS NULL", graded.ID, graded.UserID).
			Updates(map[string]any{
				"submitted_at": graded.SubmittedAt, "score": graded.Score, "max_score": graded.MaxScore,
				"percent": graded.Percent, "passed": graded.Passed, "answers": graded.Answers, "results": graded.Results,
				"submit_key": graded.SubmitKey, "draft": "", "draft_saved_at": nil, "marking": graded.Marking, "quiz_hash": graded.QuizHash,
			})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		if err := s.insertEvents(tx, events...); err != nil {
			return err
		}
		if len(responses) > 0 {
			if err := tx.Create(&responses).Error; err != nil {
				return err
			}
		}
		if len(judgements) > 0 {
			if err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "user_id"}, {Name: "question_key"}},
				DoUpdates: clause.AssignmentColumns([]string{"option_id", "discipline_group", "updated_at"}),
			}).Create(&judgements).Error; err != nil {
				return err
			}
		}
		if len(reflections) > 0 {
			if err := tx.Create(&reflections).Error; err != nil {
				return err
			}
		}
		if err := resummariseQuiz(tx, graded.UserID, graded.QuizSlug); err != nil {
			return err
		}
		if graded.Marking == MarkingAwaited {
			return nil
		}
		return s.addToItemSums(tx, graded, responses) // last: the quiz's sums stay locked only until commit
	})
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
