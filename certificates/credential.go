// Package certificates holds certificate issuance: serials, the Open Badges 3.0 credential and
// achievement, their VC-JWT signature, the Bitstring Status List and 1EdTech Revocation List that
// publish revocations, the achievement's image and the PDF. It knows nothing of HTTP: the
// handlers serve what it returns.
package certificates

import (
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

// Status methods a credential's credentialStatus can name.
const (
	// StatusRevocationList is the 1EdTech Revocation List Status Method, the one Open Badges 3.0
	// §9.1 and its verification algorithm name.
	StatusRevocationList = "1EdTechRevocationList"
	// StatusBitstring is the W3C Bitstring Status List.
	StatusBitstring = "BitstringStatusListEntry"
)

// SchemaOB is the official JSON Schema of an Open Badges 3.0 AchievementCredential, named in each
// credential's credentialSchema so that a verifier checks the credential against it.
const SchemaOB = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"

// Issue is what a certificate says, frozen when it is issued. IssuerID, HolderID and ProgrammeID
// are Tandem's ids; the URLs in the credential are built from them and BaseURL.
type Issue struct {
	Serial               string
	CredentialID         string // the credential's opaque id, a urn:uuid
	BaseURL              string // e.g. "https://tandem.example.org", no trailing slash needed
	IssuerID             string
	IssuerName           string
	IssuerURL            string // the society's own web site, optional
	HolderID             string
	HolderName           string // empty once the holder has erased their account
	IdentitySalt         string // with IdentityHash: the holder's email, salted and hashed at issue
	IdentityHash         string
	ProgrammeID          string
	ProgrammeTitle       string
	ProgrammeDescription string // optional; the criteria describe the achievement without it
	Criteria             string // what the holder did, in words (Markdown allowed)
	Credits              float64
	CreditUnit           string      // e.g. "CME hours"
	Alignments           []Alignment // the competencies the programme's modules teach
	IssuedAt             time.Time
	ExpiresAt            *time.Time
	StatusMethod         string // StatusRevocationList (the default when empty) or StatusBitstring
	StatusListID         string // which of the issuer's Bitstring status lists holds StatusIndex
	StatusIndex          int
	// Language is the language ProgrammeTitle and ProgrammeDescription are written in (English
	// when empty); Editions are the programme's languages, each with its own achievement id.
	Language string
	Editions []string
}

// NewCredential builds the OpenBadgeCredential for an issued certificate. The same Issue always
// gives the same credential, so it can be rebuilt from the stored row whenever it is served.
func NewCredential(in Issue) (Credential, error) {
	if err := in.validate(); err != nil {
		return Credential{}, err
	}
	issued := in.IssuedAt.UTC().Truncate(time.Second)
	c := Credential{
		Context:     []string{ContextVC, ContextOB},
		ID:          in.CredentialID,
		Type:        []string{"VerifiableCredential", "OpenBadgeCredential"},
		Issuer:      in.issuer(),
		Name:        in.ProgrammeTitle,
		ValidFrom:   issued,
		AwardedDate: &issued,
		CredentialSubject: Subject{
			ID:          HolderURN(in.HolderID),
			Type:        []string{"AchievementSubject"},
			Name:        in.HolderName,
			Identifier:  in.identity(),
			Achievement: NewAchievement(in),
		},
		CredentialSchema: []Schema{{ID: SchemaOB, Type: "1EdTechJsonSchemaValidator2019"}},
		CredentialStatus: in.status(),
	}
	if in.ExpiresAt != nil {
		until := in.ExpiresAt.UTC().Truncate(time.Second)
		c.ValidUntil = &until
	}
	if in.Credits > 0 {
		// Open Badges has no field for the unit, so it goes in the credential's description.
		c.CredentialSubject.CreditsEarned = in.Credits
		c.Description = CreditsText(in.Credits, in.CreditUnit)
	}
	return c, nil
}

func (in Issue) issuer() Profile {
	return Profile{ID: ProfileURL(in.BaseURL, in.IssuerID), Type: []string{"Profile"}, Name: in.IssuerName, URL: in.IssuerURL}
}

// identity is the holder's IdentityObject, when one was recorded at issue.
func (in Issue) identity() []Identity {
	if in.IdentityHash == "" {
		return nil
	}
	return []Identity{{Type: "IdentityObject", IdentityHash: in.IdentityHash, IdentityType: "emailAddress", Hashed: true, Salt: in.IdentitySalt}}
}

// status is the credentialStatus entry. Open Badges 3.0 allows one (credentialStatus 0..1), so
// the credential names one method and the issuer publishes both lists.
func (in Issue) status() *Status {
	if in.StatusMethod == StatusBitstring {
		listURL := StatusListURL(in.BaseURL, in.IssuerID, in.StatusListID)
		index := strconv.Itoa(in.StatusIndex)
		// §2.1: the entry's id must not be the list's URL; the fragment makes it the entry's.
		return &Status{ID: listURL + "#" + index, Type: StatusBitstring, StatusPurpose: "revocation",
			StatusListIndex: index, StatusListCredential: listURL}
	}
	return &Status{ID: RevocationListURL(in.BaseURL, in.IssuerID), Type: StatusRevocationList}
}

// CreditsText writes credits with their unit, e.g. "6 CME hours" or "1.5 ECTS".
func CreditsText(credits float64, unit string) string {
	return strings.TrimSpace(strconv.FormatFloat(credits, 'f', -1, 64) + " " + unit)
}

func (in Issue) validate() error {
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"Serial", in.Serial}, {"CredentialID", in.CredentialID}, {"BaseURL", in.BaseURL},
		{"IssuerID", in.IssuerID}, {"IssuerName", in.IssuerName}, {"HolderID", in.HolderID},
		{"ProgrammeID", in.ProgrammeID}, {"ProgrammeTitle", in.ProgrammeTitle},
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
	if in.StatusMethod != "" && in.StatusMethod != StatusRevocationList && in.StatusMethod != StatusBitstring {
		return fmt.Errorf("certificates: unknown status method %q", in.StatusMethod)
	}
	if in.StatusIndex < 0 {
		return errors.New("certificates: negative status list index")
	}
	if in.Credits < 0 {
		return errors.New("certificates: negative credits")
	}
	return nil
}
