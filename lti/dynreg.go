package lti

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// PurposeRegistration is the account token of a dynamic registration link: it lets one
// platform register itself, once, on behalf of the platform admin who made the link.
const PurposeRegistration = "lti_registration"

// RegistrationLinkTTL is how long a dynamic registration link works.
const RegistrationLinkTTL = 24 * time.Hour

// RegistrationLink is the URL a platform administrator pastes into their platform.
type RegistrationLink struct {
	URL       string    `json:"url"`
	ExpiresAt time.Time `json:"expires_at"`
}

// DynamicStore is what LTI Dynamic Registration needs from the database.
type DynamicStore interface {
	IssueAccountToken(ctx context.Context, t *models.AccountToken, mails ...*models.OutboxMail) error
	AccountTokenByHash(ctx context.Context, hash string) (*models.AccountToken, error)
	SpendAccountToken(ctx context.Context, t *models.AccountToken) error
}

// NewRegistrationLink makes a single-use link by which one platform registers Tandem itself
// (LTI Dynamic Registration 1.0): Moodle and Canvas take it as the tool's registration URL.
func (s *Service) NewRegistrationLink(ctx context.Context, caller auth.Caller) (*RegistrationLink, error) {
	secret := randomString()
	expires := time.Now().UTC().Add(RegistrationLinkTTL)
	t := &models.AccountToken{UserID: caller.ID, Purpose: PurposeRegistration, TokenHash: auth.HashSecret(secret), ExpiresAt: expires}
	if err := s.store.IssueAccountToken(ctx, t); err != nil {
		return nil, err
	}
	return &RegistrationLink{URL: s.baseURL + "/lti/register?" + url.Values{"invite": {secret}}.Encode(), ExpiresAt: expires}, nil
}

var errInvite = errs.New(http.StatusGone, "lti_registration_link_spent", "This registration link was used already or has expired. Ask a Tandem administrator for a new one.")

// platformConfig is what Tandem reads of a platform's OpenID configuration (LTI Dynamic
// Registration §3.4).
type platformConfig struct {
	Issuer                string `json:"issuer"`
	AuthorizationEndpoint string `json:"authorization_endpoint"`
	TokenEndpoint         string `json:"token_endpoint"`
	JWKSURI               string `json:"jwks_uri"`
	RegistrationEndpoint  string `json:"registration_endpoint"`
	Platform              struct {
		ProductFamilyCode string `json:"product_family_code"`
	} `json:"https://purl.imsglobal.org/spec/lti-platform-configuration"`
}

// DynamicRegistration registers the platform whose OpenID configuration is at configURL:
// Tandem reads it, posts its client registration to the platform's registration endpoint with
// the platform's registration token, and stores the registration the platform answers with.
// The link's invite is spent first, so a link registers one platform at most.
func (s *Service) DynamicRegistration(ctx context.Context, invite, configURL, registrationToken string) (*Registration, error) {
	if invite == "" || configURL == "" {
		return nil, errRequest("A registration needs the link's invite and the platform's openid_configuration.")
	}
	t, err := s.store.AccountTokenByHash(ctx, auth.HashSecret(invite))
	if errors.Is(err, models.ErrNotFound) || (err == nil && t.Purpose != PurposeRegistration) {
		return nil, errInvite
	}
	if err != nil {
		return nil, err
	}
	if err := s.store.SpendAccountToken(ctx, t); errors.Is(err, models.ErrTokenSpent) {
		return nil, errInvite
	} else if err != nil {
		return nil, err
	}
	cfg, err := s.platformConfiguration(ctx, configURL)
	if err != nil {
		return nil, err
	}
	clientID, deployment, err := s.postClientRegistration(ctx, cfg, registrationToken)
	if err != nil {
		return nil, err
	}
	name := cfg.Platform.ProductFamilyCode
	if u, _ := url.Parse(cfg.Issuer); u != nil {
		name = strings.TrimSpace(name + " " + u.Host)
	}
	return s.SaveRegistration(ctx, auth.Caller{ID: t.UserID}, "", RegistrationInput{Name: clip(name, 200), Issuer: cfg.Issuer, ClientID: clientID,
		DeploymentIDs: []string{deployment}, AuthURL: cfg.AuthorizationEndpoint, TokenURL: cfg.TokenEndpoint, KeySetURL: cfg.JWKSURI})
}

