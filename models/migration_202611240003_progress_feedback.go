package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateProgressFeedback creates enrolments, lesson completions, the learning-event log and
// lesson feedback.
func migrateProgressFeedback(tx *gorm.DB) error {
	type user struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type track struct {
		Slug string `gorm:"primaryKey;size:100"`
	}
	type lesson struct {
		Slug string `gorm:"primaryKey;size:100"`
	}
	type enrolment struct {
		ID        string `gorm:"primaryKey;size:32"`
		UserID    string `gorm:"size:32;not null;uniqueIndex:idx_enrolment,priority:1"`
		User      user   `gorm:"constraint:OnDelete:CASCADE"`
		TrackSlug string `gorm:"size:100;not null;uniqueIndex:idx_enrolment,priority:2;index"`
		Track     track  `gorm:"foreignKey:TrackSlug;references:Slug"`
		CreatedAt time.Time
	}
	type lessonCompletion struct {
		ID          string `gorm:"primaryKey;size:32"`
		UserID      string `gorm:"size:32;not null;uniqueIndex:idx_completion,priority:1"`
		User        user   `gorm:"constraint:OnDelete:CASCADE"`
		LessonSlug  string `gorm:"size:100;not null;uniqueIndex:idx_completion,priority:2;index"`
		Lesson      lesson `gorm:"foreignKey:LessonSlug;references:Slug"`
		LessonHash  string `gorm:"size:64;not null"`
		CompletedAt time.Time
	}
	type progressEvent struct {
		ID         string    `gorm:"primaryKey;size:32"`
		UserID     string    `gorm:"size:32;not null;index:idx_event_user,priority:1"`
		User       user      `gorm:"constraint:OnDelete:CASCADE"`
		Verb       string    `gorm:"size:32;not null"`
		ObjectType string    `gorm:"size:32;not null"`
		ObjectID   string    `gorm:"size:200;not null"`
		TrackSlug  string    `gorm:"size:100;not null;default:''"`
		Result     string    `gorm:"type:text;not null;default:'{}'"`
		CreatedAt  time.Time `gorm:"index:idx_event_user,priority:2"`
	}
	type lessonFeedback struct {
		ID         string  `gorm:"primaryKey;size:32"`
		UserID     string  `gorm:"size:32;not null;uniqueIndex:idx_feedback,priority:1"`
		User       user    `gorm:"constraint:OnDelete:CASCADE"`
		LessonSlug string  `gorm:"size:100;not null;uniqueIndex:idx_feedback,priority:2;index"`
		Lesson     lesson  `gorm:"foreignKey:LessonSlug;references:Slug"`
		LessonHash string  `gorm:"size:64;not null"`
		Rating     int     `gorm:"not null"`
		Kind       string  `gorm:"size:16;not null"`
		Comment    string  `gorm:"type:text;not null;default:''"`
		Group      string  `gorm:"column:discipline_group;size:16;not null"`
		Status     string  `gorm:"size:16;not null;default:open;index"`
		Response   string  `gorm:"type:text;not null;default:''"`
		ResolvedBy *string `gorm:"size:32"`
		ResolvedAt *time.Time
		CreatedAt  time.Time
		UpdatedAt  time.Time
	}
	return tx.AutoMigrate(&enrolment{}, &lessonCompletion{}, &progressEvent{}, &lessonFeedback{})
}
