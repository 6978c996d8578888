package handlers_test

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

// labWork has the person work on the test lab in their team: choose what their patient cards
// show, run the cards and rate the workload, log an issue and confirm its severity, and
// propose a fix; the teammate confirms for the other side.
func (l *lifeOf) labWork(t *testing.T, env *testenv.Env) {
	t.Helper()
	base := "/api/v1/teams/" + l.team + "/labs/" + testLab
	must := func(r *testenv.Response, want int, what string) *testenv.Response {
		t.Helper()
		if r.Status != want {
			t.Fatalf("%s: %d %s", what, r.Status, r.Body)
		}
		return r
	}
	must(env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/labs/" + testLab + "/display", Token: l.person.AccessToken,
		Body: map[string]any{"items": []string{"vitals", "alert"}}}), http.StatusOK, "display")
	l.labRun = must(env.Do(testenv.Request{Method: "POST", Path: base + "/runs", Token: l.person.AccessToken}), http.StatusCreated, "run").JSON(t)["id"].(string)
	for pos := range 8 {
		must(decide(env, l.labRun, l.person, pos, pos < 4), http.StatusCreated, "decide")
	}
	must(env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + l.labRun + "/workload", Token: l.person.AccessToken, Body: tlx}), http.StatusCreated, "workload")
	l.labIssue = must(env.Do(testenv.Request{Method: "POST", Path: base + "/issues", Token: l.person.AccessToken, Body: goodIssue()}),
		http.StatusCreated, "issue").JSON(t)["id"].(string)
	for _, u := range []*testenv.User{l.person, l.teammate} {
		must(env.Do(testenv.Request{Method: "POST", Path: base + "/issues/" + l.labIssue + "/confirmations", Token: u.AccessToken,
			Body: map[string]any{"severity": 3}}), http.StatusCreated, "confirm")
	}
	must(env.Do(testenv.Request{Method: "POST", Path: base + "/proposals", Token: l.person.AccessToken, Body: map[string]any{"fix": "recalibration"}}),
		http.StatusCreated, "propose")
}

// afterErasure checks that the team keeps the person's lab work without them, and that their
// display is gone while their run stays as a learning record of no one.
func (l *lifeOf) labAfterErasure(t *testing.T, env *testenv.Env) {
	t.Helper()
	var issues struct{ Items []issueBody }
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + l.team + "/labs/" + testLab + "/issues", Token: l.teammate.AccessToken}).Decode(t, &issues)
	if len(issues.Items) != 1 || issues.Items[0].ID != l.labIssue || len(issues.Items[0].Confirmations) != 2 || issues.Items[0].Agreement != "agreed" {
		t.Errorf("the team's issue after its author erased their account: %+v", issues.Items)
	}
	for query, want := range map[string]string{
		"SELECT COUNT(*) FROM lab_issues WHERE author_id = ?":              "0",
		"SELECT COUNT(*) FROM lab_proposals WHERE author_id = ?":           "0",
		"SELECT COUNT(*) FROM lab_issue_confirmations WHERE user_id = ?":   "0",
		"SELECT COUNT(*) FROM lab_displays WHERE user_id = ?":              "0",
		"SELECT COUNT(*) FROM lab_runs WHERE user_id = ? AND raw_tlx = 45": "1",
	} {
		if n := env.Scalar(query, l.person.ID); n != want {
			t.Errorf("%s: %s, want %s", query, n, want)
		}
	}
}
