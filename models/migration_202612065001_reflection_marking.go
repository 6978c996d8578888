package models

import (
	"time"

	"gorm.io/gorm"
)

// reflectionAnswer202612065001 is the reflection_answers table as this migration creates it.
type reflectionAnswer202612065001 struct {
	AttemptID   string `gorm:"primaryKey;size:32"`
	QuestionID  string `gorm:"primaryKey;size:100"`
	UserID      string `gorm:"size:32;not null;index:idx_reflection_answers_user_id"`
	QuizSlug    string `gorm:"size:100;not null"`
	BodyHTML    string `gorm:"type:text;not null;default:''"`
	MaxPoints   float64
	Status      string `gorm:"size:24;not null;index:idx_reflection_answers_status"`
	Points      *float64
	SubmittedAt time.Time
	MarkedAt    *time.Time
}

func (reflectionAnswer202612065001) TableName() string { return "reflection_answers" }

// reflectionMark202612065001 is the reflection_marks table as this migration creates it.
type reflectionMark202612065001 struct {
	ID         string `gorm:"primaryKey;size:32"`
	AttemptID  string `gorm:"size:32;not null;uniqueIndex:idx_reflection_mark_role,priority:1"`
	QuestionID string `gorm:"size:100;not null;uniqueIndex:idx_reflection_mark_role,priority:2"`
	Role       string `gorm:"size:16;not null;uniqueIndex:idx_reflection_mark_role,priority:3"`
	MarkerID   string `gorm:"size:32;not null;index:idx_reflection_marks_marker_id"`
	Scores     string `gorm:"type:text;not null"`
	Points     float64
	Comment    string `gorm:"type:text;not null;default:''"`
	CreatedAt  time.Time
}

func (reflectionMark202612065001) TableName() string { return "reflection_marks" }

// migrateReflectionMarking adds what marking reflection answers needs: each answer's marking
// state, the markers' marks, and the attempt's own state (empty for an attempt with nothing to
// mark).
func migrateReflectionMarking(tx *gorm.DB) error {
	if err := tx.Migrator().CreateTable(&reflectionAnswer202612065001{}, &reflectionMark202612065001{}); err != nil {
		return err
	}
	return tx.Exec("ALTER TABLE quiz_attempts ADD COLUMN marking VARCHAR(24) NOT NULL DEFAULT ''").Error
}
