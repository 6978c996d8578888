package signin

import (
	"context"
	"crypto/subtle"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// Return is the browser coming back from its provider: the query's state, code and error, and
// the binding secret from the browser's cookie.
type Return struct {
	State, Code, Error, Browser string
}

// Done is a sign-in Tandem accepted. Code is a single-use code: for a session (traded like a
// launch's) or, with Link set, for linking the provider to the existing account whose
// password the person must give. Path is where to go next.
type Done struct {
	Code, Path    string
	Link          bool
	AskDiscipline bool
}

var (
	errState = errs.New(http.StatusBadRequest, "oidc_state_invalid",
		"This sign-in is unknown, was used already or has expired. Start again from Tandem's log-in page.")
	errBrowser = errs.New(http.StatusBadRequest, "oidc_browser_mismatch",
		"This sign-in was started in another browser, or your browser refused Tandem's cookie. Start again from Tandem's log-in page in this browser.")
)

// errToken refuses a code or id_token that does not verify; reason says which check failed.
func errToken(reason string, cause error) error {
	e := errs.New(http.StatusUnauthorized, "oidc_token_invalid", "Your identity provider's answer could not be verified. Start again from Tandem's log-in page.")
	e.Details = map[string]any{"reason": reason}
	e.Cause = cause
	return e
}

// Finish checks the browser's return and signs the person in: the state must be Tandem's,
// unspent, unexpired and from this browser; the code is exchanged with the PKCE verifier; the
// id_token's signature, issuer, audience, expiry and nonce must hold. The provider's user is
// then linked to a Tandem account or given one. A refused return stores nothing but the
// spending of its state.
func (s *Service) Finish(ctx context.Context, in Return) (*Done, error) {
	if in.State == "" {
		return nil, errState
	}
	hash := auth.HashSecret(in.State)
	st, err := s.store.OIDCSignInStateByHash(ctx, hash)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errState
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(auth.HashSecret(in.Browser)), []byte(st.BrowserHash)) != 1 {
		return nil, errBrowser
	}
	if err := s.store.SpendOIDCSignInState(ctx, hash); errors.Is(err, models.ErrTokenSpent) {
		return nil, errState
	} else if err != nil {
		return nil, err
	}
	p, err := s.provider(st.Provider)
	if err != nil {
		return nil, err
	}
	if in.Error != "" {
		e := errs.New(http.StatusForbidden, "oidc_refused", p.Name+" did not sign you in ("+clip(in.Error, 64)+").")
		return nil, e
	}
	id, err := s.identify(ctx, p, st, in.Code)
	if err != nil {
		return nil, err
	}
	return s.admit(ctx, p, st, id)
}

// identity is who the provider says signed in.
type identity struct {
	Subject, Email, Name string
	EmailVerified        bool
}

// claims are the id_token's or the userinfo's claims Tandem reads.
type claims struct {
	Email         string `json:"email"`
	EmailVerified any    `json:"email_verified"` // a boolean, or "true" from some providers
	Name          string `json:"name"`
	GivenName     string `json:"given_name"`
	FamilyName    string `json:"family_name"`
	Username      string `json:"preferred_username"`
}

// identify exchanges the code and verifies the id_token; the email and name come from the
// id_token or, when it carries no email, from the provider's userinfo for the same subject.
func (s *Service) identify(ctx context.Context, p *provider, st *models.OIDCSignInState, code string) (*identity, error) {
	op, verifier, err := s.discover(ctx, p)
	if err != nil {
		return nil, err
	}
	if code == "" {
		return nil, errs.New(http.StatusBadRequest, "oidc_request_invalid", "The provider's answer has no code.")
	}
	ctx = oidc.ClientContext(ctx, s.client)
	tok, err := s.oauth(p, op).Exchange(ctx, code, oauth2.VerifierOption(st.Verifier))
	if err != nil {
		return nil, errToken("code", err)
	}
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return nil, errToken("id_token_missing", nil)
	}
	idt, err := verifier.Verify(ctx, raw)
	if err != nil {
		return nil, errToken("id_token", err)
	}
	if subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(st.Nonce)) != 1 {
		return nil, errToken("nonce", nil)
	}
	var c claims
	if err := idt.Claims(&c); err != nil {
		return nil, errToken("id_token", err)
	}
	if c.Email == "" {
		info, err := op.UserInfo(ctx, oauth2.StaticTokenSource(tok))
		if err != nil || info.Subject != idt.Subject {
			return nil, errToken("userinfo", err)
		}
		c = claims{}
		if err := info.Claims(&c); err != nil {
			return nil, errToken("userinfo", err)
		}
	}
	return &identity{Subject: idt.Subject, Email: strings.ToLower(strings.TrimSpace(c.Email)), Name: c.displayName(),
		EmailVerified: verified(c.EmailVerified, p.TrustEmail)}, nil
}

