package models

import (
	"context"

	"gorm.io/gorm"
)

// Export is everything stored about one user.
type Export struct {
	User        User               `json:"user"`
	Enrolments  []Enrolment        `json:"enrolments"`
	Completions []LessonCompletion `json:"lesson_completions"`
	Attempts    []QuizAttempt      `json:"quiz_attempts"`
	Judgements  []JudgementAnswer  `json:"judgement_answers"`
	Feedback    []LessonFeedback   `json:"lesson_feedback"`
	Events      []ProgressEvent    `json:"progress_events"`
	Sessions    []RefreshToken     `json:"sessions"`
}

// ExportUser gathers everything stored about userID, read in one transaction so it is
// consistent.
func (s *Store) ExportUser(ctx context.Context, userID string) (*Export, error) {
	var e Export
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("id = ? AND erased_at IS NULL", userID).Take(&e.User).Error; err != nil {
			return err
		}
		for _, q := range []struct {
			dst   any
			order string
		}{
			{&e.Enrolments, "created_at"}, {&e.Completions, "completed_at"}, {&e.Attempts, "started_at"},
			{&e.Judgements, "updated_at"}, {&e.Feedback, "created_at"}, {&e.Events, "id"}, {&e.Sessions, "created_at"},
		} {
			if err := tx.Where("user_id = ?", userID).Order(q.order).Find(q.dst).Error; err != nil {
				return err
			}
		}
		return nil
	})
	return &e, err
}