func errPlatform(msg string) error {
	return errs.New(http.StatusBadGateway, "lti_registration_failed", msg)
}

// platformConfiguration fetches and checks a platform's OpenID configuration: its issuer must
// be the configuration URL's origin's, so a platform cannot register under another's issuer
// (and take over the accounts linked to that issuer's users).
func (s *Service) platformConfiguration(ctx context.Context, configURL string) (*platformConfig, error) {
	if !httpURL(configURL, false) {
		return nil, errRequest("openid_configuration must be an https URL.")
	}
	var cfg platformConfig
	if err := s.getJSON(ctx, configURL, &cfg); err != nil {
		return nil, errPlatform("The platform's OpenID configuration could not be read: " + err.Error())
	}
	iss, errIss := url.Parse(cfg.Issuer)
	at, _ := url.Parse(configURL)
	// Hosted Canvas names every instance https://canvas.instructure.com; only Instructure's
	// own hosts may claim it.
	canvas := cfg.Issuer == "https://canvas.instructure.com" && at.Scheme == "https" && strings.HasSuffix(at.Hostname(), ".instructure.com")
	if errIss != nil || !httpURL(cfg.Issuer, true) || (!canvas && (iss.Scheme != at.Scheme || iss.Host != at.Host)) {
		return nil, errPlatform("The platform's issuer does not match the address of its OpenID configuration.")
	}
	for _, u := range []string{cfg.AuthorizationEndpoint, cfg.TokenEndpoint, cfg.JWKSURI, cfg.RegistrationEndpoint} {
		if !httpURL(u, false) {
			return nil, errPlatform("The platform's OpenID configuration lacks an endpoint Tandem needs (authorization, token, jwks_uri, registration).")
		}
	}
	return &cfg, nil
}

// postClientRegistration registers Tandem with the platform (LTI Dynamic Registration §3.5)
// and returns the client id and deployment id it answers with.
func (s *Service) postClientRegistration(ctx context.Context, cfg *platformConfig, token string) (string, string, error) {
	host, _ := url.Parse(s.baseURL)
	body, _ := json.Marshal(map[string]any{
		"application_type": "web", "response_types": []string{"id_token"}, "grant_types": []string{"implicit", "client_credentials"},
		"initiate_login_uri": s.LoginURL(), "redirect_uris": []string{s.LaunchURL()}, "client_name": "Tandem",
		"jwks_uri": s.KeySetURL(), "token_endpoint_auth_method": "private_key_jwt",
		"scope": strings.Join([]string{ScopeLineItem, ScopeResultRead, ScopeScore, ScopeMemberships}, " "),
		"https://purl.imsglobal.org/spec/lti-tool-configuration": map[string]any{
			"domain": host.Host, "target_link_uri": s.baseURL + "/", "claims": []string{"iss", "sub", "name", "given_name", "family_name", "email"},
			"messages": []map[string]any{{"type": MessageDeepLinking, "target_link_uri": s.baseURL + "/"}},
		},
	})
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, cfg.RegistrationEndpoint, bytes.NewReader(body))
	if err != nil {
		return "", "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := s.client.Do(req)
	if err != nil {
		return "", "", errPlatform("The platform's registration endpoint could not be reached: " + err.Error())
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return "", "", errPlatform(readRefusal("registration", resp).Error())
	}
	var answer struct {
		ClientID string `json:"client_id"`
		Tool     struct {
			DeploymentID string `json:"deployment_id"`
		} `json:"https://purl.imsglobal.org/spec/lti-tool-configuration"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&answer); err != nil || answer.ClientID == "" || answer.Tool.DeploymentID == "" {
		return "", "", errPlatform("The platform's registration answer has no client_id or deployment_id.")
	}
	return answer.ClientID, answer.Tool.DeploymentID, nil
}

// getJSON reads a JSON document of at most 1 MiB.
func (s *Service) getJSON(ctx context.Context, target string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := s.client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return readRefusal("configuration", resp)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(out)
}
