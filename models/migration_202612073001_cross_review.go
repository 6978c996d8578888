package models

import (
	"time"

	"gorm.io/gorm"
)

// crossReview202612073001 is the cross_reviews table as this migration creates it.
type crossReview202612073001 struct {
	CohortID        string `gorm:"primaryKey;size:32"`
	ExerciseSlug    string `gorm:"primaryKey;size:100"`
	ExampleMarkdown string `gorm:"type:text;not null"`
	ExampleHTML     string `gorm:"type:text;not null"`
	ExampleMarks    string `gorm:"type:text;not null"`
	Groups          string `gorm:"type:text;not null"`
	DueOn           string `gorm:"size:10;not null;default:''"`
	Seed            *int64
	AssignedAt      *time.Time
	SetBy           string `gorm:"size:32;not null"`
	UpdatedAt       time.Time
}

func (crossReview202612073001) TableName() string { return "cross_reviews" }

// crossReviewPair202612073001 is the cross_review_pairs table as this migration creates it.
type crossReviewPair202612073001 struct {
	CohortID       string `gorm:"primaryKey;size:32"`
	ExerciseSlug   string `gorm:"primaryKey;size:100"`
	ReviewerTeamID string `gorm:"primaryKey;size:32"`
	RevieweeTeamID string `gorm:"size:32;not null"`
	SubmissionID   string `gorm:"size:32;not null;index:idx_cross_review_pairs_submission_id"`
}

func (crossReviewPair202612073001) TableName() string { return "cross_review_pairs" }

// crossReviewCalibration202612073001 is the cross_review_calibrations table as this
// migration creates it.
type crossReviewCalibration202612073001 struct {
	CohortID     string  `gorm:"primaryKey;size:32"`
	ExerciseSlug string  `gorm:"primaryKey;size:100"`
	UserID       string  `gorm:"primaryKey;size:32;index:idx_cross_review_calibrations_user_id"`
	Marks        string  `gorm:"type:text;not null"`
	Accuracy     float64 `gorm:"not null"`
	CreatedAt    time.Time
}

func (crossReviewCalibration202612073001) TableName() string { return "cross_review_calibrations" }

// crossReviewMark202612073001 is the cross_review_marks table as this migration creates it.
type crossReviewMark202612073001 struct {
	SubmissionID   string `gorm:"primaryKey;size:32"`
	ReviewerID     string `gorm:"primaryKey;size:32;index:idx_cross_review_marks_reviewer_id"`
	CohortID       string `gorm:"size:32;not null;index:idx_cross_review_marks_exercise,priority:1"`
	ExerciseSlug   string `gorm:"size:100;not null;index:idx_cross_review_marks_exercise,priority:2"`
	ReviewerTeamID string `gorm:"size:32;not null"`
	Marks          string `gorm:"type:text;not null"`
	Comment        string `gorm:"type:text;not null;default:''"`
	UpdatedAt      time.Time
}

func (crossReviewMark202612073001) TableName() string { return "cross_review_marks" }

// migrateCrossReview creates the tables of peer review between teams: the set-up with its
// calibration example, the pairing of teams, reviewers' calibrations and their marks.
func migrateCrossReview(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&crossReview202612073001{}, &crossReviewPair202612073001{},
		&crossReviewCalibration202612073001{}, &crossReviewMark202612073001{})
}
