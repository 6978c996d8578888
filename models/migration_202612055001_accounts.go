package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateAccounts adds what account self-service needs: a token epoch on each user (every
// access token carries the epoch it was issued in; raising it ends them all), the moment an
// email address was verified, the epoch each refresh token was born in, single-use account
// tokens (email verification, email change, password reset; stored hashed), and the mail outbox.
func migrateAccounts(tx *gorm.DB) error {
	type accountToken struct {
		ID        string    `gorm:"primaryKey;size:32"`
		UserID    string    `gorm:"size:32;not null;index"`
		Purpose   string    `gorm:"size:32;not null"`
		TokenHash string    `gorm:"size:64;not null;uniqueIndex"`
		Email     string    `gorm:"size:254;not null"`
		ExpiresAt time.Time `gorm:"not null"`
		UsedAt    *time.Time
		CreatedAt time.Time
	}
	type mailOutbox struct {
		ID            string    `gorm:"primaryKey;size:32"`
		Kind          string    `gorm:"size:64;not null"`
		UserID        *string   `gorm:"size:32;index"`
		ToAddress     string    `gorm:"size:254;not null"`
		Subject       string    `gorm:"size:300;not null"`
		TextBody      string    `gorm:"type:text;not null"`
		HTMLBody      string    `gorm:"type:text;not null"`
		Attempts      int       `gorm:"not null;default:0"`
		NextAttemptAt time.Time `gorm:"not null"`
		LeaseOwner    string    `gorm:"size:64;not null;default:''"`
		LeaseUntil    *time.Time
		LastError     string `gorm:"size:500;not null;default:''"`
		SentAt        *time.Time
		FailedAt      *time.Time
		CreatedAt     time.Time
	}
	ts := "datetime"
	if tx.Dialector.Name() == "postgres" {
		ts = "timestamptz"
	}
	for _, stmt := range []string{
		"ALTER TABLE users ADD COLUMN token_epoch BIGINT NOT NULL DEFAULT 0",
		"ALTER TABLE users ADD COLUMN email_verified_at " + ts,
		"ALTER TABLE refresh_tokens ADD COLUMN epoch BIGINT NOT NULL DEFAULT 0",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	if err := tx.Table("account_tokens").Migrator().CreateTable(&accountToken{}); err != nil {
		return err
	}
	if err := tx.Table("mail_outbox").Migrator().CreateTable(&mailOutbox{}); err != nil {
		return err
	}
	for _, stmt := range []string{
		"CREATE INDEX IF NOT EXISTS idx_mail_due ON mail_outbox (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL",
		// Every authenticated request asks whether its session was signed out: only revoked
		// tokens are indexed, so the answer costs the same however long the session has lasted.
		"CREATE INDEX IF NOT EXISTS idx_refresh_revoked_family ON refresh_tokens (family_id) WHERE revoked_at IS NOT NULL",
	} {
		if err := tx.Exec(stmt).Error; err != nil {
			return err
		}
	}
	return nil
}
