package certificates

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func testIssue(issued time.Time) Issue {
	expires := issued.AddDate(3, 0, 0)
	return Issue{
		Serial:               "TND-7KQ2-M9XD-4RHF",
		CredentialID:         "urn:uuid:0f5e8d2c-3b4a-4c1d-9e7f-6a5b4c3d2e1f",
		BaseURL:              "https://tandem.example.org/",
		IssuerID:             "org1",
		IssuerName:           "European Society of Anaesthesiology",
		IssuerURL:            "https://society.example.org",
		HolderID:             "user42",
		HolderName:           "Zoë Müller-Łukasz",
		IdentitySalt:         "Kosher",
		IdentityHash:         EmailHash("zoe@example.org", "Kosher"),
		ProgrammeID:          "prog7",
		ProgrammeTitle:       "AI Literacy for Anaesthesiologists",
		ProgrammeDescription: "The basics of machine learning for perioperative medicine.",
		Criteria:             "Completed the clinician tracks with at least 80% in their quizzes.",
		Credits:              6,
		CreditUnit:           "CME hours",
		IssuedAt:             issued,
		ExpiresAt:            &expires,
		StatusListID:         "1",
		StatusIndex:          94567,
	}
}

func TestNewCredentialJSON(t *testing.T) {
	issued := time.Date(2026, 3, 4, 10, 11, 12, 999, time.FixedZone("CET", 3600))
	c, err := NewCredential(testIssue(issued))
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{
		"@context":    []any{"https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"},
		"id":          "urn:uuid:0f5e8d2c-3b4a-4c1d-9e7f-6a5b4c3d2e1f",
		"type":        []any{"VerifiableCredential", "OpenBadgeCredential"},
		"name":        "AI Literacy for Anaesthesiologists",
		"description": "6 CME hours",
		"validFrom":   "2026-03-04T09:11:12Z",
		"validUntil":  "2029-03-04T09:11:12Z",
		"awardedDate": "2026-03-04T09:11:12Z",
		"issuer": map[string]any{
			"id": "https://tandem.example.org/api/v1/issuers/org1", "type": []any{"Profile"},
			"name": "European Society of Anaesthesiology", "url": "https://society.example.org",
		},
		"credentialSubject": map[string]any{
			"id":            "urn:tandem:learner:user42",
			"type":          []any{"AchievementSubject"},
			"name":          "Zoë Müller-Łukasz",
			"creditsEarned": 6.0,
			"identifier": []any{map[string]any{
				"type": "IdentityObject", "identityHash": EmailHash("zoe@example.org", "Kosher"),
				"identityType": "emailAddress", "hashed": true, "salt": "Kosher",
			}},
			"achievement": map[string]any{
				"id":               "https://tandem.example.org/api/v1/programmes/prog7/achievement",
				"type":             []any{"Achievement"},
				"name":             "AI Literacy for Anaesthesiologists",
				"description":      "The basics of machine learning for perioperative medicine.",
				"criteria":         map[string]any{"narrative": "Completed the clinician tracks with at least 80% in their quizzes."},
				"achievementType":  "Certificate",
				"creditsAvailable": 6.0,
				"inLanguage":       "en",
				"image": map[string]any{
					"id": "https://tandem.example.org/api/v1/programmes/prog7/image", "type": "Image",
					"caption": "AI Literacy for Anaesthesiologists — European Society of Anaesthesiology",
				},
				"creator": map[string]any{
					"id": "https://tandem.example.org/api/v1/issuers/org1", "type": []any{"Profile"},
					"name": "European Society of Anaesthesiology", "url": "https://society.example.org",
				},
			},
		},
		"credentialSchema": []any{map[string]any{
			"id":   "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
			"type": "1EdTechJsonSchemaValidator2019",
		}},
		"credentialStatus": map[string]any{
			"id":   "https://tandem.example.org/api/v1/issuers/org1/revocations",
			"type": "1EdTechRevocationList",
		},
	}
	gotJSON, _ := json.MarshalIndent(got, "", "  ")
	wantJSON, _ := json.MarshalIndent(want, "", "  ")
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("credential JSON:\n%s\nwant:\n%s", gotJSON, wantJSON)
	}
}

