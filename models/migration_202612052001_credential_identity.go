package models

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// migrateCredentialIdentity prepares certificates for Open Badges verifiers and for erasure:
//   - each certificate gets an opaque credential id (urn:uuid), the id a public revocation list
//     names, so that the list reveals no serial;
//   - each gets the salt and hash of its holder's email (an Open Badges IdentityObject), so that
//     a relying party holding the email can still tell whose it is after the holder erases their
//     account; certificates of accounts erased before this migration get none;
//   - certificates of accounts already erased lose the holder's name and are marked erased;
//   - issuer keys that signed credentials whose kid named them by a fragment of the issuer's JWKS
//     URL are marked, so the JWKS keeps an entry under that kid for credentials already held.
func migrateCredentialIdentity(tx *gorm.DB) error {
	type certificate struct {
		CredentialID   string `gorm:"size:45;not null;default:''"`
		IdentitySalt   string `gorm:"size:32;not null;default:''"`
		IdentityHash   string `gorm:"size:71;not null;default:''"`
		HolderErasedAt *time.Time
	}
	type signingKey struct {
		FragmentKid bool `gorm:"not null;default:false"`
	}
	m := tx.Migrator()
	for _, col := range []string{"CredentialID", "IdentitySalt", "IdentityHash", "HolderErasedAt"} {
		if err := m.AddColumn(&certificate{}, col); err != nil {
			return fmt.Errorf("certificates.%s: %w", col, err)
		}
	}
	if err := m.AddColumn(&signingKey{}, "FragmentKid"); err != nil {
		return err
	}
	if err := tx.Exec("UPDATE signing_keys SET fragment_kid = ? WHERE purpose LIKE 'issuer:%'", true).Error; err != nil {
		return err
	}
	if err := fillCredentialIdentity(tx); err != nil {
		return err
	}
	return tx.Exec("CREATE UNIQUE INDEX idx_certificates_credential_id ON certificates (credential_id)").Error
}

// fillCredentialIdentity gives the certificates issued so far their credential id and identity.
func fillCredentialIdentity(tx *gorm.DB) error {
	type row struct {
		ID       string
		Email    string
		ErasedAt *time.Time
	}
	var rows []row
	err := tx.Table("certificates").Select("certificates.id, users.email, users.erased_at").
		Joins("JOIN users ON users.id = certificates.user_id").Find(&rows).Error
	if err != nil {
		return err
	}
	for _, r := range rows {
		set := map[string]any{"credential_id": migrationUUID()}
		if r.ErasedAt != nil {
			set["holder_name"], set["holder_erased_at"] = "", *r.ErasedAt
		} else {
			salt := migrationHex(16)
			sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(r.Email)) + salt))
			set["identity_salt"], set["identity_hash"] = salt, "sha256$"+hex.EncodeToString(sum[:])
		}
		if err := tx.Table("certificates").Where("id = ?", r.ID).Updates(set).Error; err != nil {
			return err
		}
	}
	return nil
}

func migrationHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// migrationUUID is a random (version 4) UUID as a URN.
func migrationUUID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	b[6], b[8] = b[6]&0x0f|0x40, b[8]&0x3f|0x80
	h := hex.EncodeToString(b)
	return "urn:uuid:" + h[:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:]
}
