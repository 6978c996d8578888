package certificates

// RevocationList is an issuer's list in the 1EdTech Revocation List Status Method (VCRL 1.0),
// served at the id of its credentials' 1EdTechRevocationList credentialStatus: a verifier fetches
// it and finds the credential revoked when its id is listed with revoked true. It names only the
// credentials' opaque ids, never serials or reasons, so it tells nobody who was revoked.
type RevocationList struct {
	ID                string              `json:"id"`
	Issuer            string              `json:"issuer"`
	RevokedCredential []RevokedCredential `json:"revokedCredential"`
}

// RevokedCredential is one revoked credential of a RevocationList.
type RevokedCredential struct {
	ID      string `json:"id"`
	Revoked bool   `json:"revoked"`
}

// NewRevocationList lists the revoked credential ids of an issuer.
func NewRevocationList(baseURL, issuerID string, revoked []string) RevocationList {
	l := RevocationList{ID: RevocationListURL(baseURL, issuerID), Issuer: ProfileURL(baseURL, issuerID),
		RevokedCredential: make([]RevokedCredential, 0, len(revoked))}
	for _, id := range revoked {
		l.RevokedCredential = append(l.RevokedCredential, RevokedCredential{ID: id, Revoked: true})
	}
	return l
}
