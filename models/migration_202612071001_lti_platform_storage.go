package models

import "gorm.io/gorm"

// migrateLTIPlatformStorage lets a launch state be bound to the browser through the
// platform's storage (framed launches in browsers that refuse third-party cookies): the frame
// that keeps the launch's values and the hash of the secret kept there.
func migrateLTIPlatformStorage(tx *gorm.DB) error {
	for _, stmt := range []string{
		"ALTER TABLE lti_launch_states ADD COLUMN storage_hash VARCHAR(64) NOT NULL DEFAULT ''",
		"ALTER TABLE lti_launch_states ADD COLUMN storage_target VARCHAR(255) NOT NULL DEFAULT ''",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
