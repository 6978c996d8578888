package models

import (
	"time"

	"gorm.io/gorm"
)

// accommodation202612059702 is the accommodations table as this migration creates it.
type accommodation202612059702 struct {
	ID               string `gorm:"primaryKey;size:32"`
	CohortID         string `gorm:"size:32;not null;default:'';uniqueIndex:idx_accommodation_scope,priority:1"`
	UserID           string `gorm:"size:32;not null;default:'';uniqueIndex:idx_accommodation_scope,priority:2;index:idx_accommodations_user_id"`
	QuizSlug         string `gorm:"size:100;not null;default:'';uniqueIndex:idx_accommodation_scope,priority:3"`
	ExtraTimePercent int    `gorm:"not null;default:0"`
	ExtraMinutes     int    `gorm:"not null;default:0"`
	ExtraAttempts    int    `gorm:"not null;default:0"`
	Note             string `gorm:"size:500;not null;default:''"`
	SetBy            string `gorm:"size:32;not null"`
	UpdatedAt        time.Time
}

func (accommodation202612059702) TableName() string { return "accommodations" }

// migrateAccommodations creates the table of learners' extra time and attempts.
func migrateAccommodations(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&accommodation202612059702{})
}
