package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// OIDCSignInState is one institutional sign-in between Tandem's redirect to the identity
// provider and the browser's return: the state (stored hashed), the nonce and PKCE verifier
// sent with it, the hash of the browser's binding cookie, where to go afterwards, and, when a
// signed-in user links the provider to their account, whose account. It is spent once.
type OIDCSignInState struct {
	StateHash   string    `gorm:"primaryKey;size:64"`
	Provider    string    `gorm:"size:64;not null"`
	Nonce       string    `gorm:"size:64;not null"`
	Verifier    string    `gorm:"size:128;not null"`
	BrowserHash string    `gorm:"size:64;not null"`
	NextPath    string    `gorm:"size:1000;not null;default:''"`
	LinkUserID  string    `gorm:"size:32;not null;default:''"`
	ExpiresAt   time.Time `gorm:"not null;index"`
}

// OIDCIdentity links an identity provider's user (issuer and subject) to a Tandem account.
type OIDCIdentity struct {
	Issuer    string `gorm:"primaryKey;size:255"`
	Subject   string `gorm:"primaryKey;size:255"`
	Provider  string `gorm:"size:64;not null"`
	UserID    string `gorm:"size:32;not null;index"`
	CreatedAt time.Time
}

// OIDCLinkOffer is a provider's user whose address belongs to an existing account: the link is
// made only once that account's password is given (token stored hashed).
type OIDCLinkOffer struct {
	TokenHash string    `gorm:"primaryKey;size:64"`
	UserID    string    `gorm:"size:32;not null;index"`
	Provider  string    `gorm:"size:64;not null"`
	Issuer    string    `gorm:"size:255;not null"`
	Subject   string    `gorm:"size:255;not null"`
	NextPath  string    `gorm:"size:1000;not null;default:''"`
	ExpiresAt time.Time `gorm:"not null;index"`
}

// TableName keeps the table named as its migration made it.
func (OIDCSignInState) TableName() string { return "oidc_sign_in_states" }

// TableName keeps the table named as its migration made it.
func (OIDCIdentity) TableName() string { return "oidc_identities" }

// TableName keeps the table named as its migration made it.
func (OIDCLinkOffer) TableName() string { return "oidc_link_offers" }

// CreateOIDCSignInState stores a sign-in's state.
func (s *Store) CreateOIDCSignInState(ctx context.Context, st *OIDCSignInState) error {
	return mapErr(s.db.WithContext(ctx).Create(st).Error)
}

// OIDCSignInStateByHash returns an unexpired sign-in state, or ErrNotFound.
func (s *Store) OIDCSignInStateByHash(ctx context.Context, hash string) (*OIDCSignInState, error) {
	var st OIDCSignInState
	err := s.db.WithContext(ctx).Where("state_hash = ? AND expires_at > ?", hash, time.Now().UTC()).Take(&st).Error
	return &st, mapErr(err)
}

// SpendOIDCSignInState deletes a sign-in state; ErrTokenSpent when it was spent or expired
// already (the same state returning twice).
func (s *Store) SpendOIDCSignInState(ctx context.Context, hash string) error {
	res := s.db.WithContext(ctx).Where("state_hash = ? AND expires_at > ?", hash, time.Now().UTC()).Delete(&OIDCSignInState{})
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrTokenSpent
	}
	return nil
}

// OIDCIdentityOf returns the link of a provider's user, or ErrNotFound.
func (s *Store) OIDCIdentityOf(ctx context.Context, issuer, subject string) (*OIDCIdentity, error) {
	var id OIDCIdentity
	err := s.db.WithContext(ctx).Where("issuer = ? AND subject = ?", issuer, subject).Take(&id).Error
	return &id, mapErr(err)
}

// OIDCIdentitiesOf lists the providers linked to an account.
func (s *Store) OIDCIdentitiesOf(ctx context.Context, userID string) ([]OIDCIdentity, error) {
	var out []OIDCIdentity
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("provider, created_at").Find(&out).Error
	return out, mapErr(err)
}

