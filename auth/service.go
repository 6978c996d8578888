package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"slices"
	"time"

	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
)

// Store is what accounts need from the database: credentials and sessions here, account
// self-service (tokens sent by mail) in AccountStore.
type Store interface {
	CreateUser(ctx context.Context, u *models.User) error
	UserByID(ctx context.Context, id string) (*models.User, error)
	UpdateUser(ctx context.Context, id string, patch models.UserPatch) (*models.User, error)
	UserByEmail(ctx context.Context, email string) (*models.User, error)
	CreateRefreshToken(ctx context.Context, t *models.RefreshToken) error
	RotateRefreshToken(ctx context.Context, hash string, next *models.RefreshToken) (models.RotationResult, *models.RefreshToken, error)
	RevokeRefreshTokenOf(ctx context.Context, userID, hash string) error
	HitRateLimit(ctx context.Context, key string, window time.Duration) (int, time.Time, error)
	ResetRateLimit(ctx context.Context, key string) error
	UnhitRateLimit(ctx context.Context, key string) error
	EraseUser(ctx context.Context, userID string, limitKeys []string) error
	MembershipsOf(ctx context.Context, userID string) ([]models.Membership, error)
	SessionReader
	AccountStore
}

// LoginLimits bound failed logins per account and per client address within a window, new
// accounts per client address and hour, and within MailWindow the password-reset requests per
// client address and the mails to one address (any kind Tandem sends on a visitor's request).
// A client address is counted by clientNetwork: an IPv6 client by its /64.
type LoginLimits struct {
	PerAccount       int
	PerAddress       int
	Window           time.Duration
	RegisterPerHour  int
	ResetsPerAddress int
	MailsPerAddress  int
	MailWindow       time.Duration
}

// Service registers users and runs the login, refresh and logout flows.
type Service struct {
	store      Store
	hasher     Hasher
	tokens     *Tokens
	gate       *Gate
	limits     LoginLimits
	refreshTTL time.Duration
	baseURL    string // links in mails point into the web UI here
	dummyHash  string
}

// NewService wires the account rules; baseURL is where the web UI is served.
func NewService(store Store, hasher Hasher, tokens *Tokens, limits LoginLimits, refreshTTL time.Duration, baseURL string) (*Service, error) {
	dummy, err := hasher.Hash("not a password anyone has")
	if err != nil {
		return nil, err
	}
	return &Service{store: store, hasher: hasher, tokens: tokens, gate: NewGate(store), limits: limits, refreshTTL: refreshTTL,
		baseURL: baseURL, dummyHash: dummy}, nil
}

// RefreshTTL is how long a refresh token lives.
func (s *Service) RefreshTTL() time.Duration { return s.refreshTTL }

// CheckSession reports whether an access token's session is still live (ErrSessionEnded when
// not) and returns the user's chosen interface language; see Gate.
func (s *Service) CheckSession(ctx context.Context, claims *Claims) (string, error) {
	return s.gate.Check(ctx, claims)
}

// Registration is what a new user sends.
type Registration struct {
	Email, Password, Name, Discipline, Institution string
}

// CreateUser creates a user with any platform role (the `tandem user create` command).
func (s *Service) CreateUser(ctx context.Context, r Registration, role string) (*models.User, error) {
	if !slices.Contains(PlatformRoles, role) {
		return nil, errs.Invalid(map[string]string{"role": "must be one of learner, instructor, admin"})
	}
	return s.create(ctx, r, role)
}

func (s *Service) create(ctx context.Context, r Registration, role string) (*models.User, error) {
	u, err := s.newUser(r, role)
	if err != nil {
		return nil, err
	}
	if err := s.store.CreateUser(ctx, u); err != nil {
		if errors.Is(err, models.ErrConflict) {
			return nil, errs.Conflict("email_taken", "An account with this email already exists.")
		}
		return nil, err
	}
	// The operator typed the address in; it needs no link to prove it.
	if err := s.store.MarkEmailVerified(ctx, u.ID); err != nil {
		return nil, err
	}
	return s.store.UserByID(ctx, u.ID)
}

