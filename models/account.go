package models

import (
	"context"
	"time"

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
	Platforms   []LTIAccount       `json:"platform_accounts"`
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
			{&e.Platforms, "created_at"},
		} {
			if err := tx.Where("user_id = ?", userID).Order(q.order).Find(q.dst).Error; err != nil {
				return err
			}
		}
		return nil
	})
	return &e, err
}

// EraseUser erases a user's personal data in one transaction: name, email, institution and
// password are replaced, every session ends at once (the token epoch rises), refresh tokens,
// links and mails about the account and free-text comments are deleted. Learning records stay, tied
// to an account that no longer identifies anyone, so cohort statistics remain whole.
func (s *Store) EraseUser(ctx context.Context, userID string) error {
	now := time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := updateLive(tx, userID, map[string]any{
			"email": "erased-" + userID + "@erased.invalid", "name": "Erased learner", "institution": "",
			"password_hash": "!", "dashboard": "{}", "erased_at": now,
		}); err != nil {
			return err
		}
		if err := endAllSessions(tx, userID); err != nil {
			return err
		}
		// Refresh tokens, links sent by mail, the mail itself and the link to a learning
		// platform's user hold nothing worth keeping.
		for _, table := range []any{&RefreshToken{}, &AccountToken{}, &OutboxMail{}, &LTIAccount{}} {
			if err := tx.Where("user_id = ?", userID).Delete(table).Error; err != nil {
				return err
			}
		}
		if err := tx.Model(&LessonFeedback{}).Where("user_id = ?", userID).Update("comment", "").Error; err != nil {
			return err
		}
		if err := eraseCertificateHolder(tx, userID, now); err != nil {
			return err
		}
		return tx.Create(newAudit(userID, "user.erased", "user:"+userID, nil)).Error
	})
}
