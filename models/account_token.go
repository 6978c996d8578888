package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// Purposes of account tokens.
const (
	PurposeVerifyEmail   = "verify_email"
	PurposeChangeEmail   = "change_email"
	PurposeResetPassword = "reset_password"
)

// ErrTokenSpent is returned when an account token was used, replaced or expired before it
// could be spent.
var ErrTokenSpent = errors.New("account token already spent")

// AccountToken is a single-use token sent by mail, stored as a SHA-256 hash: it verifies an
// email address, confirms a change of address, or resets a password. Email is the address it
// was sent to.
type AccountToken struct {
	ID        string    `gorm:"primaryKey;size:32"`
	UserID    string    `gorm:"size:32;not null;index"`
	Purpose   string    `gorm:"size:32;not null"`
	TokenHash string    `gorm:"size:64;not null;uniqueIndex"`
	Email     string    `gorm:"size:254;not null"`
	ExpiresAt time.Time `gorm:"not null"`
	UsedAt    *time.Time
	CreatedAt time.Time
}

// IssueAccountToken stores t and queues the mails that carry it, in one transaction.
func (s *Store) IssueAccountToken(ctx context.Context, t *AccountToken, mails ...*OutboxMail) error {
	t.ID = NewID()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(t).Error; err != nil {
			return err
		}
		return enqueueMail(tx, mails...)
	})
}

// RegisterUser stores a new user, the token that verifies their address and the mail that
// carries it, in one transaction; ErrConflict when the email is taken.
func (s *Store) RegisterUser(ctx context.Context, u *User, t *AccountToken, m *OutboxMail) error {
	u.ID, u.Email = NewID(), strings.ToLower(strings.TrimSpace(u.Email))
	if u.Dashboard == "" {
		u.Dashboard = "{}"
	}
	t.ID, t.UserID = NewID(), u.ID
	if m != nil {
		m.UserID = &u.ID
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		for _, row := range []any{u, t} {
			if err := tx.Create(row).Error; err != nil {
				return err
			}
		}
		return enqueueMail(tx, m)
	})
}

// AccountTokenByHash returns the token with hash, spent or not, or ErrNotFound.
func (s *Store) AccountTokenByHash(ctx context.Context, hash string) (*AccountToken, error) {
	var t AccountToken
	if err := s.db.WithContext(ctx).Where("token_hash = ?", hash).Take(&t).Error; err != nil {
		return nil, mapErr(err)
	}
	return &t, nil
}

// spend marks t used inside tx. It is a conditional update, so of two concurrent uses of one
// token exactly one succeeds; the other, and any use after expiry, gets ErrTokenSpent.
func spend(tx *gorm.DB, t *AccountToken) error {
	now := time.Now().UTC()
	res := tx.Model(&AccountToken{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", t.ID, now).Update("used_at", now)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrTokenSpent
	}
	return nil
}

// updateUserAt applies updates to t's user when its address is still the one t was sent to.
func updateUserAt(tx *gorm.DB, t *AccountToken, email string, updates map[string]any) error {
	res := tx.Model(&User{}).Where("id = ? AND email = ? AND erased_at IS NULL", t.UserID, email).Updates(updates)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrTokenSpent
	}
	return nil
}

// VerifyEmail spends a verification token and marks the address it was sent to as verified.
func (s *Store) VerifyEmail(ctx context.Context, t *AccountToken) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := spend(tx, t); err != nil {
			return err
		}
		return updateUserAt(tx, t, t.Email, map[string]any{"email_verified_at": time.Now().UTC()})
	})
}

// ChangeEmail spends a change token, moves the account to the new (verified) address and
// queues the notice for the old one. ErrConflict when another account has taken the address.
func (s *Store) ChangeEmail(ctx context.Context, t *AccountToken, oldEmail string, notice *OutboxMail) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := spend(tx, t); err != nil {
			return err
		}
		if err := updateUserAt(tx, t, oldEmail, map[string]any{"email": t.Email, "email_verified_at": time.Now().UTC()}); err != nil {
			return err
		}
		if err := resummarise(tx, t.UserID); err != nil {
			return err
		}
		if err := tx.Create(newAudit(t.UserID, "user.email_changed", "user:"+t.UserID, nil)).Error; err != nil {
			return err
		}
		return enqueueMail(tx, notice)
	})
}

// ResetPassword spends a reset token, stores the new password hash, marks the address
// verified (the link reached it), ends every session and queues the notice.
func (s *Store) ResetPassword(ctx context.Context, t *AccountToken, hash string, notice *OutboxMail) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := spend(tx, t); err != nil {
			return err
		}
		if err := updateUserAt(tx, t, t.Email, map[string]any{"password_hash": hash,
			"email_verified_at": gorm.Expr("COALESCE(email_verified_at, ?)", time.Now().UTC())}); err != nil {
			return err
		}
		if err := endAllSessions(tx, t.UserID); err != nil {
			return err
		}
		if err := tx.Create(newAudit(t.UserID, "user.password_reset", "user:"+t.UserID, nil)).Error; err != nil {
			return err
		}
		return enqueueMail(tx, notice)
	})
}

// ChangePassword stores a new password hash for userID, ends every session and queues the
// notice, and returns the new token epoch for the session that made the change.
func (s *Store) ChangePassword(ctx context.Context, userID, hash string, notice *OutboxMail) (int64, error) {
	var epoch []int64
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := updateLive(tx, userID, map[string]any{"password_hash": hash}); err != nil {
			return err
		}
		if err := endAllSessions(tx, userID); err != nil {
			return err
		}
		if err := tx.Create(newAudit(userID, "user.password_changed", "user:"+userID, nil)).Error; err != nil {
			return err
		}
		if err := enqueueMail(tx, notice); err != nil {
			return err
		}
		return tx.Model(&User{}).Where("id = ?", userID).Pluck("token_epoch", &epoch).Error
	})
	if err != nil {
		return 0, err
	}
	if len(epoch) != 1 {
		return 0, ErrNotFound
	}
	return epoch[0], nil
}

// MarkEmailVerified records that userID's current address is verified (an operator vouched
// for it when creating the account).
func (s *Store) MarkEmailVerified(ctx context.Context, userID string) error {
	return mapErr(s.db.WithContext(ctx).Model(&User{}).Where("id = ? AND email_verified_at IS NULL", userID).
		Update("email_verified_at", time.Now().UTC()).Error)
}
