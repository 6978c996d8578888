package models

import (
	"context"
	"errors"
	"time"
)

// SigningKey is an asymmetric key pair; the private half is stored encrypted. Purpose says what
// it signs ("access" for access tokens); at most one key per purpose is active at a time.
type SigningKey struct {
	ID         string `gorm:"primaryKey;size:32"`
	Purpose    string `gorm:"size:64;not null;index"`
	Algorithm  string `gorm:"size:16;not null"`
	PublicKey  []byte `gorm:"not null"`
	PrivateKey []byte `gorm:"not null"`
	Active     bool   `gorm:"not null;default:false"`
	CreatedAt  time.Time
	RetiredAt  *time.Time
	// FragmentKid marks an issuer key that signed credentials whose kid named it by a fragment of
	// the issuer's JWKS URL, as Tandem did before kids became key URLs.
	FragmentKid bool `gorm:"not null;default:false"`
}

// SigningKeys returns every key for purpose, newest first (retired keys included, so tokens
// they signed still verify).
func (s *Store) SigningKeys(ctx context.Context, purpose string) ([]SigningKey, error) {
	var keys []SigningKey
	err := s.db.WithContext(ctx).Where("purpose = ?", purpose).Order("created_at DESC, id DESC").Find(&keys).Error
	return keys, mapErr(err)
}

// AddActiveSigningKey stores k as the active key of its purpose unless another server got there
// first, in which case it returns ErrConflict and the caller re-reads.
func (s *Store) AddActiveSigningKey(ctx context.Context, k *SigningKey) error {
	k.Active = true
	err := mapErr(s.db.WithContext(ctx).Create(k).Error)
	if errors.Is(err, ErrConflict) {
		return ErrConflict
	}
	return err
}
