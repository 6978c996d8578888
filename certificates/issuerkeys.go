package certificates

import (
	"context"

	"tandem/errs"
	"tandem/keys"
)

// Every society signs with a key of each algorithm, made on first use (the JWKS, a credential
// or a status list asking for it) and rotated together.
var issuerAlgorithms = []string{keys.RS256, keys.EdDSA}

// issuerPurpose names the keyring purpose of a society's keys for an algorithm.
func issuerPurpose(orgID, alg string) string { return "issuer:" + orgID + ":" + alg }

// issuerKeys returns a society's keys of both algorithms, current and retired, creating the
// current ones if the society has none yet.
func (s *Service) issuerKeys(ctx context.Context, orgID string) ([]keys.Key, error) {
	var all []keys.Key
	for _, alg := range issuerAlgorithms {
		if _, err := s.ring.Signing(ctx, issuerPurpose(orgID, alg), alg); err != nil {
			return nil, err
		}
		ks, err := s.ring.Keys(ctx, issuerPurpose(orgID, alg))
		if err != nil {
			return nil, err
		}
		all = append(all, ks...)
	}
	return all, nil
}

// IssuerJWKS publishes a society's public keys, current and retired, for both algorithms. Each
// kid is the key's URL, as the credentials' kid headers name it; a key that signed credentials
// when kids were fragments of this set's URL is listed under that kid too, so that credentials
// already held still find their key.
func (s *Service) IssuerJWKS(ctx context.Context, orgID string) (keys.JWKS, error) {
	o, err := s.issuer(ctx, orgID)
	if err != nil {
		return keys.JWKS{}, err
	}
	all, err := s.issuerKeys(ctx, o.ID)
	if err != nil {
		return keys.JWKS{}, err
	}
	profile := ProfileURL(s.baseURL, o.ID)
	set := keys.JWKS{Keys: []keys.JWK{}}
	var aliases []keys.JWK
	for _, k := range all {
		for _, jwk := range keys.PublicJWKS([]keys.Key{k}).Keys {
			if k.FragmentKid {
				alias := jwk
				alias.Kid = FragmentKeyURL(profile, k.ID)
				aliases = append(aliases, alias)
			}
			jwk.Kid = KeyURL(profile, k.ID)
			set.Keys = append(set.Keys, jwk)
		}
	}
	set.Keys = append(set.Keys, aliases...)
	return set, nil
}

// IssuerKey is one public key of a society as a JWK: what a credential's kid dereferences to.
func (s *Service) IssuerKey(ctx context.Context, orgID, keyID string) (keys.JWK, error) {
	o, err := s.issuer(ctx, orgID)
	if err != nil {
		return keys.JWK{}, err
	}
	all, err := s.issuerKeys(ctx, o.ID)
	if err != nil {
		return keys.JWK{}, err
	}
	for _, k := range all {
		for _, jwk := range keys.PublicJWKS([]keys.Key{k}).Keys {
			if k.ID == keyID {
				jwk.Kid = KeyURL(ProfileURL(s.baseURL, o.ID), k.ID)
				return jwk, nil
			}
		}
	}
	return keys.JWK{}, errs.NotFound("Key")
}

// RotateKeys makes new signing keys of both algorithms the society's current ones. Credentials
// served from now on carry the new kid; the old keys stay published.
func (s *Service) RotateKeys(ctx context.Context, caller Caller, orgID string) error {
	if _, err := s.organisation(ctx, caller, orgID); err != nil {
		return err
	}
	for _, alg := range issuerAlgorithms {
		if _, err := s.ring.Rotate(ctx, caller.ID, issuerPurpose(orgID, alg), alg); err != nil {
			return err
		}
	}
	return nil
}
