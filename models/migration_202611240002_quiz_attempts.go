package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateQuizAttempts creates quiz attempts, numbered per learner and quiz, and judgement answers.
func migrateQuizAttempts(tx *gorm.DB) error {
	type user struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type quiz struct {
		Slug string `gorm:"primaryKey;size:100"`
	}
	type quizAttempt struct {
		ID          string `gorm:"primaryKey;size:32"`
		UserID      string `gorm:"size:32;not null;uniqueIndex:idx_attempt_number,priority:1"`
		User        user   `gorm:"constraint:OnDelete:CASCADE"`
		QuizSlug    string `gorm:"size:100;not null;uniqueIndex:idx_attempt_number,priority:2;index"`
		Quiz        quiz   `gorm:"foreignKey:QuizSlug;references:Slug"`
		Number      int    `gorm:"not null;uniqueIndex:idx_attempt_number,priority:3"`
		Seed        int64  `gorm:"not null"`
		QuizHash    string `gorm:"size:64;not null"`
		StartedAt   time.Time
		Deadline    *time.Time
		SubmittedAt *time.Time
		Score       float64 `gorm:"not null;default:0"`
		MaxScore    float64 `gorm:"not null;default:0"`
		Percent     float64 `gorm:"not null;default:0"`
		Passed      bool    `gorm:"not null;default:false"`
		Answers     string  `gorm:"type:text;not null;default:'[]'"`
		Results     string  `gorm:"type:text;not null;default:'[]'"`
	}
	type judgementAnswer struct {
		UserID      string `gorm:"primaryKey;size:32"`
		User        user   `gorm:"constraint:OnDelete:CASCADE"`
		QuestionKey string `gorm:"primaryKey;size:200;index"`
		QuizSlug    string `gorm:"size:100;not null"`
		OptionID    string `gorm:"size:100;not null"`
		Group       string `gorm:"column:discipline_group;size:16;not null"`
		UpdatedAt   time.Time
	}
	return tx.AutoMigrate(&quizAttempt{}, &judgementAnswer{})
}
