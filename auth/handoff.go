package auth

import (
	"context"
	"crypto/rand"
	"errors"
	"net/http"
	"time"

	"tandem/errs"
	"tandem/models"
)

// HandoffTTL is how long the code that hands a launch's session to the browser works.
const HandoffTTL = 2 * time.Minute

// NewHandoff returns a single-use code for a session begun elsewhere (an LTI launch) and the
// account token it is stored as; the store fills in whose it is.
func NewHandoff() (string, *models.AccountToken) {
	code, hash := newRefreshToken()
	return code, &models.AccountToken{Purpose: models.PurposeLTISession, TokenHash: hash, ExpiresAt: time.Now().UTC().Add(HandoffTTL)}
}

var (
	errHandoffInvalid = errs.Invalid(map[string]string{"code": "is not a sign-in code Tandem made"})
	errHandoffSpent   = errs.New(http.StatusGone, "token_used", "This sign-in was used already or has expired. Open Tandem again from your course.")
)

// SignInWithHandoff spends a handoff code and begins a session for its account: 422 for a
// code Tandem did not make, 410 (token_used) for a used or expired one.
func (s *Service) SignInWithHandoff(ctx context.Context, code string) (*Session, error) {
	t, err := s.accountToken(ctx, code, models.PurposeLTISession)
	switch {
	case errors.Is(err, errTokenInvalid):
		return nil, errHandoffInvalid
	case errors.Is(err, errTokenUsed), errors.Is(err, errTokenExpired):
		return nil, errHandoffSpent
	case err != nil:
		return nil, err
	}
	if err := s.store.SpendAccountToken(ctx, t); errors.Is(err, models.ErrTokenSpent) {
		return nil, errHandoffSpent
	} else if err != nil {
		return nil, err
	}
	u, err := s.store.UserByID(ctx, t.UserID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errHandoffInvalid
	}
	if err != nil {
		return nil, err
	}
	return s.signIn(ctx, u, u.TokenEpoch)
}

// UnusablePasswordHash hashes a random secret nobody knows, for an account that signs in
// through its platform; its holder can still set a password by the reset link.
func (s *Service) UnusablePasswordHash() (string, error) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return s.hasher.Hash(string(b))
}

// ConfirmPassword checks an account's password before something is done in its name (linking
// an identity provider to it); a wrong one counts like a failed log-in and is 422 on password.
func (s *Service) ConfirmPassword(ctx context.Context, u *models.User, password string) error {
	return s.confirmPassword(ctx, u, password, "password")
}
