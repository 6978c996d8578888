package models

import (
	"context"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// UnlinkOIDCProvider removes an account's links to provider and records it in the audit log, in
// one transaction. Unless keepsPassword, another way to sign in must stay: a link to one of the
// providers others, or a learning platform's account link; ErrConflict when none would.
// ErrNotFound when the provider is not linked to the account.
func (s *Store) UnlinkOIDCProvider(ctx context.Context, userID, provider string, others []string, keepsPassword bool) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if s.postgres {
			var id []string
			if err := tx.Model(&User{}).Clauses(clause.Locking{Strength: "UPDATE"}).Where("id = ?", userID).Pluck("id", &id).Error; err != nil {
				return err
			}
		}
		if !keepsPassword {
			var links, platforms int64
			if len(others) > 0 {
				if err := tx.Model(&OIDCIdentity{}).Where("user_id = ? AND provider IN ?", userID, others).Count(&links).Error; err != nil {
					return err
				}
			}
			if err := tx.Model(&LTIAccount{}).Where("user_id = ?", userID).Count(&platforms).Error; err != nil {
				return err
			}
			if links+platforms == 0 {
				return ErrConflict
			}
		}
		res := tx.Where("user_id = ? AND provider = ?", userID, provider).Delete(&OIDCIdentity{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Create(newAudit(userID, "oidc.unlinked", "user:"+userID, map[string]any{"provider": provider})).Error
	})
}
