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
		BaseURL:              "https://tandem.example.org/",
		IssuerID:             "org1",
		IssuerName:           "European Society of Anaesthesiology",
		IssuerURL:            "https://society.example.org",
		HolderID:             "user42",
		HolderName:           "Zoë Müller-Łukasz",
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
		"id":          "https://tandem.example.org/api/v1/certificates/TND-7KQ2-M9XD-4RHF/credential",
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
			"achievement": map[string]any{
				"id":               "https://tandem.example.org/api/v1/programmes/prog7",
				"type":             []any{"Achievement"},
				"name":             "AI Literacy for Anaesthesiologists",
				"description":      "The basics of machine learning for perioperative medicine.",
				"criteria":         map[string]any{"narrative": "Completed the clinician tracks with at least 80% in their quizzes."},
				"achievementType":  "Certificate",
				"creditsAvailable": 6.0,
			},
		},
		"credentialStatus": map[string]any{
			"id":                   "https://tandem.example.org/api/v1/issuers/org1/status/1#94567",
			"type":                 "BitstringStatusListEntry",
			"statusPurpose":        "revocation",
			"statusListIndex":      "94567",
			"statusListCredential": "https://tandem.example.org/api/v1/issuers/org1/status/1",
		},
	}
	gotJSON, _ := json.MarshalIndent(got, "", "  ")
	wantJSON, _ := json.MarshalIndent(want, "", "  ")
	if string(gotJSON) != string(wantJSON) {
		t.Errorf("credential JSON:\n%s\nwant:\n%s", gotJSON, wantJSON)
	}
}

func TestNewCredentialOptionalParts(t *testing.T) {
	in := testIssue(time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC))
	in.ExpiresAt, in.Credits, in.CreditUnit, in.IssuerURL = nil, 0, "", ""
	c, err := NewCredential(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	for _, absent := range []string{"validUntil", "creditsAvailable", "creditsEarned", `"description":"6`, `"url"`, "encodedList"} {
		if strings.Contains(string(b), absent) {
			t.Errorf("credential has %s: %s", absent, b)
		}
	}
}

func TestNewCredentialRejects(t *testing.T) {
	issued := time.Date(2026, 3, 4, 10, 0, 0, 0, time.UTC)
	before := issued.Add(-time.Hour)
	for name, change := range map[string]func(*Issue){
		"no serial":        func(in *Issue) { in.Serial = "" },
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
