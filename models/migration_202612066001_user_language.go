package models

import "gorm.io/gorm"

// migrateUserLanguage keeps the language a user chose for Tandem's interface; empty means
// none was chosen and the browser's preference applies.
func migrateUserLanguage(tx *gorm.DB) error {
	return tx.Exec("ALTER TABLE users ADD COLUMN language VARCHAR(8) NOT NULL DEFAULT ''").Error
}
