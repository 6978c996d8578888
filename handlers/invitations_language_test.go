package handlers_test

import (
	"fmt"
	"testing"

	"tandem/auth"
	"tandem/cohorts"
	"tandem/testenv"
)

// An instructor whose browser asks for French reads why an invitation list was refused in
// French; one naming no language reads the English sentence.
func TestInvitationReasonsInTheInstructorsLanguage(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	id := newCohort(t, env, instructor)
	tooMany := make([]map[string]string, cohorts.MaxInvitees+1)
	for i := range tooMany {
		tooMany[i] = map[string]string{"email": fmt.Sprintf("learner-%d@tandem.test", i)}
	}
	reason := func(lang string, list []map[string]string) string {
		t.Helper()
		return fieldReasons(t, env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/invitations", Token: instructor.AccessToken,
			Header: map[string]string{"Accept-Language": lang}, Body: map[string]any{"invitations": list}}))["invitations"]
	}
	if got := reason("fr", tooMany); got != "doit comporter au plus 2000 adresses à la fois" {
		t.Errorf("too many addresses, in French: %q", got)
	}
	if got := reason("", tooMany); got != "must be at most 2000 addresses at once" {
		t.Errorf("too many addresses, in English: %q", got)
	}
	if got := reason("de", []map[string]string{}); got != "muss mindestens eine E-Mail-Adresse nennen" {
		t.Errorf("no address, in German: %q", got)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM cohort_invitations WHERE cohort_id = ?", id); n != "0" {
		t.Errorf("refused lists left %s invitations", n)
	}
}
