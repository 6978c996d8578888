package uitest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"tandem/testenv"
)

// testPlanningWidgets: a learner in a team finds on the dashboard the exercise due next, with
// how far away it is and a link to the team's workspace, and the labs with how far the team
// has gone in each; at phone and laptop width, axe-clean.
func testPlanningWidgets(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	clin, tech := env.Learner("medicine"), env.Learner("engineering")
	instructor := env.WithRole("instructor", "nursing")
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Planning cohort", "tracks": []string{"clinicians"}}, http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/members", map[string]any{"emails": []string{clin.Email, tech.Email}}, http.StatusOK)
	acceptInvitation(t, env, clin, cohort)
	acceptInvitation(t, env, tech, cohort)
	due := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	call(t, env, instructor, "PUT", "/api/v1/cohorts/"+cohort+"/exercises", map[string]any{"exercises": []map[string]string{{"slug": exerciseSlug, "due_on": due}}}, http.StatusOK)
	var formed struct {
		Teams []struct{ ID, Name string } `json:"teams"`
	}
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/teams/form", map[string]any{"team_size": 2, "seed": 2}, http.StatusCreated).Decode(t, &formed)
	team := formed.Teams[0]

	tb := newTab(t, browser, env.URL, 390, 800)
	logIn(tb, clin)
	entry := `.widget-next_due_dates li[data-exercise="` + exerciseSlug + `"]`
	tb.expectText(entry, exerciseTitle)
	tb.expectText(entry, "(in 10 days) · Planning cohort")
	if href := eval[string](tb, `document.querySelector('`+entry+` a').getAttribute('href')`); href != teamExerciseHref(cohort, team.ID) {
		t.Errorf("the due exercise links to %q", href)
	}
	lab := `.widget-labs li[data-lab="threshold-lab"]`
	tb.expectText(lab, team.Name+": not started")
	checkPageAt(tb, "dashboard-planning", threadViewports)
	tb.click(entry + " a")
	tb.waitPage(exerciseTitle)
}
