package models

import "gorm.io/gorm"

// accommodation202612074001 is the accommodations table's column this migration adds.
type accommodation202612074001 struct {
	ExtraDays int `gorm:"not null;default:0"`
}

func (accommodation202612074001) TableName() string { return "accommodations" }

// migrateExerciseDueAccommodations lets an accommodation move team exercises' due dates
// later by a number of days.
func migrateExerciseDueAccommodations(tx *gorm.DB) error {
	if tx.Migrator().HasColumn(&accommodation202612074001{}, "ExtraDays") {
		return nil
	}
	return tx.Migrator().AddColumn(&accommodation202612074001{}, "ExtraDays")
}
