package certificates

import (
	"encoding/json"
	"testing"
	"time"

	"tandem/courses"
)

// TestAchievementAlignments: the domains a programme's modules serve become Open Badges
// Alignments on the credential's achievement, in the framework's order, each once.
func TestAchievementAlignments(t *testing.T) {
	in := testIssue(time.Date(2026, 12, 5, 9, 0, 0, 0, time.UTC))
	in.Alignments = alignmentsOf(courses.Framework(), map[string]bool{"4": true, "1": true})
	c, err := NewCredential(in)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(c)
	var got struct {
		CredentialSubject struct {
			Achievement struct {
				Alignment []map[string]any `json:"alignment"`
			} `json:"achievement"`
		} `json:"credentialSubject"`
	}
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatal(err)
	}
	al := got.CredentialSubject.Achievement.Alignment
	if len(al) != 2 || al[0]["targetCode"] != "1" || al[1]["targetCode"] != "4" {
		t.Fatalf("alignment: %v", al)
	}
	a := al[0]
	if a["targetName"] != "Basic knowledge of AI" || a["targetUrl"] != "https://doi.org/10.1097/ACM.0000000000004963" ||
		a["targetType"] != "ceasn:Competency" || a["targetDescription"] != "Explain what AI is and describe its health care applications." ||
		a["targetFramework"] != "Competencies for the Use of Artificial Intelligence-Based Tools by Health Care Professionals" {
		t.Errorf("alignment 1: %v", a)
	}
	if types, _ := a["type"].([]any); len(types) != 1 || types[0] != "Alignment" {
		t.Errorf("type %v", a["type"])
	}
	if none := alignmentsOf(courses.Framework(), nil); none != nil {
		t.Errorf("no competencies: %v, want none (the field left out)", none)
	}
}
