package keys

import (
	"crypto/ed25519"
	"crypto/rsa"
	"encoding/base64"
	"math/big"
)

// JWK is one public key in JSON Web Key form (RFC 7517; OKP keys per RFC 8037).
type JWK struct {
	Kty string `json:"kty"`
	Kid string `json:"kid"`
	Use string `json:"use"`
	Alg string `json:"alg"`
	Crv string `json:"crv,omitempty"`
	X   string `json:"x,omitempty"`
	N   string `json:"n,omitempty"`
	E   string `json:"e,omitempty"`
}

// JWKS is a JSON Web Key Set.
type JWKS struct {
	Keys []JWK `json:"keys"`
}

// PublicJWKS returns the public halves of keys as a JWKS.
func PublicJWKS(keys []Key) JWKS {
	set := JWKS{Keys: []JWK{}}
	b64 := base64.RawURLEncoding
	for _, k := range keys {
		switch pub := k.Public.(type) {
		case ed25519.PublicKey:
			set.Keys = append(set.Keys, JWK{Kty: "OKP", Crv: "Ed25519", X: b64.EncodeToString(pub), Kid: k.ID, Use: "sig", Alg: "EdDSA"})
		case *rsa.PublicKey:
			set.Keys = append(set.Keys, JWK{Kty: "RSA", N: b64.EncodeToString(pub.N.Bytes()),
				E: b64.EncodeToString(big.NewInt(int64(pub.E)).Bytes()), Kid: k.ID, Use: "sig", Alg: "RS256"})
		}
	}
	return set
}
