package models

import "gorm.io/gorm"

// migrateHashedLimitKeys deletes the rate-limit counters kept under keys in clear (email and
// client addresses): from this migration on keys are stored keyed-hashed (see limitKey), so
// the old rows would never be counted again. Counting starts afresh once.
func migrateHashedLimitKeys(tx *gorm.DB) error {
	return tx.Exec("DELETE FROM rate_limits").Error
}
