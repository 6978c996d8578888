package models

import (
	"time"

	"gorm.io/gorm"
)

// submissionComment202612063001 is the submission_comments table as this migration creates it.
type submissionComment202612063001 struct {
	ID           string `gorm:"primaryKey;size:32"`
	SubmissionID string `gorm:"size:32;not null;index:idx_submission_comments_submission_id"`
	AuthorID     string `gorm:"size:32;not null;index:idx_submission_comments_author_id"`
	BodyMarkdown string `gorm:"type:text;not null"`
	BodyHTML     string `gorm:"type:text;not null"`
	CreatedAt    time.Time
}

func (submissionComment202612063001) TableName() string { return "submission_comments" }

// migrateSubmissionComments creates the threads the team and its instructors keep on each
// version of the team's work.
func migrateSubmissionComments(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&submissionComment202612063001{})
}
