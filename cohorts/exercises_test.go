package cohorts

import (
	"testing"
	"time"

	"tandem/models"
)

func TestExerciseRules(t *testing.T) {
	chosenRows := []models.CohortExercise{{ExerciseSlug: "spec", DueOn: "2027-03-31"}, {ExerciseSlug: "audit"}}
	open := newRules(&models.Cohort{TimeZone: "UTC"}, nil)
	chosen := newRules(&models.Cohort{TimeZone: "UTC"}, chosenRows)
	// In Auckland (UTC+13 in March) the due day ends at 11:00 UTC.
	auckland := newRules(&models.Cohort{TimeZone: "Pacific/Auckland"}, chosenRows)
	unknownZone := newRules(&models.Cohort{TimeZone: "Mars/Olympus_Mons"}, chosenRows)
	at := func(s string) time.Time {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	tests := []struct {
		name     string
		rules    ExerciseRules
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
		{"Auckland, before midnight there", auckland, "spec", at("2027-03-31T10:59:59Z"), true, false},
		{"Auckland, after midnight there", auckland, "spec", at("2027-03-31T11:00:00Z"), true, true},
		{"an unknown time zone counts as UTC", unknownZone, "spec", at("2027-04-01T00:00:00Z"), true, true},
	}
	accommodated := newRules(&models.Cohort{TimeZone: "UTC"}, chosenRows)
	accommodated.extra = map[string]int{"slow": 3}
	if !accommodated.LateFor("other", "spec", at("2027-04-01T00:00:00Z")) || accommodated.LateFor("slow", "spec", at("2027-04-03T23:59:59Z")) ||
		!accommodated.LateFor("slow", "spec", at("2027-04-04T00:00:00Z")) {
		t.Error("a team given 3 more days is late from the end of the third day after the due date, and only that team")
	}
	for _, tc := range tests {
		if got := tc.rules.Allows(tc.exercise); got != tc.open {
			t.Errorf("%s: open %v, want %v", tc.name, got, tc.open)
		}
		if got := tc.rules.Late(tc.exercise, tc.sent); got != tc.late {
			t.Errorf("%s: late %v, want %v", tc.name, got, tc.late)
		}
	}
}
