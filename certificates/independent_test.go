package certificates

import (
	"crypto"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"tandem/keys"
)

// verifyIndependently checks a VC-JWT as an outside verifier would, with nothing but the JWKS
// JSON a society publishes and the standard library: no golang-jwt and none of this package's
// code. It follows Open Badges 3.0 §8.2.6 and §8.2.6.1 and returns the credential's JSON object.
func verifyIndependently(token string, jwksJSON []byte, now time.Time) (map[string]any, error) {
	b64 := base64.RawURLEncoding
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a compact JWS")
	}
	headerJSON, err := b64.DecodeString(parts[0])
	if err != nil {
		return nil, err
	}
	var header struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
		Typ string `json:"typ"`
	}
	if err := json.Unmarshal(headerJSON, &header); err != nil {
		return nil, err
	}
	var set struct {
		Keys []struct {
			Kty string `json:"kty"`
			Kid string `json:"kid"`
			Alg string `json:"alg"`
			Crv string `json:"crv"`
			X   string `json:"x"`
			N   string `json:"n"`
			E   string `json:"e"`
		} `json:"keys"`
	}
	if err := json.Unmarshal(jwksJSON, &set); err != nil {
		return nil, err
	}
	// The kid is the key's URL; a set from a test names the key by the id that ends it.
	keyID := header.Kid[strings.LastIndex(header.Kid, "/")+1:]
	found := -1
	for i, k := range set.Keys {
		if k.Kid == header.Kid || k.Kid == keyID {
			found = i
		}
	}
	if found < 0 {
		return nil, fmt.Errorf("no key %q", keyID)
	}
	jwk := set.Keys[found]
	if jwk.Alg != header.Alg {
		return nil, fmt.Errorf("key is for %s, token says %s", jwk.Alg, header.Alg)
	}
	signingInput := []byte(parts[0] + "." + parts[1])
	sig, err := b64.DecodeString(parts[2])
	if err != nil {
		return nil, err
	}
	switch {
	case header.Alg == "EdDSA" && jwk.Kty == "OKP" && jwk.Crv == "Ed25519":
		x, err := b64.DecodeString(jwk.X)
		if err != nil || len(x) != ed25519.PublicKeySize {
			return nil, errors.New("bad Ed25519 key")
		}
		if !ed25519.Verify(ed25519.PublicKey(x), signingInput, sig) {
			return nil, errors.New("bad signature")
		}
	case header.Alg == "RS256" && jwk.Kty == "RSA":
		n, errN := b64.DecodeString(jwk.N)
		e, errE := b64.DecodeString(jwk.E)
		if errN != nil || errE != nil {
			return nil, errors.New("bad RSA key")
		}
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		digest := sha256.Sum256(signingInput)
		if err := rsa.VerifyPKCS1v15(pub, crypto.SHA256, digest[:], sig); err != nil {
			return nil, errors.New("bad signature")
		}
	default:
		return nil, fmt.Errorf("algorithm %s with key type %s", header.Alg, jwk.Kty)
	}

	payloadJSON, err := b64.DecodeString(parts[1])
	if err != nil {
		return nil, err
	}
	var p map[string]any
	if err := json.Unmarshal(payloadJSON, &p); err != nil {
		return nil, err
	}
	issuer, _ := p["issuer"].(map[string]any)
	subject, _ := p["credentialSubject"].(map[string]any)
	if issuer == nil || p["iss"] != issuer["id"] {
		return nil, errors.New("iss is not issuer.id")
	}
	if p["sub"] != subject["id"] {
		return nil, errors.New("sub is not credentialSubject.id")
	}
	if p["jti"] == nil || p["jti"] != p["id"] {
		return nil, errors.New("jti is not id")
	}
	validFrom, err := time.Parse(time.RFC3339, fmt.Sprint(p["validFrom"]))
	nbf, ok := p["nbf"].(float64)
	if err != nil || !ok || int64(nbf) != validFrom.Unix() {
		return nil, errors.New("nbf is not validFrom")
	}
	if now.Before(validFrom) {
		return nil, errors.New("not yet valid")
	}
	if exp, ok := p["exp"].(float64); ok {
		validUntil, err := time.Parse(time.RFC3339, fmt.Sprint(p["validUntil"]))
		if err != nil || int64(exp) != validUntil.Unix() {
			return nil, errors.New("exp is not validUntil")
		}
		if !now.Before(validUntil) {
			return nil, errors.New("expired")
		}
	}
	return p, nil
}

func TestVerifyWithOnlyJWKSAndStandardLibrary(t *testing.T) {
	for _, key := range []keys.Key{edKey(t, "k-ed"), rsaKey(t, "k-rsa")} {
		t.Run(key.Algorithm, func(t *testing.T) {
			// What GET /api/v1/issuers/:id/jwks.json serves, with an older key beside it.
			jwksJSON, err := json.Marshal(keys.PublicJWKS([]keys.Key{key, edKey(t, "older")}))
			if err != nil {
				t.Fatal(err)
			}
			now := time.Now()
			tok, _ := signed(t, key, now.Add(-time.Hour))
			p, err := verifyIndependently(tok, jwksJSON, now)
			if err != nil {
				t.Fatalf("valid credential rejected: %v", err)
			}
			if name := p["credentialSubject"].(map[string]any)["name"]; name != "Zoë Müller-Łukasz" {
				t.Errorf("holder name %v", name)
			}

			parts := strings.Split(tok, ".")
			payload, _ := base64.RawURLEncoding.DecodeString(parts[1])
			forged := strings.Replace(string(payload), `"creditsEarned":6`, `"creditsEarned":60`, 1)
			if forged == string(payload) {
				t.Fatal("test did not change the payload")
			}
			tampered := parts[0] + "." + base64.RawURLEncoding.EncodeToString([]byte(forged)) + "." + parts[2]
			if _, err := verifyIndependently(tampered, jwksJSON, now); err == nil {
				t.Error("tampered payload verified")
			}

			impostor := edKey(t, key.ID)
			if key.Algorithm == keys.RS256 {
				impostor = rsaKey(t, key.ID)
			}
			wrongJWKS, _ := json.Marshal(keys.PublicJWKS([]keys.Key{impostor}))
			if _, err := verifyIndependently(tok, wrongJWKS, now); err == nil {
				t.Error("verified with a different key of the same kid")
			}

			expired, _ := signed(t, key, now.AddDate(-4, 0, 0))
			if _, err := verifyIndependently(expired, jwksJSON, now); err == nil || err.Error() != "expired" {
				t.Errorf("expired credential: %v", err)
			}
		})
	}
}
