// Package certificates holds the pure parts of certificate issuance: serials, the Open Badges 3.0
// credential, its VC-JWT signature, the Bitstring Status List that publishes revocations, and the
// PDF. It knows nothing of HTTP or storage; the caller loads the rows and keys and serves the
// results.
package certificates

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// JSON-LD contexts. Open Badges 3.0 §B.1.2 (AchievementCredential) requires exactly these two
// first, in this order.
const (
	// ContextVC is the W3C Verifiable Credentials Data Model 2.0 context, always first.
	ContextVC = "https://www.w3.org/ns/credentials/v2"
	// ContextOB is the Open Badges 3.0 context, second in an OpenBadgeCredential.
	ContextOB = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
)

// Credential is a W3C Verifiable Credential (data model 2.0) in the two shapes Tandem issues: an
// Open Badges 3.0 OpenBadgeCredential (§B.1.2) and a BitstringStatusListCredential (Bitstring
// Status List §2.2). Fields unused by one shape are left empty and omitted from the JSON.
type Credential struct {
	Context           []string   `json:"@context"`
	ID                string     `json:"id"`
	Type              []string   `json:"type"`
	Issuer            Profile    `json:"issuer"`
	Name              string     `json:"name,omitempty"`
	Description       string     `json:"description,omitempty"`
	ValidFrom         time.Time  `json:"validFrom"`
	ValidUntil        *time.Time `json:"validUntil,omitempty"`
	AwardedDate       *time.Time `json:"awardedDate,omitempty"`
	CredentialSubject Subject    `json:"credentialSubject"`
	CredentialStatus  *Status    `json:"credentialStatus,omitempty"`
}

// Profile is the issuer of a credential (Open Badges 3.0 §B.1.14 Profile): the society.
type Profile struct {
	ID   string   `json:"id"`
	Type []string `json:"type,omitempty"`
	Name string   `json:"name,omitempty"`
	URL  string   `json:"url,omitempty"`
}

// Subject is the credentialSubject: an AchievementSubject (Open Badges 3.0 §B.1.3) for a
// certificate, or a BitstringStatusList (Bitstring Status List §2.2) for a status list.
type Subject struct {
	ID            string       `json:"id,omitempty"`
	Type          []string     `json:"type"`
	Name          string       `json:"name,omitempty"`
	CreditsEarned float64      `json:"creditsEarned,omitempty"`
	Achievement   *Achievement `json:"achievement,omitempty"`
	StatusPurpose string       `json:"statusPurpose,omitempty"`
	EncodedList   string       `json:"encodedList,omitempty"`
}

// Achievement is what the certificate recognises: the programme (Open Badges 3.0 §B.1.1).
type Achievement struct {
	ID               string   `json:"id"`
	Type             []string `json:"type"`
	Name             string   `json:"name"`
	Description      string   `json:"description"`
	Criteria         Criteria `json:"criteria"`
	AchievementType  string   `json:"achievementType,omitempty"`
	CreditsAvailable float64  `json:"creditsAvailable,omitempty"`
}

// Criteria says how the achievement is earned (Open Badges 3.0 §B.1.6).
type Criteria struct {
	Narrative string `json:"narrative"`
}

// Status is a credentialStatus entry of type BitstringStatusListEntry (Bitstring Status List
// §2.1). Its index is a base-10 string, as that section requires.
type Status struct {
	ID                   string `json:"id"`
	Type                 string `json:"type"`
	StatusPurpose        string `json:"statusPurpose"`
	StatusListIndex      string `json:"statusListIndex"`
	StatusListCredential string `json:"statusListCredential"`
}

// statusListType is written as a plain string: Bitstring Status List §2.2 says the subject's
// type "MUST be BitstringStatusList" and common verifiers compare it as a string, while the
// Open Badges JSON Schema wants arrays.
const statusListType = "BitstringStatusList"

// MarshalJSON writes the subject, with a lone BitstringStatusList type as a string.
func (s Subject) MarshalJSON() ([]byte, error) {
	type plain Subject
	if len(s.Type) == 1 && s.Type[0] == statusListType {
		return json.Marshal(struct {
			plain
			Type string `json:"type"`
		}{plain(s), statusListType})
	}
	return json.Marshal(plain(s))
}

// UnmarshalJSON reads a subject whose type is a string or an array of strings.
func (s *Subject) UnmarshalJSON(b []byte) error {
	type plain Subject
	var v struct {
		plain
		Type json.RawMessage `json:"type"`
	}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*s = Subject(v.plain)
	s.Type = nil
	if len(v.Type) == 0 {
		return nil
	}
	var one string
	if err := json.Unmarshal(v.Type, &one); err == nil {
		s.Type = []string{one}
		return nil
	}
	return json.Unmarshal(v.Type, &s.Type)
}

// Issue is what a certificate says, frozen when it is issued. IssuerID, HolderID and ProgrammeID
// are Tandem's ids; the URLs in the credential are built from them and BaseURL.
type Issue struct {
	Serial               string
	BaseURL              string // e.g. "https://tandem.example.org", no trailing slash needed
	IssuerID             string
	IssuerName           string
	IssuerURL            string // the society's own web site, optional
	HolderID             string
	HolderName           string
	ProgrammeID          string
	ProgrammeTitle       string
	ProgrammeDescription string
	Criteria             string // what the holder did, in words (Markdown allowed)
	Credits              float64
	CreditUnit           string // e.g. "CME hours"
	IssuedAt             time.Time
	ExpiresAt            *time.Time
	StatusListID         string // which of the issuer's status lists holds StatusIndex
	StatusIndex          int
}

