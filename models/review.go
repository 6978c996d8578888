package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// Review is an instructor's decision on a submission against the exercise's rubric.
type Review struct {
	ID           string `gorm:"primaryKey;size:32"`
	SubmissionID string `gorm:"size:32;not null;index"`
	ReviewerID   string `gorm:"size:32;not null"`
	Decision     string `gorm:"size:16;not null"`
	Scores       string `gorm:"type:text;not null"`
	Comment      string `gorm:"type:text;not null;default:''"`
	CreatedAt    time.Time
}

// AddReview stores a review, sets the submission's status from its decision and appends the
// members' events, in one transaction.
func (s *Store) AddReview(ctx context.Context, r *Review, status string, events []ProgressEvent) error {
	r.ID, r.CreatedAt = NewID(), time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(r).Error; err != nil {
			return err
		}
		if err := tx.Model(&Submission{}).Where("id = ?", r.SubmissionID).Update("status", status).Error; err != nil {
			return err
		}
		var teams []string
		if err := tx.Model(&Submission{}).Where("id = ?", r.SubmissionID).Pluck("team_id", &teams).Error; err != nil {
			return err
		}
		for _, id := range teams {
			if err := retallyTeamOf(tx, id); err != nil {
				return err
			}
		}
		return s.createEvents(tx, events, r.SubmissionID)
	})
}
