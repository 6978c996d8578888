// Package signin signs people in to Tandem through their institution's OpenID Connect
// identity provider: the authorisation code flow with PKCE, state and nonce kept in the
// database and bound to the browser, the id_token verified, and the provider's users linked
// to Tandem accounts by (issuer, subject).
package signin

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// Store is what institutional sign-in needs from the database.
type Store interface {
	UserByID(ctx context.Context, id string) (*models.User, error)
	UserByEmail(ctx context.Context, email string) (*models.User, error)
	CreateOIDCSignInState(ctx context.Context, st *models.OIDCSignInState) error
	OIDCSignInStateByHash(ctx context.Context, hash string) (*models.OIDCSignInState, error)
	SpendOIDCSignInState(ctx context.Context, hash string) error
	OIDCIdentityOf(ctx context.Context, issuer, subject string) (*models.OIDCIdentity, error)
	OIDCIdentitiesOf(ctx context.Context, userID string) ([]models.OIDCIdentity, error)
	RecordOIDCSignIn(ctx context.Context, r models.OIDCSignIn) (string, error)
	CreateOIDCLinkOffer(ctx context.Context, o *models.OIDCLinkOffer) error
	OIDCLinkOfferByHash(ctx context.Context, hash string) (*models.OIDCLinkOffer, error)
	AcceptOIDCLinkOffer(ctx context.Context, o *models.OIDCLinkOffer, handoff *models.AccountToken) error
	UnlinkOIDCProvider(ctx context.Context, userID, provider string, others []string, keepsPassword bool) error
}

// Accounts is what institutional sign-in needs from the account rules.
type Accounts interface {
	UnusablePasswordHash() (string, error)
	ConfirmPassword(ctx context.Context, u *models.User, password string) error
}

var _ Accounts = (*auth.Service)(nil)

// StateTTL is how long a person has at their provider between Tandem's redirect and the return.
const StateTTL = 10 * time.Minute

// Service runs institutional sign-in for the configured providers.
type Service struct {
	store     Store
	accounts  Accounts
	baseURL   string
	client    *http.Client
	providers []*provider
}

// provider is a configured provider and, once its discovery document was read, its endpoints
// and the verifier of its id_tokens.
type provider struct {
	ProviderConfig
	mu       sync.Mutex
	oidc     *oidc.Provider
	verifier *oidc.IDTokenVerifier
}

// NewService wires institutional sign-in; client talks to the providers.
func NewService(store Store, accounts Accounts, configs []ProviderConfig, baseURL string, client *http.Client) *Service {
	s := &Service{store: store, accounts: accounts, baseURL: baseURL, client: client}
	for _, c := range configs {
		s.providers = append(s.providers, &provider{ProviderConfig: c})
	}
	return s
}

// CallbackURL is where providers send the browser back (the redirect URI to register with
// every provider).
func (s *Service) CallbackURL() string { return s.baseURL + "/auth/oidc/callback" }

// Providers lists the configured providers, in the configured order.
func (s *Service) Providers() []ProviderConfig {
	out := make([]ProviderConfig, 0, len(s.providers))
	for _, p := range s.providers {
		out = append(out, p.ProviderConfig)
	}
	return out
}

// PasswordAllowed refuses (403 sign_in_with_provider) a password log-in or registration for an
// address at a domain whose provider is its only way in.
func (s *Service) PasswordAllowed(email string) error {
	d := domainOf(email)
	for _, p := range s.providers {
		if p.OnlyWay && d != "" && p.admits(email) {
			e := errs.New(http.StatusForbidden, "sign_in_with_provider", "Addresses at "+d+" sign in with "+p.Name+".")
			e.Details = map[string]any{"provider": p.ID}
			return e
		}
	}
	return nil
}

// Configured reports whether id names a configured provider.
func (s *Service) Configured(id string) bool {
	_, err := s.provider(id)
	return err == nil
}

func (s *Service) provider(id string) (*provider, error) {
	for _, p := range s.providers {
		if p.ID == id {
			return p, nil
		}
	}
	return nil, errs.New(http.StatusNotFound, "provider_unknown", "Tandem has no sign-in provider by that name.")
}

// discover reads the provider's discovery document once; a failure is tried again next time.
func (s *Service) discover(ctx context.Context, p *provider) (*oidc.Provider, *oidc.IDTokenVerifier, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.oidc != nil {
		return p.oidc, p.verifier, nil
	}
	op, err := oidc.NewProvider(oidc.ClientContext(ctx, s.client), p.Issuer)
	if err != nil {
		e := errs.New(http.StatusBadGateway, "provider_unavailable", p.Name+" cannot be reached just now. Try again in a few minutes.")
		e.Cause = err
		return nil, nil, e
	}
	p.oidc, p.verifier = op, op.Verifier(&oidc.Config{ClientID: p.ClientID})
	return p.oidc, p.verifier, nil
}

func (s *Service) oauth(p *provider, op *oidc.Provider) *oauth2.Config {
	return &oauth2.Config{ClientID: p.ClientID, ClientSecret: p.ClientSecret, Endpoint: op.Endpoint(),
		RedirectURL: s.CallbackURL(), Scopes: []string{oidc.ScopeOpenID, "email", "profile"}}
}

// Start is a sign-in to begin: with which provider, where to go afterwards, the browser's
// binding secret from its cookie (empty when it has none yet), and, for linking the provider to
// a signed-in account, that account.
type Start struct {
	Provider, Next, Browser, LinkUserID string
}

// Started says where to send the browser, and the binding secret its cookie must carry.
type Started struct {
	URL, Browser string
}

// Begin stores a sign-in's state, nonce and PKCE verifier, bound to the browser, and returns
// the provider's authorisation URL.
func (s *Service) Begin(ctx context.Context, in Start) (*Started, error) {
	p, err := s.provider(in.Provider)
	if err != nil {
		return nil, err
	}
	op, _, err := s.discover(ctx, p)
	if err != nil {
		return nil, err
	}
	browser := in.Browser
	if len(browser) < 32 || len(browser) > 128 {
		browser = randomString()
	}
	state, nonce, verifier := randomString(), randomString(), oauth2.GenerateVerifier()
	if err := s.store.CreateOIDCSignInState(ctx, &models.OIDCSignInState{StateHash: auth.HashSecret(state), Provider: p.ID,
		Nonce: nonce, Verifier: verifier, BrowserHash: auth.HashSecret(browser), NextPath: safeNext(in.Next),
		LinkUserID: in.LinkUserID, ExpiresAt: time.Now().UTC().Add(StateTTL)}); err != nil {
		return nil, err
	}
	to := s.oauth(p, op).AuthCodeURL(state, oauth2.S256ChallengeOption(verifier), oidc.Nonce(nonce))
	return &Started{URL: to, Browser: browser}, nil
}

// safeNext keeps a path within Tandem; anything else becomes the dashboard.
func safeNext(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") || len(p) > 1000 {
		return "/dashboard"
	}
	return p
}

func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
