package models

import "gorm.io/gorm"

// migrateRateLimitMilliseconds counts the rate limits' windows from the millisecond their first
// hit came instead of its whole second: a window kept in seconds could end up to a second
// early, which for a window of a few seconds let a second hit through at once. Counters
// running keep their count and their start.
func migrateRateLimitMilliseconds(tx *gorm.DB) error {
	return tx.Exec("UPDATE rate_limits SET window_start = window_start * 1000").Error
}
