package auth

import (
	"context"
	"errors"
	"time"

	"tandem/errs"
	"tandem/locale"
	"tandem/models"
)

// RequestPasswordReset mails a link that sets a new password, valid for ResetPasswordTTL, when
// email has an account, and a note saying there is none otherwise. Both take the same steps
// (count the request, look the address up, queue one mail) and give the caller the same
// answer, so the answer never tells whether an address is known.
func (s *Service) RequestPasswordReset(ctx context.Context, email, clientIP string) error {
	fields := map[string]string{}
	email = checkEmail(email, fields)
	if len(fields) > 0 {
		return errs.Invalid(fields)
	}
	hits, reset, err := s.store.HitRateLimit(ctx, "reset:address:"+clientNetwork(clientIP), s.limits.MailWindow)
	if err != nil {
		return err
	}
	if hits > s.limits.ResetsPerAddress {
		return errs.TooMany(reset)
	}
	allowed, err := s.mailAllowed(ctx, email)
	if err != nil {
		return err
	}
	u, err := s.store.UserByEmail(ctx, email)
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return err
	}
	switch {
	case !allowed:
		return nil
	case u == nil:
		return s.store.EnqueueMail(ctx, noAccountMail(locale.From(ctx), email, s.link("/register")))
	}
	token, hash := newRefreshToken()
	return s.store.IssueAccountToken(ctx, &models.AccountToken{UserID: u.ID, Purpose: models.PurposeResetPassword, TokenHash: hash,
		Email: u.Email, ExpiresAt: time.Now().UTC().Add(ResetPasswordTTL)},
		resetMail(locale.From(ctx), u.ID, u.Name, u.Email, s.link("/reset-password#token="+token)))
}

// ResetPassword spends a reset link: the password becomes password, every session ends, and
// the address counts as verified (the link reached it). 422 for a link Tandem did not send or a
// password that breaks the rules, 410 for one used, replaced or expired; nothing changes then.
func (s *Service) ResetPassword(ctx context.Context, token, password string) error {
	t, err := s.accountToken(ctx, token, models.PurposeResetPassword)
	if err != nil {
		return err
	}
	u, err := s.store.UserByID(ctx, t.UserID)
	if errors.Is(err, models.ErrNotFound) {
		return errTokenUsed
	}
	if err != nil {
		return err
	}
	fields := map[string]string{}
	if checkPassword(password, u.Email, fields); len(fields) > 0 {
		return errs.Invalid(fields)
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		return err
	}
	if err := spent(s.store.ResetPassword(ctx, t, hash, passwordChangedMail(locale.From(ctx), u.ID, u.Name, u.Email, s.link("/forgot-password")))); err != nil {
		return err
	}
	return s.store.ResetRateLimit(ctx, accountKey(u.Email))
}

// confirmPassword checks the caller's current password, counting a wrong one against the
// account like a failed login, so a stolen access token cannot be used to guess it.
func (s *Service) confirmPassword(ctx context.Context, u *models.User, password, field string) error {
	key := accountKey(u.Email)
	return s.hasher.WithSlot(func() error {
		hits, reset, err := s.store.HitRateLimit(ctx, key, s.limits.Window)
		if err != nil {
			return err
		}
		if hits > s.limits.PerAccount {
			return errs.TooMany(reset)
		}
		ok, err := s.hasher.VerifyHeld(u.PasswordHash, password)
		if err != nil {
			return err
		}
		if !ok {
			return errs.Invalid(map[string]string{field: "is not correct"})
		}
		return s.store.ResetRateLimit(ctx, key)
	})
}

// ChangePassword sets a new password once the current one is confirmed. Every session ends,
// this one included; the caller gets a new session in its place, so only the other devices
// have to sign in again.
func (s *Service) ChangePassword(ctx context.Context, caller Caller, current, next string) (*Session, error) {
	u, err := s.store.UserByID(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	if err := s.confirmPassword(ctx, u, current, "current_password"); err != nil {
		return nil, err
	}
	fields := map[string]string{}
	checkPassword(next, u.Email, fields)
	if _, bad := fields["password"]; bad {
		return nil, errs.Invalid(map[string]string{"new_password": fields["password"]})
	}
	if next == current {
		return nil, errs.Invalid(map[string]string{"new_password": "must differ from the current password"})
	}
	hash, err := s.hasher.Hash(next)
	if err != nil {
		return nil, err
	}
	epoch, err := s.store.ChangePassword(ctx, u.ID, hash, passwordChangedMail(locale.From(ctx), u.ID, u.Name, u.Email, s.link("/forgot-password")))
	if err != nil {
		return nil, err
	}
	return s.signIn(ctx, u, epoch)
}

// RequestEmailChange mails a confirmation link to newEmail once the password is confirmed; the
// account keeps its address until the link is followed. When newEmail has an account of its
// own, that address is told so instead, and the caller gets the same answer.
func (s *Service) RequestEmailChange(ctx context.Context, caller Caller, password, newEmail string) error {
	u, err := s.store.UserByID(ctx, caller.ID)
	if err != nil {
		return err
	}
	fields := map[string]string{}
	newEmail = checkEmail(newEmail, fields)
	if newEmail == u.Email {
		fields["email"] = "is your address already"
	}
	if len(fields) > 0 {
		return errs.Invalid(fields)
	}
	if err := s.confirmPassword(ctx, u, password, "password"); err != nil {
		return err
	}
	allowed, err := s.mailAllowed(ctx, newEmail)
	if err != nil || !allowed {
		return err
	}
	_, err = s.store.UserByEmail(ctx, newEmail)
	switch {
	case err == nil:
		return s.store.EnqueueMail(ctx, addressInUseMail(locale.From(ctx), newEmail, s.link("/forgot-password")))
	case !errors.Is(err, models.ErrNotFound):
		return err
	}
	token, hash := newRefreshToken()
	return s.store.IssueAccountToken(ctx, &models.AccountToken{UserID: u.ID, Purpose: models.PurposeChangeEmail, TokenHash: hash,
		Email: newEmail, ExpiresAt: time.Now().UTC().Add(ChangeEmailTTL)},
		changeEmailMail(locale.From(ctx), u.Name, u.ID, newEmail, s.link("/verify-email#token="+token)))
}

// Sessions lists the caller's live sessions.
func (s *Service) Sessions(ctx context.Context, caller Caller) ([]models.Session, error) {
	return s.store.SessionsOf(ctx, caller.ID)
}

// EndSession signs one of the caller's sessions out: its refresh token stops working and its
// access tokens are refused from the next request on.
func (s *Service) EndSession(ctx context.Context, caller Caller, sessionID string) error {
	return s.store.EndSession(ctx, caller.ID, sessionID)
}

// EndAllSessions signs the caller out everywhere, this session included.
func (s *Service) EndAllSessions(ctx context.Context, caller Caller) error {
	return s.store.EndAllSessions(ctx, caller.ID)
}
