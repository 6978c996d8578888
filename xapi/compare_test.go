package xapi

import (
	"strings"
	"testing"
)

const ours = `{"id":"01a24454-6311-82de-a705-6c35544a3580","actor":{"objectType":"Agent","account":{"homePage":"https://t.example","name":"u1"}},
"verb":{"id":"http://adlnet.gov/expapi/verbs/completed","display":{"en-US":"completed"}},
"object":{"objectType":"Activity","id":"https://t.example/activities/lesson/roc","definition":{"name":{"en-US":"ROC"},"type":"http://adlnet.gov/expapi/activities/lesson"}},
"result":{"completion":true},"context":{"platform":"Tandem","language":"en","contextActivities":{"parent":[{"objectType":"Activity","id":"https://t.example/activities/track/clinicians","definition":{"name":{"en-US":"AI"}}}]}},
"timestamp":"2026-12-05T03:51:50.801Z"}`

// An LRS's copy matches under xAPI's comparison rules (Data 2.3.1) or it does not.
func TestSameStatement(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lrs   string
		equal bool
	}{
		{"as sent", ours, true},
		{"with what the LRS assigns", strings.Replace(ours, `"timestamp"`, `"stored":"2026-12-06T00:00:00Z","authority":{"objectType":"Agent","mbox":"mailto:a@b.c"},"version":"1.0.0","timestamp"`, 1), true},
		{"timestamp in another zone", strings.Replace(ours, "2026-12-05T03:51:50.801Z", "2026-12-05T04:51:50.801+01:00", 1), true},
		{"activity definitions and verb display updated", strings.NewReplacer(`"ROC"`, `"Reading ROC"`, `{"en-US":"completed"}`, `{"de":"abgeschlossen"}`, `"AI"`, `"AI!"`).Replace(ours), true},
		{"another verb", strings.Replace(ours, "verbs/completed", "verbs/attempted", 1), false},
		{"another instant", strings.Replace(ours, "50.801Z", "50.802Z", 1), false},
		{"another actor", strings.Replace(ours, `"name":"u1"`, `"name":"u2"`, 1), false},
		{"a name added to the actor", strings.Replace(ours, `"objectType":"Agent",`, `"objectType":"Agent","name":"Ada",`, 1), false},
		{"another result", strings.Replace(ours, `"completion":true`, `"completion":false`, 1), false},
		{"another parent", strings.Replace(ours, "track/clinicians", "track/technologists", 1), false},
		{"not JSON", `<html>`, false},
	} {
		got, err := sameStatement([]byte(ours), []byte(tc.lrs))
		if got != tc.equal || (err != nil) != (tc.lrs == "<html>") {
			t.Errorf("%s: same %v (%v), want %v", tc.name, got, err, tc.equal)
		}
	}
}

// Whatever an LRS answers, comparing with it neither panics nor calls anything else the same.
func FuzzSameStatement(f *testing.F) {
	f.Add([]byte(ours))
	f.Add([]byte(`{"timestamp":"x","object":[],"context":{"contextActivities":{"parent":{}}}}`))
	f.Fuzz(func(t *testing.T, lrs []byte) {
		same, err := sameStatement([]byte(ours), lrs)
		if same && err != nil {
			t.Fatal("same and an error")
		}
	})
}