// OIDCSignIn is a verified sign-in to record: the provider's user, the account to make for
// them when they are new (nil to sign in the account linked already, or to link LinkUserID),
// and the token that hands the browser its session.
type OIDCSignIn struct {
	Provider, Issuer, Subject string
	NewUser                   *User
	LinkUserID                string
	Handoff                   *AccountToken
}

// RecordOIDCSignIn links or makes the account of a provider's user and stores the handoff
// token, in one transaction, and returns the account's id. ErrConflict when a new account's
// email is taken or the provider's user is linked to another account; ErrNotFound when the
// linked account was erased.
func (s *Store) RecordOIDCSignIn(ctx context.Context, r OIDCSignIn) (string, error) {
	var userID string
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if userID, err = oidcAccount(tx, r); err != nil {
			return err
		}
		var u User
		if err := tx.Where("id = ? AND erased_at IS NULL", userID).Take(&u).Error; err != nil {
			return err
		}
		r.Handoff.ID, r.Handoff.UserID, r.Handoff.Email = NewID(), u.ID, u.Email
		if err := tx.Create(r.Handoff).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(u.ID, "oidc.sign_in", "user:"+u.ID, map[string]any{"provider": r.Provider})).Error
	})
	return userID, err
}

// oidcAccount returns the account the sign-in is for, making it or the link as asked.
func oidcAccount(tx *gorm.DB, r OIDCSignIn) (string, error) {
	var link OIDCIdentity
	err := tx.Where("issuer = ? AND subject = ?", r.Issuer, r.Subject).Take(&link).Error
	switch {
	case err == nil && r.LinkUserID != "" && link.UserID != r.LinkUserID:
		return "", ErrConflict
	case err == nil:
		return link.UserID, nil
	case !errors.Is(err, gorm.ErrRecordNotFound):
		return "", err
	}
	userID := r.LinkUserID
	if r.NewUser != nil {
		u := r.NewUser
		u.ID = NewID()
		if u.Dashboard == "" {
			u.Dashboard = "{}"
		}
		if err := tx.Create(u).Error; err != nil {
			return "", err
		}
		userID = u.ID
	}
	if userID == "" {
		return "", ErrNotFound
	}
	return userID, tx.Create(&OIDCIdentity{Issuer: r.Issuer, Subject: r.Subject, Provider: r.Provider, UserID: userID}).Error
}

// CreateOIDCLinkOffer stores an offer to link a provider's user to an existing account.
func (s *Store) CreateOIDCLinkOffer(ctx context.Context, o *OIDCLinkOffer) error {
	return mapErr(s.db.WithContext(ctx).Create(o).Error)
}

// OIDCLinkOfferByHash returns an unexpired link offer, or ErrNotFound.
func (s *Store) OIDCLinkOfferByHash(ctx context.Context, hash string) (*OIDCLinkOffer, error) {
	var o OIDCLinkOffer
	err := s.db.WithContext(ctx).Where("token_hash = ? AND expires_at > ?", hash, time.Now().UTC()).Take(&o).Error
	return &o, mapErr(err)
}

// AcceptOIDCLinkOffer spends the offer, links its provider's user to the offer's account and
// stores the handoff token that signs the account in, in one transaction. ErrTokenSpent when the offer was spent or expired; ErrConflict when the
// provider's user was linked meanwhile to another account.
func (s *Store) AcceptOIDCLinkOffer(ctx context.Context, o *OIDCLinkOffer, handoff *AccountToken) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("token_hash = ? AND expires_at > ?", o.TokenHash, time.Now().UTC()).Delete(&OIDCLinkOffer{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrTokenSpent
		}
		_, err := oidcAccount(tx, OIDCSignIn{Provider: o.Provider, Issuer: o.Issuer, Subject: o.Subject, LinkUserID: o.UserID})
		if err != nil {
			return err
		}
		var u User
		if err := tx.Where("id = ? AND erased_at IS NULL", o.UserID).Take(&u).Error; err != nil {
			return err
		}
		handoff.ID, handoff.UserID, handoff.Email = NewID(), u.ID, u.Email
		if err := tx.Create(handoff).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(o.UserID, "oidc.linked", "user:"+o.UserID, map[string]any{"provider": o.Provider})).Error
	})
}
