package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateLTI adds LTI 1.3: platforms registered with Tandem as a tool, the state and nonce of
// each launch between its login and its id_token, the link of a platform's user to a Tandem
// account, and of a platform's course to a cohort.
func migrateLTI(tx *gorm.DB) error {
	type user struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type cohort struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type ltiRegistration struct {
		ID            string `gorm:"primaryKey;size:32"`
		Name          string `gorm:"size:200;not null"`
		Issuer        string `gorm:"size:255;not null;uniqueIndex:idx_lti_registration_client,priority:1"`
		ClientID      string `gorm:"size:255;not null;uniqueIndex:idx_lti_registration_client,priority:2"`
		DeploymentIDs string `gorm:"type:text;not null"`
		AuthURL       string `gorm:"size:1000;not null"`
		TokenURL      string `gorm:"size:1000;not null"`
		KeySetURL     string `gorm:"size:1000;not null"`
		CreatedAt     time.Time
		UpdatedAt     time.Time
	}
	type ltiLaunchState struct {
		StateHash      string          `gorm:"primaryKey;size:64"`
		RegistrationID string          `gorm:"size:32;not null;index"`
		Registration   ltiRegistration `gorm:"constraint:OnDelete:CASCADE"`
		Nonce          string          `gorm:"size:64;not null"`
		ExpiresAt      time.Time       `gorm:"not null;index"`
	}
	type ltiAccount struct {
		Issuer         string `gorm:"primaryKey;size:255"`
		Subject        string `gorm:"primaryKey;size:255"`
		UserID         string `gorm:"size:32;not null;uniqueIndex"`
		User           user   `gorm:"constraint:OnDelete:CASCADE"`
		RegistrationID string `gorm:"size:32;not null;index"`
		CreatedAt      time.Time
	}
	type ltiContext struct {
		RegistrationID string          `gorm:"primaryKey;size:32"`
		Registration   ltiRegistration `gorm:"constraint:OnDelete:CASCADE"`
		ContextID      string          `gorm:"primaryKey;size:255"`
		CohortID       string          `gorm:"size:32;not null;uniqueIndex"`
		Cohort         cohort          `gorm:"constraint:OnDelete:CASCADE"`
		Title          string          `gorm:"size:200;not null;default:''"`
		CreatedAt      time.Time
	}
	return tx.Migrator().CreateTable(&ltiRegistration{}, &ltiLaunchState{}, &ltiAccount{}, &ltiContext{})
}