// A credential in French names the French edition of the achievement, with its own id and
// language, and the other editions as related achievements (Open Badges 3.0 §B.1.18).
func TestCredentialInAnotherLanguageRelatesTheOtherEditions(t *testing.T) {
	in := testIssue(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	in.ProgrammeTitle, in.ProgrammeDescription = "Littératie en IA pour anesthésistes", "Les bases de l’apprentissage automatique en médecine périopératoire."
	in.Language, in.Editions = "fr", []string{"en", "de", "fr"}
	c, err := NewCredential(in)
	if err != nil {
		t.Fatal(err)
	}
	a := c.CredentialSubject.Achievement
	base := "https://tandem.example.org/api/v1/programmes/prog7/achievement"
	if a.ID != base+"?lang=fr" || a.InLanguage != "fr" || a.Name != in.ProgrammeTitle || c.Name != in.ProgrammeTitle {
		t.Errorf("achievement %+v", a)
	}
	want := []Related{{ID: base, Type: []string{"Related"}, InLanguage: "en"}, {ID: base + "?lang=de", Type: []string{"Related"}, InLanguage: "de"}}
	if got, _ := json.Marshal(a.Related); string(got) != string(must(json.Marshal(want))) {
		t.Errorf("related %s", got)
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// The sha256 example of Open Badges 3.0 §B.1.12 IdentityObject: 'a@example.com' salted with
// 'Kosher'.
func TestEmailHashMatchesTheStandardsExample(t *testing.T) {
	if got := EmailHash(" A@example.com", "Kosher"); got != "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399" {
		t.Errorf("hash %s", got)
	}
	salt1, hash1 := HashEmail("a@example.com")
	salt2, hash2 := HashEmail("a@example.com")
	if salt1 == salt2 || hash1 == hash2 || len(salt1) != 32 {
		t.Errorf("two issues share a salt or hash: %s %s", salt1, salt2)
	}
	if id := NewCredentialID(); !strings.HasPrefix(id, "urn:uuid:") || len(id) != 45 || id[23] != '4' {
		t.Errorf("credential id %s", id)
	}
}

// A holder who erased their account: no name, the identity and everything else as issued; the
// Bitstring entry on request.
func TestNewCredentialOfErasedHolder(t *testing.T) {
	in := testIssue(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	in.HolderName, in.StatusMethod = "", StatusBitstring
	c, err := NewCredential(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c.CredentialSubject)
	if strings.Contains(string(b), `"name":"Zoë`) || !strings.Contains(string(b), in.IdentityHash) {
		t.Errorf("subject %s", b)
	}
	if st := c.CredentialStatus; st.Type != StatusBitstring || st.StatusListIndex != "94567" || st.StatusPurpose != "revocation" {
		t.Errorf("status %+v", st)
	}
	in.StatusMethod = "StatusList2021Entry"
	if _, err := NewCredential(in); err == nil {
		t.Error("an unknown status method was accepted")
	}
}

func TestNewCredentialOptionalParts(t *testing.T) {
	in := testIssue(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	in.ExpiresAt, in.Credits, in.CreditUnit, in.IssuerURL, in.IdentityHash = nil, 0, "", "", ""
	in.ProgrammeDescription = ""
	c, err := NewCredential(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	for _, absent := range []string{"validUntil", "creditsAvailable", "creditsEarned", `"description":"6`, `"url"`, "encodedList", "identifier"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("credential has %s: %s", absent, b)
		}
	}
	// Open Badges requires an achievement description: without the programme's, the criteria.
	if d := c.CredentialSubject.Achievement.Description; d != in.Criteria {
		t.Errorf("achievement description %q", d)
	}
}

func TestNewCredentialRejects(t *testing.T) {
	issued := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	before := issued.Add(-time.Hour)
	for name, change := range map[string]func(*Issue){
		"no serial":        func(in *Issue) { in.Serial = "" },
		"no credential id": func(in *Issue) { in.CredentialID = "" },
		"no holder":        func(in *Issue) { in.HolderID = " " },
		"no criteria":      func(in *Issue) { in.Criteria = "" },
		"no issue time":    func(in *Issue) { in.IssuedAt = time.Time{} },
		"no status list":   func(in *Issue) { in.StatusListID = "" },
		"expires first":    func(in *Issue) { in.ExpiresAt = &before },
		"negative index":   func(in *Issue) { in.StatusIndex = -1 },
		"negative credits": func(in *Issue) { in.Credits = -1 },
	} {
		in := testIssue(issued)
		change(&in)
		if _, err := NewCredential(in); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

func TestSubjectTypeJSON(t *testing.T) {
	list, _ := json.Marshal(Subject{Type: []string{"BitstringStatusList"}, StatusPurpose: "revocation"})
	if !strings.Contains(string(list), `"type":"BitstringStatusList"`) {
		t.Errorf("status list subject type is not a plain string: %s", list)
	}
	var s Subject
	if err := json.Unmarshal(list, &s); err != nil || len(s.Type) != 1 || s.Type[0] != "BitstringStatusList" {
		t.Errorf("read back %+v, %v", s, err)
	}
	if err := json.Unmarshal([]byte(`{"type":["AchievementSubject","Extra"]}`), &s); err != nil || len(s.Type) != 2 {
		t.Errorf("array type read as %+v, %v", s, err)
	}
	if err := json.Unmarshal([]byte(`{"type":7}`), &s); err == nil {
		t.Error("a numeric type was accepted")
	}
}
