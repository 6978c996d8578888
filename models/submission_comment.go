package models

import (
	"context"
	"time"
)

// SubmissionComment is one message in the thread on a version of a team's work, written by a
// member of the team or one of its cohort's instructors.
type SubmissionComment struct {
	ID           string `gorm:"primaryKey;size:32"`
	SubmissionID string `gorm:"size:32;not null;index"`
	AuthorID     string `gorm:"size:32;not null;index"`
	BodyMarkdown string `gorm:"type:text;not null"`
	BodyHTML     string `gorm:"type:text;not null"`
	CreatedAt    time.Time
}

// AddSubmissionComment stores a comment on a submission.
func (s *Store) AddSubmissionComment(ctx context.Context, c *SubmissionComment) error {
	c.ID, c.CreatedAt = NewID(), time.Now().UTC()
	return mapErr(s.db.WithContext(ctx).Create(c).Error)
}

// SubmissionComments returns the thread on a submission, oldest first.
func (s *Store) SubmissionComments(ctx context.Context, submissionID string) ([]SubmissionComment, error) {
	var out []SubmissionComment
	err := s.db.WithContext(ctx).Where("submission_id = ?", submissionID).Order("created_at, id").Find(&out).Error
	return out, mapErr(err)
}
