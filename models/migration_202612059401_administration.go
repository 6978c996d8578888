package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migrateAdministration lets societies retire a programme and re-issue a revoked certificate:
//   - a programme records when it was retired and by whom; a retired programme issues nothing
//     new, and what it issued stays verifiable;
//   - a revoked certificate records the serial of the certificate that replaced it, and the
//     one-certificate-per-learner-and-programme index leaves replaced certificates out, so the
//     replacement can be stored while the revoked one stays, revoked.
func migrateAdministration(tx *gorm.DB) error {
	type programme struct {
		RetiredAt *time.Time
		RetiredBy string `gorm:"size:32;not null;default:''"`
	}
	type certificate struct {
		ReplacedBy string `gorm:"size:32;not null;default:''"`
	}
	m := tx.Migrator()
	for _, col := range []string{"RetiredAt", "RetiredBy"} {
		if err := m.AddColumn(&programme{}, col); err != nil {
			return fmt.Errorf("programmes.%s: %w", col, err)
		}
	}
	if err := m.AddColumn(&certificate{}, "ReplacedBy"); err != nil {
		return err
	}
	if err := tx.Exec("DROP INDEX idx_certificate_holder").Error; err != nil {
		return err
	}
	return tx.Exec("CREATE UNIQUE INDEX idx_certificate_holder ON certificates (programme_id, user_id) WHERE replaced_by = ''").Error
}
