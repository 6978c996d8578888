package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateCertificates creates organisations, their members, certificate programmes and
// certificates.
func migrateCertificates(tx *gorm.DB) error {
	type user struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type organisation struct {
		ID        string `gorm:"primaryKey;size:32"`
		Name      string `gorm:"size:200;not null"`
		Kind      string `gorm:"size:16;not null"`
		URL       string `gorm:"size:500;not null;default:''"`
		CreatedAt time.Time
	}
	type membership struct {
		OrganisationID string       `gorm:"primaryKey;size:32"`
		Organisation   organisation `gorm:"constraint:OnDelete:CASCADE"`
		UserID         string       `gorm:"primaryKey;size:32;index"`
		User           user         `gorm:"constraint:OnDelete:CASCADE"`
		Role           string       `gorm:"size:32;not null"`
		CreatedAt      time.Time
	}
	type programme struct {
		ID             string `gorm:"primaryKey;size:32"`
		OrganisationID string `gorm:"size:32;not null;index"`
		Organisation   organisation
		Title          string  `gorm:"size:300;not null"`
		Description    string  `gorm:"type:text;not null;default:''"`
		Tracks         string  `gorm:"type:text;not null"`
		MinQuizPercent int     `gorm:"not null"`
		Exercises      string  `gorm:"type:text;not null"`
		Credits        float64 `gorm:"not null"`
		CreditUnit     string  `gorm:"size:50;not null;default:''"`
		ValidityDays   int     `gorm:"not null"`
		CreatedBy      string  `gorm:"size:32;not null"`
		CreatedAt      time.Time
	}
	type certificate struct {
		ID             string `gorm:"primaryKey;size:32"`
		Serial         string `gorm:"size:32;not null;uniqueIndex"`
		ProgrammeID    string `gorm:"size:32;not null;uniqueIndex:idx_certificate_holder,priority:1"`
		Programme      programme
		UserID         string `gorm:"size:32;not null;uniqueIndex:idx_certificate_holder,priority:2;index"`
		User           user
		OrganisationID string `gorm:"size:32;not null;uniqueIndex:idx_certificate_status,priority:1"`
		StatusList     string `gorm:"size:32;not null;uniqueIndex:idx_certificate_status,priority:2"`
		StatusIndex    int    `gorm:"not null;uniqueIndex:idx_certificate_status,priority:3"`
		HolderName     string `gorm:"size:200;not null"`
		IssuedBy       string `gorm:"size:32;not null"`
		IssuedAt       time.Time
		ExpiresAt      *time.Time
		RevokedAt      *time.Time
		RevokedReason  string `gorm:"type:text;not null;default:''"`
		RevokedBy      *string
	}
	return tx.AutoMigrate(&organisation{}, &membership{}, &programme{}, &certificate{})
}
