package models

import (
	"gorm.io/gorm"
)

// migrateAttemptKeys lets attempt starts and submissions carry their Idempotency-Key in the
// row they write, so a retry is recognised without extra statements: a start key is unique per
// learner, a submit key is kept with the grade.
func migrateAttemptKeys(tx *gorm.DB) error {
	for _, stmt := range []string{
		"ALTER TABLE quiz_attempts ADD COLUMN start_key VARCHAR(128)",
		"ALTER TABLE quiz_attempts ADD COLUMN submit_key VARCHAR(128)",
		"CREATE UNIQUE INDEX IF NOT EXISTS idx_attempt_start_key ON quiz_attempts (user_id, start_key) WHERE start_key IS NOT NULL",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
