package certificates

import "strings"

// URLs of the public resources a credential points to; the router serves each of them.

// CredentialURL is where a certificate's VC-JWT is served. It was the credential's id before
// credentials got opaque ids, so credentials already held carry it as id.
func CredentialURL(baseURL, serial string) string {
	return trimBase(baseURL) + "/api/v1/certificates/" + serial + "/credential"
}

// ProfileURL is the id of a society's issuer Profile (not its web site, which is Issue.IssuerURL).
func ProfileURL(baseURL, issuerID string) string {
	return trimBase(baseURL) + "/api/v1/issuers/" + issuerID
}

// AchievementURL is the id of a programme's Achievement: its Open Badges Achievement document.
func AchievementURL(baseURL, programmeID string) string {
	return trimBase(baseURL) + "/api/v1/programmes/" + programmeID + "/achievement"
}

// AchievementImageURL is the programme's badge image (SVG).
func AchievementImageURL(baseURL, programmeID string) string {
	return trimBase(baseURL) + "/api/v1/programmes/" + programmeID + "/image"
}

// StatusListURL is where an issuer's Bitstring status list credential is served, as a VC-JWT.
func StatusListURL(baseURL, issuerID, listID string) string {
	return ProfileURL(baseURL, issuerID) + "/status/" + listID
}

// RevocationListURL is where an issuer's 1EdTech Revocation List is served.
func RevocationListURL(baseURL, issuerID string) string {
	return ProfileURL(baseURL, issuerID) + "/revocations"
}

// KeyURL is the kid of a signing key: a URL that returns that one public key as a JWK, as Open
// Badges 3.0 §8.2.3 asks of a kid.
func KeyURL(profileURL, keyID string) string {
	return profileURL + "/keys/" + keyID
}

// FragmentKeyURL is the kid Tandem wrote before kids became key URLs: the issuer's JWKS URL with
// the key's id as fragment. Credentials already held carry it, so the JWKS keeps it.
func FragmentKeyURL(profileURL, keyID string) string {
	return profileURL + "/jwks.json#" + keyID
}

// HolderURN identifies a learner in credentials without revealing anything about them.
func HolderURN(userID string) string {
	return "urn:tandem:learner:" + userID
}

func trimBase(baseURL string) string {
	return strings.TrimRight(baseURL, "/")
}
