package cohorts

import (
	"testing"
	"time"
)

func TestExerciseRules(t *testing.T) {
	open := exerciseRules{}
	chosen := exerciseRules{chosen: true, due: map[string]string{"spec": "2027-03-31", "audit": ""}}
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name     string
		rules    exerciseRules
		exercise string
		sent     time.Time
		open     bool
		late     bool
	}{
		{"nothing chosen: every exercise open, none late", open, "anything", at("2030-01-01T00:00:00Z"), true, false},
		{"chosen, on the due day", chosen, "spec", at("2027-03-31T23:59:59Z"), true, false},
		{"chosen, the day after", chosen, "spec", at("2027-04-01T00:00:00Z"), true, true},
		{"chosen, no due date", chosen, "audit", at("2030-01-01T00:00:00Z"), true, false},
		{"not chosen", chosen, "other", at("2027-01-01T00:00:00Z"), false, false},
		// In Auckland (UTC+13 in March) the due day ends at 11:00 UTC.
		{"Auckland, before midnight there", inAuckland(t, chosen), "spec", at("2027-03-31T10:59:59Z"), true, false},
		{"Auckland, after midnight there", inAuckland(t, chosen), "spec", at("2027-03-31T11:00:00Z"), true, true},
	}
	for _, tc := range tests {
		if got := tc.rules.open(tc.exercise); got != tc.open {
			t.Errorf("%s: open %v, want %v", tc.name, got, tc.open)
		}
		if got := tc.rules.late(tc.exercise, tc.sent); got != tc.late {
			t.Errorf("%s: late %v, want %v", tc.name, got, tc.late)
		}
	}
}

func inAuckland(t *testing.T, r exerciseRules) exerciseRules {
	zone, err := time.LoadLocation("Pacific/Auckland")
	if err != nil {
		t.Fatal(err)
	}
	r.zone = zone
	return r
}
