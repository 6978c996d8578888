package auth

import (
	"context"
	"errors"
	"net/http"
	"time"

	"tandem/errs"
	"tandem/locale"
	"tandem/models"
)

// AccountStore is what account self-service needs from the database: tokens sent by mail, the
// mail outbox, password and address changes, and sessions.
type AccountStore interface {
	RegisterUser(ctx context.Context, u *models.User, t *models.AccountToken, m *models.OutboxMail) error
	IssueAccountToken(ctx context.Context, t *models.AccountToken, mails ...*models.OutboxMail) error
	AccountTokenByHash(ctx context.Context, hash string) (*models.AccountToken, error)
	VerifyEmail(ctx context.Context, t *models.AccountToken) error
	ChangeEmail(ctx context.Context, t *models.AccountToken, oldEmail string, notice *models.OutboxMail) error
	ResetPassword(ctx context.Context, t *models.AccountToken, hash string, notice *models.OutboxMail) error
	ChangePassword(ctx context.Context, userID, hash string, notice *models.OutboxMail) (int64, error)
	MarkEmailVerified(ctx context.Context, userID string) error
	SpendAccountToken(ctx context.Context, t *models.AccountToken) error
	EnqueueMail(ctx context.Context, mails ...*models.OutboxMail) error
	SessionsOf(ctx context.Context, userID string) ([]models.Session, error)
	EndSession(ctx context.Context, userID, familyID string) error
	EndAllSessions(ctx context.Context, userID string) error
}

// How long the links sent by mail work.
const (
	VerifyEmailTTL   = 48 * time.Hour
	ChangeEmailTTL   = 24 * time.Hour
	ResetPasswordTTL = 30 * time.Minute
)

// Register validates r and creates an unverified learner, with a mail that verifies the
// address. When the address already has an account, its owner is mailed instead and the
// caller gets the same answer as for a new account (a user that is not stored), so
// registration never tells whether an address is known. 422 with per-field details; 429 when
// the client address has opened too many accounts this hour.
func (s *Service) Register(ctx context.Context, r Registration, clientIP string) (*models.User, error) {
	hits, reset, err := s.store.HitRateLimit(ctx, "register:"+clientNetwork(clientIP), time.Hour)
	if err != nil {
		return nil, err
	}
	if hits > s.limits.RegisterPerHour {
		return nil, errs.TooMany(reset)
	}
	u, err := s.newUser(r, RoleLearner)
	if err != nil {
		return nil, err
	}
	allowed, err := s.mailAllowed(ctx, u.Email)
	if err != nil {
		return nil, err
	}
	token, hash := newRefreshToken()
	t := &models.AccountToken{Purpose: models.PurposeVerifyEmail, TokenHash: hash, Email: u.Email, ExpiresAt: time.Now().UTC().Add(VerifyEmailTTL)}
	u.CreatedAt = time.Now().UTC()
	var m *models.OutboxMail
	if allowed {
		m = verificationMail(locale.From(ctx), u.ID, u.Name, u.Email, s.link("/verify-email#token="+token))
	}
	err = s.store.RegisterUser(ctx, u, t, m)
	if !errors.Is(err, models.ErrConflict) {
		return u, err
	}
	if allowed {
		if err := s.store.EnqueueMail(ctx, alreadyRegisteredMail(locale.From(ctx), u.Email, s.link("/login"), s.link("/forgot-password"))); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// mailAllowed counts one mail to email and reports whether it may be sent: a visitor cannot
// flood an inbox through registration, reset or address-change requests. The store keeps the
// key keyed-hashed, never the address.
func (s *Service) mailAllowed(ctx context.Context, email string) (bool, error) {
	hits, _, err := s.store.HitRateLimit(ctx, mailKey(email), s.limits.MailWindow)
	return hits <= s.limits.MailsPerAddress, err
}

// mailKey and accountKey are the rate-limit keys of mails to an address and of password
// guesses against an account.
func mailKey(email string) string    { return "mail:" + email }
func accountKey(email string) string { return "login:account:" + email }

func (s *Service) link(path string) string { return s.baseURL + path }

// ResendVerification sends the caller a new link that verifies their address.
func (s *Service) ResendVerification(ctx context.Context, caller Caller) error {
	u, err := s.store.UserByID(ctx, caller.ID)
	if err != nil {
		return err
	}
	if u.EmailVerifiedAt != nil {
		return errs.Conflict("already_verified", "Your email address is verified already.")
	}
	allowed, err := s.mailAllowed(ctx, u.Email)
	if err != nil {
		return err
	}
	if !allowed {
		return errs.TooMany(time.Now().Add(s.limits.MailWindow))
	}
	token, hash := newRefreshToken()
	return s.store.IssueAccountToken(ctx, &models.AccountToken{UserID: u.ID, Purpose: models.PurposeVerifyEmail, TokenHash: hash,
		Email: u.Email, ExpiresAt: time.Now().UTC().Add(VerifyEmailTTL)},
		verificationMail(locale.From(ctx), u.ID, u.Name, u.Email, s.link("/verify-email#token="+token)))
}

// Errors for links that cannot be used.
var (
	errTokenInvalid = errs.Invalid(map[string]string{"token": "is not a link Tandem sent; copy the whole link from the mail"})
	errTokenUsed    = errs.New(http.StatusGone, "token_used", "This link has been used already, or a newer one replaced it.")
	errTokenExpired = errs.New(http.StatusGone, "token_expired", "This link has expired. Ask for a new one.")
)

// accountToken finds the live token behind a link: 422 when there is none of purposes, 410 when
// it was used, replaced or has expired.
func (s *Service) accountToken(ctx context.Context, token string, purposes ...string) (*models.AccountToken, error) {
	t, err := s.store.AccountTokenByHash(ctx, hashToken(token))
	if errors.Is(err, models.ErrNotFound) {
		return nil, errTokenInvalid
	}
	if err != nil {
		return nil, err
	}
	for _, p := range purposes {
		if t.Purpose != p {
			continue
		}
		switch {
		case t.UsedAt != nil:
			return nil, errTokenUsed
		case !t.ExpiresAt.After(time.Now()):
			return nil, errTokenExpired
		}
		return t, nil
	}
	return nil, errTokenInvalid
}

// spent maps a token used up by a concurrent request to 410.
func spent(err error) error {
	if errors.Is(err, models.ErrTokenSpent) {
		return errTokenUsed
	}
	return err
}

// Verified says what a verification link did.
type Verified struct {
	Email   string
	Changed bool // the link confirmed a new address, which the account now uses
}

// VerifyEmail spends a link sent to an address: it verifies the address given at
// registration, or moves the account to a new address (409 email_taken when another account
// took it meanwhile).
func (s *Service) VerifyEmail(ctx context.Context, token string) (*Verified, error) {
	t, err := s.accountToken(ctx, token, models.PurposeVerifyEmail, models.PurposeChangeEmail)
	if err != nil {
		return nil, err
	}
	if t.Purpose == models.PurposeVerifyEmail {
		return &Verified{Email: t.Email}, spent(s.store.VerifyEmail(ctx, t))
	}
	u, err := s.store.UserByID(ctx, t.UserID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errTokenUsed
	}
	if err != nil {
		return nil, err
	}
	err = s.store.ChangeEmail(ctx, t, u.Email, emailChangedMail(locale.From(ctx), u.ID, u.Name, u.Email, t.Email))
	if errors.Is(err, models.ErrConflict) {
		return nil, errs.Conflict("email_taken", "Another account uses this address now.")
	}
	return &Verified{Email: t.Email, Changed: true}, spent(err)
}
