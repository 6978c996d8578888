package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// RefreshToken is one opaque refresh token, stored as a SHA-256 hash. Tokens of one login
// form a family: each refresh spends one token and adds the next.
type RefreshToken struct {
	ID        string    `gorm:"primaryKey;size:32"`
	UserID    string    `gorm:"size:32;not null;index"`
	FamilyID  string    `gorm:"size:32;not null;index"`
	TokenHash string    `gorm:"size:64;not null;uniqueIndex"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	RevokedAt *time.Time
	CreatedAt time.Time
	// Epoch is the user's token epoch when the family began; a family from an older epoch is dead.
	Epoch int64 `gorm:"not null;default:0"`
}

// CreateRefreshToken stores a new token.
func (s *Store) CreateRefreshToken(ctx context.Context, t *RefreshToken) error {
	if t.ID == "" {
		t.ID = NewID()
	}
	return mapErr(s.db.WithContext(ctx).Create(t).Error)
}

// RotationResult says what happened when a refresh token was presented.
type RotationResult int

// The outcomes of RotateRefreshToken.
const (
	Rotated      RotationResult = iota // the token was live; next is stored
	Reused                             // the token was already spent: its family is now revoked
	InvalidToken                       // unknown, expired or revoked
)

// RotateRefreshToken spends the token with hash and stores next in the same family, as one
// transaction. Spending is a conditional update, so of two concurrent refreshes with one token
// exactly one succeeds. Presenting a spent token revokes its whole family.
func (s *Store) RotateRefreshToken(ctx context.Context, hash string, next *RefreshToken) (RotationResult, *RefreshToken, error) {
	now := time.Now().UTC()
	var (
		result = InvalidToken
		old    RefreshToken
	)
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("token_hash = ?", hash).Take(&old).Error; err != nil {
			return nil // unknown token: InvalidToken
		}
		if old.RevokedAt != nil || !old.ExpiresAt.After(now) {
			return nil
		}
		// A family born before the user's token epoch was last raised is over, even if the
		// revocation that came with the raise missed this token (it was being rotated then).
		if live, err := familyLive(tx, old); err != nil || !live {
			return err
		}
		res := tx.Model(&RefreshToken{}).
			Where("id = ? AND used_at IS NULL AND revoked_at IS NULL", old.ID).
			Update("used_at", now)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			result = Reused
			return nil
		}
		next.ID, next.UserID, next.FamilyID, next.Epoch = NewID(), old.UserID, old.FamilyID, old.Epoch
		if err := tx.Create(next).Error; err != nil {
			return err
		}
		result = Rotated
		return nil
	})
	if err != nil {
		return InvalidToken, nil, err
	}
	if result == Reused {
		if err := s.RevokeRefreshFamily(ctx, old.FamilyID); err != nil {
			return InvalidToken, nil, err
		}
	}
	return result, &old, nil
}

// familyLive reports whether t's user still exists and is in the epoch t's family began in.
func familyLive(tx *gorm.DB, t RefreshToken) (bool, error) {
	var epochs []int64
	err := tx.Model(&User{}).Where("id = ? AND erased_at IS NULL", t.UserID).Pluck("token_epoch", &epochs).Error
	return len(epochs) == 1 && epochs[0] == t.Epoch, err
}

// RevokeRefreshFamily revokes every token of a family.
func (s *Store) RevokeRefreshFamily(ctx context.Context, familyID string) error {
	return mapErr(s.db.WithContext(ctx).Model(&RefreshToken{}).
		Where("family_id = ? AND revoked_at IS NULL", familyID).
		Update("revoked_at", time.Now().UTC()).Error)
}

// RevokeRefreshTokenOf revokes the family of the token with hash when it belongs to userID.
func (s *Store) RevokeRefreshTokenOf(ctx context.Context, userID, hash string) error {
	var t RefreshToken
	err := s.db.WithContext(ctx).Where("token_hash = ? AND user_id = ?", hash, userID).Take(&t).Error
	if err != nil {
		return mapErr(err)
	}
	return s.RevokeRefreshFamily(ctx, t.FamilyID)
}

// RevokeUserRefreshTokens revokes every refresh token of a user.
func (s *Store) RevokeUserRefreshTokens(ctx context.Context, userID string) error {
	return mapErr(s.db.WithContext(ctx).Model(&RefreshToken{}).
		Where("user_id = ? AND revoked_at IS NULL", userID).
		Update("revoked_at", time.Now().UTC()).Error)
}
