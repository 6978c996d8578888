package models

import (
	"fmt"
	"time"

	"gorm.io/gorm"
)

// migrateInitial creates accounts, refresh tokens, signing keys, rate limits, the audit log and
// the mirror of the catalogue (tracks, modules, lessons, quizzes).
func migrateInitial(tx *gorm.DB) error {
	type user struct {
		ID           string `gorm:"primaryKey;size:32"`
		Email        string `gorm:"size:254;not null;uniqueIndex"`
		Name         string `gorm:"size:200;not null"`
		Discipline   string `gorm:"size:32;not null;index"`
		Institution  string `gorm:"size:200;not null;default:''"`
		Role         string `gorm:"size:32;not null;default:learner"`
		PasswordHash string `gorm:"size:255;not null"`
		Dashboard    string `gorm:"type:text;not null;default:'{}'"`
		CreatedAt    time.Time
		UpdatedAt    time.Time
		ErasedAt     *time.Time
	}
	type refreshToken struct {
		ID        string    `gorm:"primaryKey;size:32"`
		UserID    string    `gorm:"size:32;not null;index"`
		User      user      `gorm:"constraint:OnDelete:CASCADE"`
		FamilyID  string    `gorm:"size:32;not null;index"`
		TokenHash string    `gorm:"size:64;not null;uniqueIndex"`
		ExpiresAt time.Time `gorm:"not null"`
		UsedAt    *time.Time
		RevokedAt *time.Time
		CreatedAt time.Time
	}
	type signingKey struct {
		ID         string `gorm:"primaryKey;size:32"`
		Purpose    string `gorm:"size:64;not null;index"`
		Algorithm  string `gorm:"size:16;not null"`
		PublicKey  []byte `gorm:"not null"`
		PrivateKey []byte `gorm:"not null"`
		Active     bool   `gorm:"not null;default:false"`
		CreatedAt  time.Time
		RetiredAt  *time.Time
	}
	type rateLimit struct {
		Key         string `gorm:"primaryKey;size:200"`
		WindowStart int64  `gorm:"not null"`
		Hits        int    `gorm:"not null"`
	}
	type auditEvent struct {
		ID        string    `gorm:"primaryKey;size:32"`
		ActorID   *string   `gorm:"size:32;index"`
		Action    string    `gorm:"size:64;not null;index"`
		Subject   string    `gorm:"size:200;not null;index"`
		Details   string    `gorm:"type:text;not null;default:'{}'"`
		CreatedAt time.Time `gorm:"index"`
	}
	type track struct {
		Slug      string `gorm:"primaryKey;size:100"`
		Title     string `gorm:"size:300;not null"`
		Audience  string `gorm:"size:32;not null"`
		Position  int    `gorm:"not null"`
		Hash      string `gorm:"size:64;not null"`
		Retired   bool   `gorm:"not null;default:false"`
		UpdatedAt time.Time
	}
	type module struct {
		Slug      string `gorm:"primaryKey;size:100"`
		TrackSlug string `gorm:"size:100;not null;index"`
		Track     track  `gorm:"foreignKey:TrackSlug;references:Slug"`
		Title     string `gorm:"size:300;not null"`
		Position  int    `gorm:"not null"`
		Hash      string `gorm:"size:64;not null"`
		Retired   bool   `gorm:"not null;default:false"`
		UpdatedAt time.Time
	}
	type lesson struct {
		Slug             string `gorm:"primaryKey;size:100"`
		ModuleSlug       string `gorm:"size:100;not null;index"`
		Module           module `gorm:"foreignKey:ModuleSlug;references:Slug"`
		Title            string `gorm:"size:300;not null"`
		Position         int    `gorm:"not null"`
		Hash             string `gorm:"size:64;not null"`
		Retired          bool   `gorm:"not null;default:false"`
		ContentUpdatedAt time.Time
	}
	type quiz struct {
		Slug             string `gorm:"primaryKey;size:100"`
		ModuleSlug       string `gorm:"size:100;not null;index"`
		Module           module `gorm:"foreignKey:ModuleSlug;references:Slug"`
		Title            string `gorm:"size:300;not null"`
		Hash             string `gorm:"size:64;not null"`
		Retired          bool   `gorm:"not null;default:false"`
		ContentUpdatedAt time.Time
	}
	// Table names come from the snapshot types' names (user -> users), as for the models.
	if err := tx.AutoMigrate(&user{}, &refreshToken{}, &signingKey{}, &rateLimit{}, &auditEvent{},
		&track{}, &module{}, &lesson{}, &quiz{}); err != nil {
		return fmt.Errorf("create tables: %w", err)
	}
	return tx.Exec("CREATE UNIQUE INDEX IF NOT EXISTS idx_signing_keys_active ON signing_keys (purpose) WHERE active").Error
}