// URLs of the public resources a credential points to. They follow API.md; the issuer profile,
// programme and status list routes are for the router to add.

// CredentialURL is the credential's id: where its VC-JWT is served.
func CredentialURL(baseURL, serial string) string {
	return trimBase(baseURL) + "/api/v1/certificates/" + serial + "/credential"
}

// ProfileURL is the id of a society's issuer Profile (not its web site, which is Issue.IssuerURL).
func ProfileURL(baseURL, issuerID string) string {
	return trimBase(baseURL) + "/api/v1/issuers/" + issuerID
}

// AchievementURL is the id of a programme's Achievement.
func AchievementURL(baseURL, programmeID string) string {
	return trimBase(baseURL) + "/api/v1/programmes/" + programmeID
}

// StatusListURL is where an issuer's status list credential is served, as a VC-JWT.
func StatusListURL(baseURL, issuerID, listID string) string {
	return ProfileURL(baseURL, issuerID) + "/status/" + listID
}

// KeyURL is the kid of a signing key: its entry in the issuer's JWKS (GET /issuers/:id/jwks.json),
// selected by the fragment. Open Badges 3.0 §8.2.3 asks for a kid that is a URI dereferencing to
// the JWK.
func KeyURL(profileURL, keyID string) string {
	return profileURL + "/jwks.json#" + keyID
}

// HolderURN identifies a learner in credentials without revealing anything about them.
func HolderURN(userID string) string {
	return "urn:tandem:learner:" + userID
}

func trimBase(baseURL string) string {
	return strings.TrimRight(baseURL, "/")
}

// NewCredential builds the OpenBadgeCredential for an issued certificate. The same Issue always
// gives the same credential, so it can be rebuilt from the stored row whenever it is served.
func NewCredential(in Issue) (Credential, error) {
	if err := in.validate(); err != nil {
		return Credential{}, err
	}
	issued := in.IssuedAt.UTC().Truncate(time.Second)
	listURL := StatusListURL(in.BaseURL, in.IssuerID, in.StatusListID)
	index := strconv.Itoa(in.StatusIndex)
	c := Credential{
		Context: []string{ContextVC, ContextOB},
		ID:      CredentialURL(in.BaseURL, in.Serial),
		Type:    []string{"VerifiableCredential", "OpenBadgeCredential"},
		Issuer: Profile{
			ID:   ProfileURL(in.BaseURL, in.IssuerID),
			Type: []string{"Profile"},
			Name: in.IssuerName,
			URL:  in.IssuerURL,
		},
		Name:        in.ProgrammeTitle,
		ValidFrom:   issued,
		AwardedDate: &issued,
		CredentialSubject: Subject{
			ID:   HolderURN(in.HolderID),
			Type: []string{"AchievementSubject"},
			Name: in.HolderName,
			Achievement: &Achievement{
				ID:              AchievementURL(in.BaseURL, in.ProgrammeID),
				Type:            []string{"Achievement"},
				Name:            in.ProgrammeTitle,
				Description:     in.ProgrammeDescription,
				Criteria:        Criteria{Narrative: in.Criteria},
				AchievementType: "Certificate",
			},
		},
		CredentialStatus: &Status{
			// §2.1: the entry's id must not be the list's URL; the fragment makes it the entry's.
			ID:                   listURL + "#" + index,
			Type:                 "BitstringStatusListEntry",
			StatusPurpose:        "revocation",
			StatusListIndex:      index,
			StatusListCredential: listURL,
		},
	}
	if in.ExpiresAt != nil {
		until := in.ExpiresAt.UTC().Truncate(time.Second)
		c.ValidUntil = &until
	}
	if in.Credits > 0 {
		// Open Badges has no field for the unit, so it goes in the credential's description.
		c.CredentialSubject.Achievement.CreditsAvailable = in.Credits
		c.CredentialSubject.CreditsEarned = in.Credits
		c.Description = CreditsText(in.Credits, in.CreditUnit)
	}
	return c, nil
}

// CreditsText writes credits with their unit, e.g. "6 CME hours" or "1.5 ECTS".
func CreditsText(credits float64, unit string) string {
	return strings.TrimSpace(strconv.FormatFloat(credits, 'f', -1, 64) + " " + unit)
}

func (in Issue) validate() error {
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"Serial", in.Serial}, {"BaseURL", in.BaseURL}, {"IssuerID", in.IssuerID},
		{"IssuerName", in.IssuerName}, {"HolderID", in.HolderID}, {"ProgrammeID", in.ProgrammeID},
		{"ProgrammeTitle", in.ProgrammeTitle}, {"ProgrammeDescription", in.ProgrammeDescription},
		{"Criteria", in.Criteria}, {"StatusListID", in.StatusListID},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if in.IssuedAt.IsZero() {
		missing = append(missing, "IssuedAt")
	}
	if len(missing) > 0 {
		return fmt.Errorf("certificates: issue lacks %s", strings.Join(missing, ", "))
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(in.IssuedAt) {
		return errors.New("certificates: expiry is not after issue")
	}
	if in.StatusIndex < 0 {
		return errors.New("certificates: negative status list index")
	}
	if in.Credits < 0 {
		return errors.New("certificates: negative credits")
	}
	return nil
}
