package models

import "gorm.io/gorm"

// migrateRegradeScanIndex indexes submitted attempts by quiz and version, with the learner,
// so the regrade page's scan for attempts graded by an earlier version of a quiz
// (StaleQuizzes, RegradeQuiz) reads the index per quiz instead of every attempt.
func migrateRegradeScanIndex(tx *gorm.DB) error {
	return tx.Exec("CREATE INDEX IF NOT EXISTS idx_quiz_attempts_regrade ON quiz_attempts (quiz_slug, quiz_hash, user_id) WHERE submitted_at IS NOT NULL").Error
}
