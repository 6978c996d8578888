package handlers_test

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"tandem/auth"
	"tandem/keys"
	"tandem/testenv"
)

// TestForgedAndExpiredTokensAre401 signs tokens every way an attacker or a clock could get
// wrong and checks that none of them opens /me.
func TestForgedAndExpiredTokensAre401(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	key, err := env.App.Keys.Signing(context.Background(), auth.AccessPurpose, keys.EdDSA)
	if err != nil {
		t.Fatal(err)
	}
	pub := key.Public.(ed25519.PublicKey)
	_, otherKey, _ := ed25519.GenerateKey(rand.Reader)
	now := time.Now()
	claims := func(mut func(*auth.Claims)) *auth.Claims {
		c := &auth.Claims{RegisteredClaims: jwt.RegisteredClaims{
			Issuer: env.Config.BaseURL, Subject: u.ID, Audience: jwt.ClaimStrings{auth.Audience},
			IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(now.Add(10 * time.Minute)),
		}, Roles: []string{"admin"}}
		if mut != nil {
			mut(c)
		}
		return c
	}
	sign := func(method jwt.SigningMethod, c *auth.Claims, kid string, k any) string {
		tok := jwt.NewWithClaims(method, c)
		tok.Header["kid"] = kid
		s, err := tok.SignedString(k)
		if err != nil {
			t.Fatalf("sign: %v", err)
		}
		return s
	}
	valid := sign(jwt.SigningMethodEdDSA, claims(nil), key.ID, key.Private)
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: valid}); resp.Status != http.StatusOK {
		t.Fatalf("control: a correctly signed token is refused: %d %s", resp.Status, resp.Body)
	}
	cases := map[string]string{
		"expired": sign(jwt.SigningMethodEdDSA, claims(func(c *auth.Claims) {
			c.IssuedAt = jwt.NewNumericDate(now.Add(-time.Hour))
			c.ExpiresAt = jwt.NewNumericDate(now.Add(-30 * time.Minute))
		}), key.ID, key.Private),
		"no expiry":         sign(jwt.SigningMethodEdDSA, claims(func(c *auth.Claims) { c.ExpiresAt = nil }), key.ID, key.Private),
		"another key":       sign(jwt.SigningMethodEdDSA, claims(nil), key.ID, otherKey),
		"unknown kid":       sign(jwt.SigningMethodEdDSA, claims(nil), "not-a-key", key.Private),
		"alg none":          sign(jwt.SigningMethodNone, claims(nil), key.ID, jwt.UnsafeAllowNoneSignatureType),
		"HS256 with pubkey": sign(jwt.SigningMethodHS256, claims(nil), key.ID, []byte(pub)),
		"wrong audience":    sign(jwt.SigningMethodEdDSA, claims(func(c *auth.Claims) { c.Audience = jwt.ClaimStrings{"another-api"} }), key.ID, key.Private),
		"wrong issuer":      sign(jwt.SigningMethodEdDSA, claims(func(c *auth.Claims) { c.Issuer = "https://evil.example" }), key.ID, key.Private),
		"not yet valid":     sign(jwt.SigningMethodEdDSA, claims(func(c *auth.Claims) { c.NotBefore = jwt.NewNumericDate(now.Add(time.Hour)) }), key.ID, key.Private),
		"tampered payload":  tamper(valid, strings.Index(valid, ".")+5),
		// valid has been accepted once already, and a verified token is remembered: one
		// changed byte of its signature is not.
		"tampered signature": tamper(valid, strings.LastIndex(valid, ".")+5),
		"garbage":            "not.a.jwt",
	}
	for name, tok := range cases {
		t.Run(name, func(t *testing.T) {
			resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: tok})
			if resp.Status != http.StatusUnauthorized || resp.ErrorCode() != "invalid_token" {
				t.Fatalf("got %d %s", resp.Status, resp.Body)
			}
		})
	}
	for _, header := range []string{"", "Basic abc", "Bearer"} {
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Header: map[string]string{"Authorization": header}})
		if resp.Status != http.StatusUnauthorized {
			t.Fatalf("Authorization %q: %d", header, resp.Status)
		}
	}
}

func TestJWKSPublishesTheSigningKey(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	var set keys.JWKS
	env.Do(testenv.Request{Method: "GET", Path: "/.well-known/jwks.json"}).Decode(t, &set)
	tok, _, err := jwt.NewParser().ParseUnverified(u.AccessToken, &auth.Claims{})
	if err != nil {
		t.Fatal(err)
	}
	kid := tok.Header["kid"]
	for _, k := range set.Keys {
		if k.Kid == kid && k.Kty == "OKP" && k.Crv == "Ed25519" && k.X != "" {
			return
		}
	}
	t.Fatalf("kid %v not in %+v", kid, set)
}

func TestKeysSurviveRestart(t *testing.T) {
	cfg := testenv.Config(t)
	first := testenv.NewWith(t, cfg)
	u := first.Learner("engineering")
	second := testenv.NewWith(t, cfg)
	if resp := second.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); resp.Status != http.StatusOK {
		t.Fatalf("a second server does not accept the first one's token: %d", resp.Status)
	}
}

// tamper changes the character of token at i to another one.
func tamper(token string, i int) string {
	c := byte('A')
	if token[i] == c {
		c = 'B'
	}
	return token[:i] + string(c) + token[i+1:]
}
