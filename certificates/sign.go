package certificates

import (
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"tandem/keys"
)

// Errors from VerifyVCJWT. Any error means the credential must not be trusted; ErrExpired and
// ErrNotYetValid say that the signature and claims were sound but the time is outside validity.
var (
	// ErrInvalid wraps every failure of signature, key, format or claims.
	ErrInvalid = errors.New("certificates: credential is not valid")
	// ErrExpired means a sound credential whose validUntil has passed.
	ErrExpired = errors.New("certificates: credential has expired")
	// ErrNotYetValid means a sound credential whose validFrom is still to come.
	ErrNotYetValid = errors.New("certificates: credential is not yet valid")
)

// clockSkew forgives servers whose clocks disagree a little about when a credential was issued.
const clockSkew = time.Minute

// vcClaims is the JWT payload of Open Badges 3.0 §8.2.4.1 "JWT Payload Format": the credential's
// own JSON object, plus the registered claims that repeat its issuer.id (iss), id (jti),
// validFrom (nbf), credentialSubject.id (sub) and validUntil (exp). Both embedded structs have Go
// fields named ID and Issuer; their JSON names differ ("id"/"jti", "issuer"/"iss").
type vcClaims struct {
	Credential
	jwt.RegisteredClaims
}

// SignVCJWT signs cred as a compact JWS following Open Badges 3.0 §8.2 "JSON Web Token Proof
// Format" (VC-JWT), with key's algorithm: EdDSA for Ed25519 keys, RS256 (which every Open Badges
// verifier must support) for RSA keys.
//
// The JOSE header (§8.2.3) is {alg, kid, typ:"JWT"} and nothing else, as that section forbids
// other headers. kid is KeyURL(issuer.id, key.ID): a URL that returns the key as a JWK.
//
// The payload (§8.2.4.1) is the credential itself with iss = issuer.id, jti = id,
// nbf = validFrom, sub = credentialSubject.id, exp = validUntil when there is one, and iat. iat
// is set to validFrom rather than the signing time so that signing is a pure function of the
// credential and the key: the same certificate served twice gives the same token. The payload is
// not wrapped in a "vc" claim: that is the VC data model 1.1 form, which §8.2.6 names only as
// something verifiers should still accept.
func SignVCJWT(cred Credential, key keys.Key) (string, error) {
	method, err := signingMethod(key)
	if err != nil {
		return "", err
	}
	if cred.ID == "" || cred.Issuer.ID == "" || cred.ValidFrom.IsZero() {
		return "", errors.New("certificates: credential needs id, issuer.id and validFrom to be signed")
	}
	// NumericDate has whole seconds, and §8.2.6.1 wants nbf to equal validFrom exactly.
	cred.ValidFrom = cred.ValidFrom.UTC().Truncate(time.Second)
	claims := vcClaims{
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    cred.Issuer.ID,
			ID:        cred.ID,
			Subject:   cred.CredentialSubject.ID,
			NotBefore: jwt.NewNumericDate(cred.ValidFrom),
			IssuedAt:  jwt.NewNumericDate(cred.ValidFrom),
		},
	}
	if cred.ValidUntil != nil {
		until := cred.ValidUntil.UTC().Truncate(time.Second)
		cred.ValidUntil = &until
		claims.ExpiresAt = jwt.NewNumericDate(until)
	}
	claims.Credential = cred
	tok := jwt.NewWithClaims(method, claims)
	tok.Header["kid"] = KeyURL(cred.Issuer.ID, key.ID)
	return tok.SignedString(key.Private)
}

func signingMethod(key keys.Key) (jwt.SigningMethod, error) {
	if key.Private == nil {
		return nil, errors.New("certificates: signing key has no private half")
	}
	switch key.Algorithm {
	case keys.EdDSA:
		if _, ok := key.Private.Public().(ed25519.PublicKey); ok {
			return jwt.SigningMethodEdDSA, nil
		}
	case keys.RS256:
		if _, ok := key.Private.(*rsa.PrivateKey); ok {
			return jwt.SigningMethodRS256, nil
		}
	default:
		return nil, fmt.Errorf("certificates: cannot sign with algorithm %q", key.Algorithm)
	}
	return nil, fmt.Errorf("certificates: key %s is not a %s key", key.ID, key.Algorithm)
}

