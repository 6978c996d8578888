package certificates

import (
	"encoding/json"
	"time"
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
	CredentialSchema  []Schema   `json:"credentialSchema,omitempty"`
	CredentialStatus  *Status    `json:"credentialStatus,omitempty"`
}

// Schema is a credentialSchema entry (Open Badges 3.0 §B.2.3): the JSON Schema a verifier checks
// the credential against.
type Schema struct {
	ID   string `json:"id"`
	Type string `json:"type"`
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
	Identifier    []Identity   `json:"identifier,omitempty"`
	Achievement   *Achievement `json:"achievement,omitempty"`
	StatusPurpose string       `json:"statusPurpose,omitempty"`
	EncodedList   string       `json:"encodedList,omitempty"`
	TTL           int64        `json:"ttl,omitempty"` // milliseconds a status list may be cached
}

// Identity is an Open Badges 3.0 IdentityObject (§B.1.12): the holder's email, salted and
// hashed, so that whoever knows the email can check it without the credential revealing it.
type Identity struct {
	Type         string `json:"type"`
	IdentityHash string `json:"identityHash"`
	IdentityType string `json:"identityType"`
	Hashed       bool   `json:"hashed"`
	Salt         string `json:"salt,omitempty"`
}

// Achievement is what the certificate recognises: the programme (Open Badges 3.0 §B.1.1).
type Achievement struct {
	ID               string      `json:"id"`
	Type             []string    `json:"type"`
	Name             string      `json:"name"`
	Description      string      `json:"description"`
	Criteria         Criteria    `json:"criteria"`
	AchievementType  string      `json:"achievementType,omitempty"`
	CreditsAvailable float64     `json:"creditsAvailable,omitempty"`
	Image            *Image      `json:"image,omitempty"`
	Creator          *Profile    `json:"creator,omitempty"`
	Alignment        []Alignment `json:"alignment,omitempty"`
	InLanguage       string      `json:"inLanguage,omitempty"`
	Related          []Related   `json:"related,omitempty"`
}

// Related names the same achievement in another language (Open Badges 3.0 §B.1.18 Related:
// "alternate language editions or previous versions of Achievements"); its id serves that
// edition.
type Related struct {
	ID         string   `json:"id"`
	Type       []string `json:"type"`
	InLanguage string   `json:"inLanguage,omitempty"`
}

// Alignment ties an achievement to a node of a published framework (Open Badges 3.0 §B.1.4):
// here a competency domain that the programme's modules teach.
type Alignment struct {
	Type              []string `json:"type"`
	TargetName        string   `json:"targetName"`
	TargetURL         string   `json:"targetUrl"`
	TargetDescription string   `json:"targetDescription,omitempty"`
	TargetFramework   string   `json:"targetFramework,omitempty"`
	TargetCode        string   `json:"targetCode,omitempty"`
	TargetType        string   `json:"targetType,omitempty"`
}

// Image is an image of an achievement (Open Badges 3.0 §B.1.13).
type Image struct {
	ID      string `json:"id"`
	Type    string `json:"type"`
	Caption string `json:"caption,omitempty"`
}

// Criteria says how the achievement is earned (Open Badges 3.0 §B.1.6).
type Criteria struct {
	Narrative string `json:"narrative"`
}

// Status is a credentialStatus entry: a 1EdTechRevocationList (1EdTech Revocation List Status
// Method), whose id is the list's URL and which has nothing else, or a BitstringStatusListEntry
// (Bitstring Status List §2.1), whose index is a base-10 string as that section requires.
type Status struct {
	ID                   string `json:"id"`
	Type                 string `json:"type"`
	StatusPurpose        string `json:"statusPurpose,omitempty"`
	StatusListIndex      string `json:"statusListIndex,omitempty"`
	StatusListCredential string `json:"statusListCredential,omitempty"`
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
