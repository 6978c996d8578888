package models

import (
	"crypto/rand"
	"encoding/base64"

	"gorm.io/gorm"
)

// migrateAttemptIDKeys gives every attempt a secret from which the opaque ids of its options,
// items and targets are derived. Attempts started before it get a fresh secret each: an open
// one shows the same questions in the same order from then on, under new ids.
func migrateAttemptIDKeys(tx *gorm.DB) error {
	if err := tx.Exec("ALTER TABLE quiz_attempts ADD COLUMN id_key VARCHAR(64) NOT NULL DEFAULT ''").Error; err != nil {
		return err
	}
	var ids []string
	if err := tx.Table("quiz_attempts").Where("id_key = ''").Pluck("id", &ids).Error; err != nil {
		return err
	}
	for _, id := range ids {
		var key [32]byte
		if _, err := rand.Read(key[:]); err != nil {
			return err
		}
		if err := tx.Table("quiz_attempts").Where("id = ?", id).
			Update("id_key", base64.RawURLEncoding.EncodeToString(key[:])).Error; err != nil {
			return err
		}
	}
	return nil
}
