package signin

import (
	"context"
	"errors"
	"net/http"

	"tandem/errs"
	"tandem/models"
)

var errLastWayIn = errs.New(http.StatusConflict, "last_sign_in_method",
	"This provider is the only way into your account. Set a password (give it here) or link another provider first.")

// Unlink removes a provider's link from an account. The account must keep another way in: its
// password, given here and allowed for its address, or a link to another configured provider
// or a learning platform; else 409 last_sign_in_method. A wrong password counts like a failed
// log-in (422); a provider not configured is 422, one not linked 404. The change is audited.
func (s *Service) Unlink(ctx context.Context, userID, providerID, password string) error {
	p, err := s.provider(providerID)
	if err != nil {
		return errs.Invalid(map[string]string{"provider": "is not a sign-in provider of this Tandem"})
	}
	keepsPassword := false
	if password != "" {
		u, err := s.store.UserByID(ctx, userID)
		if err != nil {
			return err
		}
		if err := s.accounts.ConfirmPassword(ctx, u, password); err != nil {
			return err
		}
		keepsPassword = s.PasswordAllowed(u.Email) == nil
	}
	others := make([]string, 0, len(s.providers))
	for _, o := range s.providers {
		if o.ID != p.ID {
			others = append(others, o.ID)
		}
	}
	switch err := s.store.UnlinkOIDCProvider(ctx, userID, p.ID, others, keepsPassword); {
	case errors.Is(err, models.ErrNotFound):
		return errs.NotFound("Linked provider")
	case errors.Is(err, models.ErrConflict):
		return errLastWayIn
	default:
		return err
	}
}
