package certificates

import (
	"crypto/ed25519"
	"crypto/hmac"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/keys"
)

func edKey(t *testing.T, id string) keys.Key {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return keys.Key{ID: id, Algorithm: keys.EdDSA, Public: pub, Private: priv, Active: true}
}

func rsaKey(t *testing.T, id string) keys.Key {
	t.Helper()
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return keys.Key{ID: id, Algorithm: keys.RS256, Public: &priv.PublicKey, Private: priv, Active: true}
}

// signed returns a VC-JWT for a certificate issued at issued, and the credential in it.
func signed(t *testing.T, key keys.Key, issued time.Time) (string, Credential) {
	t.Helper()
	c, err := NewCredential(testIssue(issued))
	if err != nil {
		t.Fatal(err)
	}
	tok, err := SignVCJWT(c, key)
	if err != nil {
		t.Fatal(err)
	}
	return tok, c
}

func decodeSegment(t *testing.T, seg string) map[string]any {
	t.Helper()
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSignVerifyRoundTrip(t *testing.T) {
	for _, key := range []keys.Key{edKey(t, "k-ed"), rsaKey(t, "k-rsa")} {
		t.Run(key.Algorithm, func(t *testing.T) {
			issued := time.Now().Add(-time.Hour).Truncate(time.Second)
			tok, c := signed(t, key, issued)
			parts := strings.Split(tok, ".")
			if len(parts) != 3 {
				t.Fatalf("not a compact JWS: %s", tok)
			}
			// Open Badges 3.0 §8.2.3: alg, kid and typ "JWT", and no other header.
			header := decodeSegment(t, parts[0])
			wantHeader := map[string]any{"alg": key.Algorithm, "typ": "JWT",
				"kid": "https://tandem.example.org/api/v1/issuers/org1/keys/" + key.ID}
			if len(header) != len(wantHeader) {
				t.Errorf("header %v, want %v", header, wantHeader)
			}
			for k, v := range wantHeader {
				if header[k] != v {
					t.Errorf("header %s = %v, want %v", k, header[k], v)
				}
			}
			// §8.2.4.1: the credential at the top level, with the registered claims beside it.
			payload := decodeSegment(t, parts[1])
			for claim, want := range map[string]any{
				"iss": c.Issuer.ID, "jti": c.ID, "sub": "urn:tandem:learner:user42",
				"nbf": float64(issued.Unix()), "iat": float64(issued.Unix()),
				"exp": float64(issued.AddDate(3, 0, 0).Unix()), "id": c.ID, "validFrom": issued.UTC().Format(time.RFC3339),
			} {
				if payload[claim] != want {
					t.Errorf("payload %s = %v, want %v", claim, payload[claim], want)
				}
			}
			if _, ok := payload["vc"]; ok {
				t.Error("payload wraps the credential in a vc claim")
			}
			if _, ok := payload["@context"]; !ok {
				t.Error("payload has no @context")
			}

			got, err := VerifyVCJWT(tok, keys.PublicJWKS([]keys.Key{key}))
			if err != nil {
				t.Fatal(err)
			}
			if got.CredentialSubject.Name != "Zoë Müller-Łukasz" || got.CredentialSubject.Achievement.CreditsAvailable != 6 ||
				got.CredentialStatus.Type != StatusRevocationList || !got.ValidFrom.Equal(c.ValidFrom) {
				t.Errorf("verified credential %+v", got)
			}
			again, _ := SignVCJWT(c, key)
			if again != tok {
				t.Error("signing the same credential twice gave different tokens")
			}
		})
	}
}

func TestVerifyVCJWTRejects(t *testing.T) {
	key := edKey(t, "k1")
	jwks := keys.PublicJWKS([]keys.Key{key})
	now := time.Now().Truncate(time.Second)
	good, _ := signed(t, key, now.Add(-time.Hour))
	parts := strings.Split(good, ".")

	var payload map[string]any
	b, _ := base64.RawURLEncoding.DecodeString(parts[1])
	_ = json.Unmarshal(b, &payload)
	payload["credentialSubject"].(map[string]any)["name"] = "Mallory"
	forged, _ := json.Marshal(payload)
	tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString(forged) + "." + parts[2]

	expired, _ := signed(t, key, now.AddDate(-4, 0, 0))
	future, _ := signed(t, key, now.Add(time.Hour))

	// Alg confusion: an HS256 token keyed with the public key, and an unsigned one.
	hsHeader := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"HS256","kid":"k1","typ":"JWT"}`))
	mac := hmac.New(sha256.New, key.Public.(ed25519.PublicKey))
	mac.Write([]byte(hsHeader + "." + parts[1]))
	hs256 := hsHeader + "." + parts[1] + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil))
	none := base64.RawURLEncoding.EncodeToString([]byte(`{"alg":"none","kid":"k1"}`)) + "." + parts[1] + "."

	// The signature covers a payload whose claims disagree with the credential.
	c, _ := NewCredential(testIssue(now.Add(-time.Hour)))
	c.CredentialSubject.ID = ""
	noSubject, _ := SignVCJWT(c, key)

	for name, tc := range map[string]struct {
		token string
		jwks  keys.JWKS
		want  error
	}{
		"tampered payload": {tampered, jwks, ErrInvalid},
		"wrong key":        {good, keys.PublicJWKS([]keys.Key{edKey(t, "k1")}), ErrInvalid},
		"unknown kid":      {good, keys.PublicJWKS([]keys.Key{edKey(t, "k2")}), ErrInvalid},
		"RSA key for kid":  {good, keys.PublicJWKS([]keys.Key{rsaKey(t, "k1")}), ErrInvalid},
		"expired":          {expired, jwks, ErrExpired},
		"not yet valid":    {future, jwks, ErrNotYetValid},
		"HS256":            {hs256, jwks, ErrInvalid},
		"alg none":         {none, jwks, ErrInvalid},
		"garbage":          {"a.b.c", jwks, ErrInvalid},
	} {
		_, err := VerifyVCJWT(tc.token, tc.jwks)
		if !errors.Is(err, tc.want) {
			t.Errorf("%s: error %v, want %v", name, err, tc.want)
		}
	}
	if _, err := VerifyVCJWT(noSubject, jwks); err != nil {
		t.Errorf("a subject without id (identified otherwise) should verify: %v", err)
	}
}

func TestSignVCJWTRejectsMismatchedKeys(t *testing.T) {
	c, _ := NewCredential(testIssue(time.Now()))
	ed, rs := edKey(t, "a"), rsaKey(t, "b")
	for name, key := range map[string]keys.Key{
		"EdDSA label on RSA key": {ID: "x", Algorithm: keys.EdDSA, Private: rs.Private},
		"RS256 label on Ed key":  {ID: "x", Algorithm: keys.RS256, Private: ed.Private},
		"unknown algorithm":      {ID: "x", Algorithm: "ES256", Private: ed.Private},
		"no private key":         {ID: "x", Algorithm: keys.EdDSA},
	} {
		if _, err := SignVCJWT(c, key); err == nil {
			t.Errorf("%s: signed", name)
		}
	}
	if _, err := SignVCJWT(Credential{}, ed); err == nil {
		t.Error("signed an empty credential")
	}
}

func TestKeyRotation(t *testing.T) {
	old, current := edKey(t, "old"), rsaKey(t, "new")
	jwks := keys.PublicJWKS([]keys.Key{current, old})
	issued := time.Now().Add(-time.Hour)
	for _, key := range []keys.Key{old, current} {
		tok, _ := signed(t, key, issued)
		if _, err := VerifyVCJWT(tok, jwks); err != nil {
			t.Errorf("token signed by %s: %v", key.ID, err)
		}
	}
	if !slices.ContainsFunc(jwks.Keys, func(k keys.JWK) bool { return k.Kid == "old" }) {
		t.Fatal("old key not published")
	}
}
