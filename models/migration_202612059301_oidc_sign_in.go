package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateOIDCSignIn adds institutional sign-in: the state of each sign-in between Tandem's
// redirect to the identity provider and its return (bound to the browser that began it), the
// link of a provider's user (issuer and subject) to a Tandem account, the offers to link a
// provider's user to an existing account once its password is given, and the browser binding
// of LTI launch states.
func migrateOIDCSignIn(tx *gorm.DB) error {
	type user struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type oidcSignInState struct {
		StateHash   string    `gorm:"primaryKey;size:64"`
		Provider    string    `gorm:"size:64;not null"`
		Nonce       string    `gorm:"size:64;not null"`
		Verifier    string    `gorm:"size:128;not null"`
		BrowserHash string    `gorm:"size:64;not null"`
		NextPath    string    `gorm:"size:1000;not null;default:''"`
		LinkUserID  string    `gorm:"size:32;not null;default:''"`
		ExpiresAt   time.Time `gorm:"not null;index"`
	}
	type oidcIdentity struct {
		Issuer    string `gorm:"primaryKey;size:255"`
		Subject   string `gorm:"primaryKey;size:255"`
		Provider  string `gorm:"size:64;not null"`
		UserID    string `gorm:"size:32;not null;index"`
		User      user   `gorm:"constraint:OnDelete:CASCADE"`
		CreatedAt time.Time
	}
	type oidcLinkOffer struct {
		TokenHash string    `gorm:"primaryKey;size:64"`
		UserID    string    `gorm:"size:32;not null;index"`
		User      user      `gorm:"constraint:OnDelete:CASCADE"`
		Provider  string    `gorm:"size:64;not null"`
		Issuer    string    `gorm:"size:255;not null"`
		Subject   string    `gorm:"size:255;not null"`
		NextPath  string    `gorm:"size:1000;not null;default:''"`
		ExpiresAt time.Time `gorm:"not null;index"`
	}
	if err := tx.Migrator().CreateTable(&oidcSignInState{}, &oidcIdentity{}, &oidcLinkOffer{}); err != nil {
		return err
	}
	type ltiLaunchState struct {
		BrowserHash string `gorm:"size:64;not null;default:''"`
	}
	if tx.Migrator().HasColumn(&ltiLaunchState{}, "browser_hash") {
		return nil
	}
	return tx.Migrator().AddColumn(&ltiLaunchState{}, "BrowserHash")
}
