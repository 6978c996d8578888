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

// OfferedExercises is which joint exercises a learner's cohorts run.
type OfferedExercises struct {
	InCohort bool            // the learner belongs to at least one cohort
	Every    bool            // one of those cohorts has not chosen, so every exercise is open there
	Chosen   map[string]bool // the exercises chosen in the others
}

// Offers reports whether the learner's cohorts run exercise.
func (o OfferedExercises) Offers(exercise string) bool {
	return o.Every || o.Chosen[exercise]
}

// ExercisesOffered reads which joint exercises the cohorts a learner belongs to run.
func (s *Store) ExercisesOffered(ctx context.Context, userID string) (OfferedExercises, error) {
	var rows []struct{ ExerciseSlug *string } // nil where a cohort has not chosen
	err := s.db.WithContext(ctx).Table("cohort_members AS m").
		Select("e.exercise_slug").
		Joins("LEFT JOIN cohort_exercises e ON e.cohort_id = m.cohort_id").
		Where("m.user_id = ?", userID).Scan(&rows).Error
	out := OfferedExercises{InCohort: len(rows) > 0, Chosen: map[string]bool{}}
	for _, r := range rows {
		if r.ExerciseSlug == nil {
			out.Every = true
		} else {
			out.Chosen[*r.ExerciseSlug] = true
		}
	}
	return out, mapErr(err)
}
