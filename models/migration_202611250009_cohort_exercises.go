package models

import (
	"gorm.io/gorm"
)

// migrateCohortExercises lets an instructor choose a cohort's joint exercises, each with an
// optional due date.
func migrateCohortExercises(tx *gorm.DB) error {
	type cohort struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type cohortExercise struct {
		CohortID     string `gorm:"primaryKey;size:32"`
		Cohort       cohort `gorm:"constraint:OnDelete:CASCADE"`
		ExerciseSlug string `gorm:"primaryKey;size:100"`
		Position     int    `gorm:"not null"`
		DueOn        string `gorm:"size:10;not null;default:''"`
	}
	return tx.Migrator().CreateTable(&cohortExercise{})
}