// VerifyVCJWT checks a VC-JWT made by SignVCJWT and returns its credential. jwks must be the
// published keys of the issuer the caller expects (looked up from its own records, never from
// the token). It follows Open Badges 3.0 §8.2.6 "Verify a Credential" and §8.2.6.1: only EdDSA
// and RS256 are accepted; the key is found by kid (the whole kid, or the key id that ends it)
// and must be published for the token's algorithm; iss, jti, sub, nbf and exp must match the
// credential's issuer.id, id, credentialSubject.id, validFrom and validUntil; and the credential
// must be within its validity. Revocation is not checked here: that is the status list's job.
func VerifyVCJWT(token string, jwks keys.JWKS) (*Credential, error) {
	var claims vcClaims
	_, err := jwt.ParseWithClaims(token, &claims, func(t *jwt.Token) (any, error) {
		if typ, ok := t.Header["typ"]; ok && typ != "JWT" {
			return nil, fmt.Errorf("typ %v is not JWT", typ)
		}
		kid, _ := t.Header["kid"].(string)
		jwk, ok := findKey(jwks, kid)
		if !ok {
			return nil, fmt.Errorf("no published key for kid %q", kid)
		}
		if jwk.Alg != t.Method.Alg() {
			return nil, fmt.Errorf("key %s is published for %s, not %s", jwk.Kid, jwk.Alg, t.Method.Alg())
		}
		return publicKey(jwk)
	}, jwt.WithValidMethods([]string{keys.EdDSA, keys.RS256}), jwt.WithoutClaimsValidation())
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalid, err)
	}
	c := claims.Credential
	reg := claims.RegisteredClaims
	var problem string
	switch {
	case len(c.Context) == 0 || c.Context[0] != ContextVC || !slices.Contains(c.Type, "VerifiableCredential"):
		problem = "not a verifiable credential"
	case reg.Issuer == "" || reg.Issuer != c.Issuer.ID:
		problem = "iss does not match issuer.id"
	case reg.ID == "" || reg.ID != c.ID:
		problem = "jti does not match id"
	case c.CredentialSubject.ID != "" && reg.Subject != c.CredentialSubject.ID:
		problem = "sub does not match credentialSubject.id"
	case reg.NotBefore == nil || !reg.NotBefore.Equal(c.ValidFrom):
		problem = "nbf does not match validFrom"
	case (reg.ExpiresAt == nil) != (c.ValidUntil == nil):
		problem = "exp and validUntil disagree"
	case reg.ExpiresAt != nil && !reg.ExpiresAt.Equal(*c.ValidUntil):
		problem = "exp does not match validUntil"
	}
	if problem != "" {
		return nil, fmt.Errorf("%w: %s", ErrInvalid, problem)
	}
	now := time.Now()
	if now.Add(clockSkew).Before(c.ValidFrom) {
		return nil, ErrNotYetValid
	}
	if c.ValidUntil != nil && !now.Before(*c.ValidUntil) {
		return nil, ErrExpired
	}
	return &c, nil
}

func findKey(set keys.JWKS, kid string) (keys.JWK, bool) {
	if kid == "" {
		return keys.JWK{}, false
	}
	// A kid is a key URL (…/keys/ID) or, in credentials from before those, a JWKS URL with the
	// key's id as fragment (…/jwks.json#ID); a set may name its keys by either or by bare id.
	id := kid[strings.LastIndexAny(kid, "/#")+1:]
	for _, k := range set.Keys {
		if k.Kid == kid || k.Kid == id {
			return k, true
		}
	}
	return keys.JWK{}, false
}

// publicKey rebuilds the public key of a published JWK: an Ed25519 key (RFC 8037 OKP) or an RSA
// key of at least 2048 bits (RFC 7518 §6.3).
func publicKey(k keys.JWK) (any, error) {
	b64 := base64.RawURLEncoding
	switch k.Kty {
	case "OKP":
		x, err := b64.DecodeString(k.X)
		if err != nil || k.Crv != "Ed25519" || len(x) != ed25519.PublicKeySize {
			return nil, fmt.Errorf("key %s is not an Ed25519 key", k.Kid)
		}
		return ed25519.PublicKey(x), nil
	case "RSA":
		n, errN := b64.DecodeString(k.N)
		e, errE := b64.DecodeString(k.E)
		if errN != nil || errE != nil || len(e) == 0 || len(e) > 4 {
			return nil, fmt.Errorf("key %s is not an RSA key", k.Kid)
		}
		pub := &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		if pub.N.BitLen() < 2048 || pub.E < 3 {
			return nil, fmt.Errorf("key %s is too weak", k.Kid)
		}
		return pub, nil
	}
	return nil, fmt.Errorf("key %s has unsupported type %q", k.Kid, k.Kty)
}
