package models

import (
	"gorm.io/gorm"
)

// migrateEventForwarding marks which learning events have reached the external Learning Record
// Store, with a lease for the server sending them.
func migrateEventForwarding(tx *gorm.DB) error {
	ts := "datetime"
	if tx.Dialector.Name() == "postgres" {
		ts = "timestamptz"
	}
	for _, stmt := range []string{
		"ALTER TABLE progress_events ADD COLUMN forwarded_at " + ts,
		"ALTER TABLE progress_events ADD COLUMN forward_owner VARCHAR(64) NOT NULL DEFAULT ''",
		"ALTER TABLE progress_events ADD COLUMN forward_lease_until " + ts,
		"CREATE INDEX IF NOT EXISTS idx_event_unforwarded ON progress_events (id) WHERE forwarded_at IS NULL",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
