package models

import (
	"gorm.io/gorm"
)

// migrateCohortTimeZone gives each cohort the time zone its dates are read in (IANA name).
func migrateCohortTimeZone(tx *gorm.DB) error {
	return tx.Exec("ALTER TABLE cohorts ADD COLUMN time_zone VARCHAR(64) NOT NULL DEFAULT 'UTC'").Error
}
