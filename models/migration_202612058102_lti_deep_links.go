package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateLTIDeepLinks keeps each LTI Deep Linking request between the instructor's launch and
// the items they pick: where to send the answer and what the platform asked to get back.
func migrateLTIDeepLinks(tx *gorm.DB) error {
	type user struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type ltiRegistration struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type ltiDeepLink struct {
		ID             string          `gorm:"primaryKey;size:32"`
		RegistrationID string          `gorm:"size:32;not null;index"`
		Registration   ltiRegistration `gorm:"constraint:OnDelete:CASCADE"`
		UserID         string          `gorm:"size:32;not null;index"`
		User           user            `gorm:"constraint:OnDelete:CASCADE"`
		DeploymentID   string          `gorm:"size:255;not null"`
		ReturnURL      string          `gorm:"size:2000;not null"`
		Data           string          `gorm:"type:text;not null;default:''"`
		AcceptMultiple bool            `gorm:"not null;default:false"`
		ExpiresAt      time.Time       `gorm:"not null;index"`
		UsedAt         *time.Time
		CreatedAt      time.Time
	}
	return tx.Migrator().CreateTable(&ltiDeepLink{})
}