// newUser validates r and returns the user to store, its password hashed.
func (s *Service) newUser(r Registration, role string) (*models.User, error) {
	fields := map[string]string{}
	email := checkEmail(r.Email, fields)
	checkPassword(r.Password, email, fields)
	name := checkText("name", r.Name, true, 200, fields)
	institution := checkText("institution", r.Institution, false, 200, fields)
	if !disciplines.Valid(r.Discipline) {
		fields["discipline"] = errs.Reason("reason.rule_oneof", map[string]any{"Choices": disciplines.All()})
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	hash, err := s.hasher.Hash(r.Password)
	if err != nil {
		return nil, err
	}
	return &models.User{Email: email, Name: name, Discipline: r.Discipline, Institution: institution, Role: role, PasswordHash: hash}, nil
}

// Session is what a successful login or refresh returns.
type Session struct {
	AccessToken  string
	RefreshToken string
	ExpiresIn    int
	User         *models.User
	Roles        []string
}

var errInvalidCredentials = errs.Unauthorized("invalid_credentials", "The email or password is not correct.")

// Login checks credentials. Every attempt counts against the account and the client address
// before the password is checked, so concurrent guesses cannot slip past the limit; a success
// clears the account's count and takes back its hit on the address. All of it happens while a
// hashing slot is held: a lecture hall signing in behind one address queues for the slots, and
// only the few logins being verified at that moment count against the address.
func (s *Service) Login(ctx context.Context, email, password, clientIP string) (*Session, error) {
	acctKey, ipKey := accountKey(normaliseEmail(email)), "login:address:"+clientNetwork(clientIP)
	u, err := s.store.UserByEmail(ctx, email)
	known := err == nil
	if err != nil && !errors.Is(err, models.ErrNotFound) {
		return nil, err
	}
	encoded := s.dummyHash // the same work as for a real account
	if known {
		encoded = u.PasswordHash
	}
	err = s.hasher.WithSlot(func() error {
		for _, l := range []struct {
			key string
			max int
		}{{acctKey, s.limits.PerAccount}, {ipKey, s.limits.PerAddress}} {
			hits, reset, err := s.store.HitRateLimit(ctx, l.key, s.limits.Window)
			if err != nil {
				return err
			}
			if hits > l.max {
				return errs.TooMany(reset)
			}
		}
		ok, err := s.hasher.VerifyHeld(encoded, password)
		if err != nil {
			return err
		}
		if !known || !ok {
			return errInvalidCredentials
		}
		if err := s.store.ResetRateLimit(ctx, acctKey); err != nil {
			return err
		}
		return s.store.UnhitRateLimit(ctx, ipKey)
	})
	if err != nil {
		return nil, err
	}
	return s.signIn(ctx, u, u.TokenEpoch)
}

// signIn begins a new session (refresh-token family) for u in token epoch epoch.
func (s *Service) signIn(ctx context.Context, u *models.User, epoch int64) (*Session, error) {
	refresh, hash := newRefreshToken()
	family := models.NewID()
	if err := s.store.CreateRefreshToken(ctx, &models.RefreshToken{
		UserID: u.ID, FamilyID: family, TokenHash: hash, ExpiresAt: time.Now().UTC().Add(s.refreshTTL), Epoch: epoch,
	}); err != nil {
		return nil, err
	}
	return s.session(ctx, u, refresh, family, epoch)
}

var errBadRefresh = errs.Unauthorized("invalid_refresh_token", "The refresh token is not valid. Please log in again.")

// Refresh spends a refresh token and returns a new pair. A spent token presented again revokes
// its whole family: whoever holds a stolen copy and the rightful owner are both logged out.
func (s *Service) Refresh(ctx context.Context, refreshToken string) (*Session, error) {
	next, nextHash := newRefreshToken()
	result, old, err := s.store.RotateRefreshToken(ctx, hashToken(refreshToken), &models.RefreshToken{
		TokenHash: nextHash, ExpiresAt: time.Now().UTC().Add(s.refreshTTL),
	})
	if err != nil {
		return nil, err
	}
	if result != models.Rotated {
		return nil, errBadRefresh
	}
	u, err := s.store.UserByID(ctx, old.UserID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errBadRefresh
	}
	if err != nil {
		return nil, err
	}
	return s.session(ctx, u, next, old.FamilyID, old.Epoch)
}

// Logout revokes the refresh token's family when it belongs to the caller. Unknown tokens are
// ignored, so logging out twice is harmless.
func (s *Service) Logout(ctx context.Context, caller Caller, refreshToken string) error {
	err := s.store.RevokeRefreshTokenOf(ctx, caller.ID, hashToken(refreshToken))
	if errors.Is(err, models.ErrNotFound) {
		return nil
	}
	return err
}

func (s *Service) session(ctx context.Context, u *models.User, refresh, family string, epoch int64) (*Session, error) {
	roles, err := s.Roles(ctx, u)
	if err != nil {
		return nil, err
	}
	access, err := s.tokens.Issue(ctx, Grant{UserID: u.ID, Roles: roles, Epoch: epoch, SessionID: family})
	if err != nil {
		return nil, err
	}
	return &Session{AccessToken: access, RefreshToken: refresh, ExpiresIn: int(s.tokens.TTL().Seconds()), User: u, Roles: roles}, nil
}

// Roles are the user's platform role plus society_admin when they administer a society and
// author when they author content for one. Which society is checked on each request; the
// token only lets them reach those routes.
func (s *Service) Roles(ctx context.Context, u *models.User) ([]string, error) {
	ms, err := s.store.MembershipsOf(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	roles := []string{u.Role}
	for _, held := range []string{RoleSocietyAdmin, RoleAuthor} {
		if slices.ContainsFunc(ms, func(m models.Membership) bool { return m.Role == held }) {
			roles = append(roles, held)
		}
	}
	return roles, nil
}

func newRefreshToken() (token, hash string) {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	token = base64.RawURLEncoding.EncodeToString(b)
	return token, hashToken(token)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// NewSecret returns a random opaque token for a link (32 bytes, base64url) and the SHA-256 it
// is stored as, as refresh tokens are.
func NewSecret() (token, hash string) { return newRefreshToken() }

// HashSecret returns the SHA-256 (hex) a token made by NewSecret, or any secret, is stored as.
func HashSecret(secret string) string { return hashToken(secret) }

func normaliseEmail(e string) string {
	fields := map[string]string{}
	return checkEmail(e, fields)
}

// Erase checks the password (a wrong one counts like a failed login), then erases the caller's
// personal data, ends their sessions and forgets the rate-limit counts kept on their address
// (see models.Store.EraseUser).
func (s *Service) Erase(ctx context.Context, caller Caller, password string) error {
	u, err := s.store.UserByID(ctx, caller.ID)
	if err != nil {
		return err
	}
	if err := s.confirmPassword(ctx, u, password, "password"); err != nil {
		return err
	}
	return s.store.EraseUser(ctx, u.ID, []string{accountKey(u.Email), mailKey(u.Email)})
}
