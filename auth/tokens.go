package auth

import (
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"errors"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"tandem/keys"
)

// AccessPurpose is the keyring purpose of access-token keys.
const AccessPurpose = "access"

// Audience is the aud claim of every access token.
const Audience = "tandem-api"

// Claims are the claims of an access token.
type Claims struct {
	jwt.RegisteredClaims
	Roles []string `json:"roles"`
	// Epoch is the user's token epoch when the token was issued; a token from an older epoch
	// is refused.
	Epoch int64 `json:"epoch"`
	// SessionID names the sign-in (refresh-token family) the token belongs to; signing that
	// session out refuses the token.
	SessionID string `json:"sid,omitempty"`
}

// Grant is who an access token is for: the user, their roles, their token epoch and the
// session it belongs to.
type Grant struct {
	UserID    string
	Roles     []string
	Epoch     int64
	SessionID string
}

// Tokens issues and verifies access tokens: EdDSA JWTs with kid, iss, aud, sub, exp.
type Tokens struct {
	ring   *keys.Ring
	issuer string
	ttl    time.Duration
	// lastReload bounds how often an unknown kid sends us to the database (unix nanoseconds).
	lastReload atomic.Int64
	verified   verifiedTokens
}

// NewTokens returns a token service issuing as issuer with lifetime ttl.
func NewTokens(ring *keys.Ring, issuer string, ttl time.Duration) *Tokens {
	return &Tokens{ring: ring, issuer: issuer, ttl: ttl, verified: verifiedTokens{m: map[[sha256.Size]byte]verifiedToken{}}}
}

// verifiedTokens remembers the tokens that verified, by their SHA-256, until they expire: a
// client sends the same token with every request for its lifetime, and checking its Ed25519
// signature and decoding its claims again each time took 6 to 7% of the server's CPU on the
// quiz path. At most
// maxVerified are kept; when full, the memory starts afresh.
type verifiedTokens struct {
	mu sync.RWMutex
	m  map[[sha256.Size]byte]verifiedToken
}

// verifiedToken is a token's claims, the key that signed it, and when it stops verifying.
type verifiedToken struct {
	claims Claims
	kid    string
	until  time.Time
}

const (
	maxVerified = 10_000
	tokenLeeway = 30 * time.Second
)

// TTL is how long an access token lives.
func (t *Tokens) TTL() time.Duration { return t.ttl }

// Issue signs an access token for g.
func (t *Tokens) Issue(ctx context.Context, g Grant) (string, error) {
	key, err := t.ring.Signing(ctx, AccessPurpose, keys.EdDSA)
	if err != nil {
		return "", err
	}
	now := time.Now()
	claims := Claims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer: t.issuer, Subject: g.UserID, Audience: jwt.ClaimStrings{Audience},
			IssuedAt: jwt.NewNumericDate(now), NotBefore: jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(t.ttl)),
		},
		Roles: g.Roles, Epoch: g.Epoch, SessionID: g.SessionID,
	}
	tok := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	tok.Header["kid"] = key.ID
	return tok.SignedString(key.Private)
}

// ErrBadToken is returned for any token that does not verify.
var ErrBadToken = errors.New("invalid access token")

// Verify checks signature, algorithm, issuer, audience and expiry and returns the claims.
// Only EdDSA is accepted, so `alg: none` and HS256 tokens keyed with a public key fail.
// A token verified before is taken from memory while it has not expired and the key that
// signed it is still in the ring.
func (t *Tokens) Verify(ctx context.Context, raw string) (*Claims, error) {
	sum := sha256.Sum256([]byte(raw))
	t.verified.mu.RLock()
	v, ok := t.verified.m[sum]
	t.verified.mu.RUnlock()
	if ok && time.Now().Before(v.until) && t.hasKey(ctx, v.kid) {
		claims := v.claims
		return &claims, nil
	}
	claims := &Claims{}
	var kid string
	_, err := jwt.ParseWithClaims(raw, claims, func(tok *jwt.Token) (any, error) {
		kid, _ = tok.Header["kid"].(string)
		if kid == "" {
			return nil, errors.New("token has no kid")
		}
		return t.publicKey(ctx, kid)
	},
		jwt.WithValidMethods([]string{jwt.SigningMethodEdDSA.Alg()}),
		jwt.WithIssuer(t.issuer), jwt.WithAudience(Audience),
		jwt.WithExpirationRequired(), jwt.WithIssuedAt(), jwt.WithLeeway(tokenLeeway))
	if err != nil || claims.Subject == "" {
		return nil, fmt.Errorf("%w: %v", ErrBadToken, err)
	}
	t.verified.mu.Lock()
	if len(t.verified.m) >= maxVerified {
		clear(t.verified.m)
	}
	t.verified.m[sum] = verifiedToken{claims: *claims, kid: kid, until: claims.ExpiresAt.Add(tokenLeeway)}
	t.verified.mu.Unlock()
	return claims, nil
}

// hasKey reports whether the ring holds the access-token key kid.
func (t *Tokens) hasKey(ctx context.Context, kid string) bool {
	ks, err := t.ring.Keys(ctx, AccessPurpose)
	return err == nil && slices.ContainsFunc(ks, func(k keys.Key) bool { return k.ID == kid })
}

func (t *Tokens) publicKey(ctx context.Context, kid string) (ed25519.PublicKey, error) {
	find := func(ks []keys.Key) ed25519.PublicKey {
		for _, k := range ks {
			if pub, ok := k.Public.(ed25519.PublicKey); ok && k.ID == kid {
				return pub
			}
		}
		return nil
	}
	ks, err := t.ring.Keys(ctx, AccessPurpose)
	if err != nil {
		return nil, err
	}
	if pub := find(ks); pub != nil {
		return pub, nil
	}
	now := time.Now().UnixNano()
	last := t.lastReload.Load()
	if now-last > int64(10*time.Second) && t.lastReload.CompareAndSwap(last, now) {
		if ks, err = t.ring.Reload(ctx, AccessPurpose); err == nil {
			if pub := find(ks); pub != nil {
				return pub, nil
			}
		}
	}
	return nil, errors.New("unknown kid")
}

// JWKS returns the public access-token keys.
func (t *Tokens) JWKS(ctx context.Context) (keys.JWKS, error) {
	if _, err := t.ring.Signing(ctx, AccessPurpose, keys.EdDSA); err != nil {
		return keys.JWKS{}, err
	}
	ks, err := t.ring.Keys(ctx, AccessPurpose)
	if err != nil {
		return keys.JWKS{}, err
	}
	return keys.PublicJWKS(ks), nil
}
