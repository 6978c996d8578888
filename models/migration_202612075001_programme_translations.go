package models

import (
	"time"

	"gorm.io/gorm"
)

// programmeTranslation202612075001 is the programme_translations table as this migration
// creates it.
type programmeTranslation202612075001 struct {
	ProgrammeID string `gorm:"primaryKey;size:32"`
	Language    string `gorm:"primaryKey;size:8"`
	Title       string `gorm:"size:300;not null"`
	Description string `gorm:"type:text;not null;default:''"`
	UpdatedAt   time.Time
}

func (programmeTranslation202612075001) TableName() string { return "programme_translations" }

// migrateProgrammeTranslations creates the table of a programme's title and description in
// other languages than the one its society wrote it in.
func migrateProgrammeTranslations(tx *gorm.DB) error {
	return tx.Migrator().CreateTable(&programmeTranslation202612075001{})
}
