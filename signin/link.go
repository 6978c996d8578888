package signin

import (
	"context"
	"errors"
	"net/http"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// LinkOfferTTL is how long a person has to give their password after signing in with a
// provider whose address belongs to an existing account.
const LinkOfferTTL = 10 * time.Minute

// offerLink answers a first sign-in whose verified address belongs to an existing account:
// nothing is linked by the address alone; the person proves the account is theirs with its
// password (AcceptLink), or signs in and links from their account page.
func (s *Service) offerLink(ctx context.Context, p *provider, u *models.User, id *identity, next string) (*Done, error) {
	code, hash := auth.NewSecret()
	if err := s.store.CreateOIDCLinkOffer(ctx, &models.OIDCLinkOffer{TokenHash: hash, UserID: u.ID, Provider: p.ID,
		Issuer: p.Issuer, Subject: id.Subject, NextPath: next, ExpiresAt: time.Now().UTC().Add(LinkOfferTTL)}); err != nil {
		return nil, err
	}
	return &Done{Code: code, Path: next, Link: true}, nil
}

var errLinkOffer = errs.New(http.StatusGone, "token_used", "This link was used already or has expired. Sign in with your provider again.")

// Linked is an accepted link: the code that hands the browser its session, and where to go.
type Linked struct {
	Code, Path string
}

// AcceptLink links the provider's user of a link offer to its account once the account's
// password is given (a wrong one counts like a failed log-in), and returns a session code.
func (s *Service) AcceptLink(ctx context.Context, code, password string) (*Linked, error) {
	o, err := s.store.OIDCLinkOfferByHash(ctx, auth.HashSecret(code))
	if errors.Is(err, models.ErrNotFound) {
		return nil, errLinkOffer
	}
	if err != nil {
		return nil, err
	}
	u, err := s.store.UserByID(ctx, o.UserID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errLinkOffer
	}
	if err != nil {
		return nil, err
	}
	if err := s.accounts.ConfirmPassword(ctx, u, password); err != nil {
		return nil, err
	}
	session, handoff := auth.NewHandoff()
	switch err := s.store.AcceptOIDCLinkOffer(ctx, o, handoff); {
	case errors.Is(err, models.ErrTokenSpent):
		return nil, errLinkOffer
	case errors.Is(err, models.ErrConflict):
		return nil, errs.Conflict("oidc_identity_taken", "This provider account is linked to another Tandem account already.")
	case err != nil:
		return nil, err
	}
	return &Linked{Code: session, Path: o.NextPath}, nil
}

// LinkedProvider is a provider linked to an account.
type LinkedProvider struct {
	Provider, Name string
	LinkedAt       time.Time
}

// LinkedProviders lists the configured providers linked to the caller's account.
func (s *Service) LinkedProviders(ctx context.Context, caller auth.Caller) ([]LinkedProvider, error) {
	userID := caller.ID
	ids, err := s.store.OIDCIdentitiesOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := []LinkedProvider{}
	for _, id := range ids {
		if p, err := s.provider(id.Provider); err == nil {
			out = append(out, LinkedProvider{Provider: p.ID, Name: p.Name, LinkedAt: id.CreatedAt})
		}
	}
	return out, nil
}