func verified(v any, trustAbsent bool) bool {
	switch v := v.(type) {
	case bool:
		return v
	case string:
		return v == "true"
	case nil:
		return trustAbsent
	}
	return false
}

func (c claims) displayName() string {
	for _, n := range []string{c.Name, strings.TrimSpace(c.GivenName + " " + c.FamilyName), c.Username} {
		if n = clip(n, 200); n != "" {
			return n
		}
	}
	return ""
}

var errEmailUnverified = errs.New(http.StatusForbidden, "oidc_email_unverified",
	"Your identity provider has not confirmed your email address, so Tandem cannot use it. Confirm it with your institution, then try again.")

// admit applies the provider's domain rule and links, offers to link, or makes the account.
func (s *Service) admit(ctx context.Context, p *provider, st *models.OIDCSignInState, id *identity) (*Done, error) {
	if len(p.Domains) > 0 && !id.EmailVerified {
		return nil, errEmailUnverified
	}
	if !p.admits(id.Email) {
		return nil, errs.New(http.StatusForbidden, "oidc_domain_refused",
			p.Name+" sign-in is open to addresses at "+strings.Join(p.Domains, ", ")+" only. Sign in with your email and password instead.")
	}
	rec := models.OIDCSignIn{Provider: p.ID, Issuer: p.Issuer, Subject: id.Subject, LinkUserID: st.LinkUserID}
	done := &Done{Path: st.NextPath}
	_, err := s.store.OIDCIdentityOf(ctx, p.Issuer, id.Subject)
	switch {
	case errors.Is(err, models.ErrNotFound) && st.LinkUserID == "":
		if !id.EmailVerified {
			return nil, errEmailUnverified
		}
		if existing, err := s.store.UserByEmail(ctx, id.Email); err == nil {
			return s.offerLink(ctx, p, existing, id, st.NextPath)
		} else if !errors.Is(err, models.ErrNotFound) {
			return nil, err
		}
		if rec.NewUser, err = s.newUser(p, id); err != nil {
			return nil, err
		}
		done.AskDiscipline = true
	case err != nil && !errors.Is(err, models.ErrNotFound):
		return nil, err
	}
	code, handoff := auth.NewHandoff()
	rec.Handoff = handoff
	switch _, err := s.store.RecordOIDCSignIn(ctx, rec); {
	case errors.Is(err, models.ErrConflict) && st.LinkUserID != "":
		return nil, errs.Conflict("oidc_identity_taken", "This "+p.Name+" account is linked to another Tandem account already.")
	case errors.Is(err, models.ErrConflict):
		return nil, errs.Conflict("oidc_retry", "Your account was being set up in another tab. Start again from Tandem's log-in page.")
	case errors.Is(err, models.ErrNotFound):
		return nil, errState
	case err != nil:
		return nil, err
	}
	done.Code = code
	return done, nil
}

// newUser is the account made on a person's first sign-in, from what the provider sends: the
// address counts as confirmed by the provider; the discipline is asked once (other until then).
func (s *Service) newUser(p *provider, id *identity) (*models.User, error) {
	fields := map[string]string{}
	if id.Email == "" || len(id.Email) > 254 || !strings.Contains(id.Email, "@") {
		fields["email"] = "your identity provider must send your email address"
	}
	if id.Name == "" {
		fields["name"] = "your identity provider must send your name"
	}
	if len(fields) > 0 {
		e := errs.Invalid(fields)
		e.Code = "oidc_user_incomplete"
		return nil, e
	}
	hash, err := s.accounts.UnusablePasswordHash()
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	return &models.User{Email: id.Email, Name: id.Name, Discipline: "other", Institution: clip(p.Name, 200), Role: "learner",
		PasswordHash: hash, EmailVerifiedAt: &now}, nil
}

// clip trims s and keeps its first n characters.
func clip(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	return strings.TrimSpace(string(r[:min(n, len(r))]))
}
