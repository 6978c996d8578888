package models

import (
	"context"

	"gorm.io/gorm"
)

// CohortExercise is a joint exercise an instructor chose for a cohort, in the order they
// listed it, with an optional due date (YYYY-MM-DD).
type CohortExercise struct {
	CohortID     string `gorm:"primaryKey;size:32"`
	ExerciseSlug string `gorm:"primaryKey;size:100"`
	Position     int    `gorm:"not null"`
	DueOn        string `gorm:"size:10;not null;default:''"`
}

// CohortExercises returns the exercises chosen for a cohort, in order; none when the
// instructors have not chosen.
func (s *Store) CohortExercises(ctx context.Context, cohortID string) ([]CohortExercise, error) {
	var out []CohortExercise
	return out, mapErr(s.db.WithContext(ctx).Where("cohort_id = ?", cohortID).Order("position").Find(&out).Error)
}

// SetCohortExercises replaces a cohort's chosen exercises with list, numbered in its order,
// in one transaction, and records who did it.
func (s *Store) SetCohortExercises(ctx context.Context, actorID, cohortID string, list []CohortExercise) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("cohort_id = ?", cohortID).Delete(&CohortExercise{}).Error; err != nil {
			return err
		}
		slugs := make([]string, len(list))
		for i := range list {
			list[i].CohortID, list[i].Position = cohortID, i+1
			slugs[i] = list[i].ExerciseSlug
		}
		if len(list) > 0 {
			if err := tx.Create(&list).Error; err != nil {
				return err
			}
		}
		return tx.Create(newAudit(actorID, "cohort.exercises_set", "cohort:"+cohortID, map[string]any{"exercises": slugs})).Error
	})
}
