package models

import "gorm.io/gorm"

// migrateAttemptDrafts keeps the answers a learner has given so far on an open attempt, so the
// attempt can be resumed on another device; submitting empties them.
func migrateAttemptDrafts(tx *gorm.DB) error {
	ts := "datetime"
	if tx.Dialector.Name() == "postgres" {
		ts = "timestamptz"
	}
	for _, stmt := range []string{
		"ALTER TABLE quiz_attempts ADD COLUMN draft TEXT NOT NULL DEFAULT ''",
		"ALTER TABLE quiz_attempts ADD COLUMN draft_saved_at " + ts,
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
