package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateLTIGrades adds LTI Assignment and Grade Services and Names and Role Provisioning: the
// service endpoints a platform offers for each course, the gradebook columns (line items)
// Tandem publishes to, the outbox of scores waiting for or refused by the platform, the
// position of the score publisher in the learning events, and the course a deep-linking
// request came from.
func migrateLTIGrades(tx *gorm.DB) error {
	type ltiRegistration struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type ltiContextService struct {
		RegistrationID string          `gorm:"primaryKey;size:32"`
		Registration   ltiRegistration `gorm:"constraint:OnDelete:CASCADE"`
		ContextID      string          `gorm:"primaryKey;size:255"`
		LineItemsURL   string          `gorm:"size:1000;not null;default:''"`
		MembershipsURL string          `gorm:"size:1000;not null;default:''"`
		Scopes         string          `gorm:"type:text;not null;default:''"`
		UpdatedAt      time.Time
	}
	type ltiLineItem struct {
		ID             string          `gorm:"primaryKey;size:32"`
		RegistrationID string          `gorm:"size:32;not null;uniqueIndex:idx_lti_line_item,priority:1"`
		Registration   ltiRegistration `gorm:"constraint:OnDelete:CASCADE"`
		ContextID      string          `gorm:"size:255;not null;uniqueIndex:idx_lti_line_item,priority:2"`
		ResourceID     string          `gorm:"size:200;not null;uniqueIndex:idx_lti_line_item,priority:3"`
		Label          string          `gorm:"size:200;not null"`
		ScoreMaximum   float64         `gorm:"not null"`
		URL            string          `gorm:"size:1000;not null;default:''"`
		CreatedAt      time.Time
	}
	type ltiScore struct {
		ID               string          `gorm:"primaryKey;size:32"`
		EventID          string          `gorm:"size:32;not null;uniqueIndex:idx_lti_score_event,priority:1"`
		RegistrationID   string          `gorm:"size:32;not null;uniqueIndex:idx_lti_score_event,priority:2"`
		Registration     ltiRegistration `gorm:"constraint:OnDelete:CASCADE"`
		ContextID        string          `gorm:"size:255;not null;uniqueIndex:idx_lti_score_event,priority:3"`
		ResourceID       string          `gorm:"size:200;not null;uniqueIndex:idx_lti_score_event,priority:4"`
		CohortID         string          `gorm:"size:32;not null;index:idx_lti_score_cohort,priority:1"`
		UserID           string          `gorm:"size:32;not null"`
		Subject          string          `gorm:"size:255;not null"`
		Label            string          `gorm:"size:200;not null"`
		ScoreGiven       float64         `gorm:"not null"`
		ScoreMaximum     float64         `gorm:"not null"`
		ActivityProgress string          `gorm:"size:32;not null"`
		GradingProgress  string          `gorm:"size:32;not null"`
		Comment          string          `gorm:"size:1000;not null;default:''"`
		ScoredAt         time.Time       `gorm:"not null"`
		Status           string          `gorm:"size:16;not null;index:idx_lti_score_due,priority:1;index:idx_lti_score_cohort,priority:2"`
		Attempts         int             `gorm:"not null;default:0"`
		NextAttemptAt    time.Time       `gorm:"not null;index:idx_lti_score_due,priority:2"`
		LeaseOwner       string          `gorm:"size:100;not null;default:''"`
		LeaseUntil       *time.Time
		LastStatus       int    `gorm:"not null;default:0"`
		LastError        string `gorm:"type:text;not null;default:''"`
		SentAt           *time.Time
		CreatedAt        time.Time
	}
	type ltiGradeCursor struct {
		Name    string `gorm:"primaryKey;size:32"`
		EventID string `gorm:"size:32;not null"`
	}
	type ltiDeepLink struct {
		ContextID string `gorm:"size:255;not null;default:''"`
	}
	for _, t := range []any{&ltiContextService{}, &ltiLineItem{}, &ltiScore{}, &ltiGradeCursor{}} {
		if err := tx.Migrator().CreateTable(t); err != nil {
			return err
		}
	}
	return tx.Migrator().AddColumn(&ltiDeepLink{}, "ContextID")
}
