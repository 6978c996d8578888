package handlers_test

import (
	"fmt"
	"math"
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

// A team sends its lab work to review: the chosen proposal with its test-set figures and the
// issue log with both sides' severities become a version of the lab's exercise; the
// instructor asks for a revision, the team sends again, and the instructor accepts.
func TestLabWorkGoesToReview(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	lt := newLabTeam(t, env)
	issue := logIssue(t, env, lt, lt.clin1)
	for _, u := range []*testenv.User{lt.clin2, lt.tech1} {
		env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues/" + issue + "/confirmations", Token: u.AccessToken, Body: map[string]any{"severity": 3}})
	}
	var p proposalBody
	env.Do(testenv.Request{Method: "POST", Path: lt.base + "/proposals", Token: lt.tech1.AccessToken,
		Body: map[string]any{"fix": "group_recalibration", "subgroup": "age_band"}}).Decode(t, &p)
	submit := func(by *testenv.User, proposal string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: lt.base + "/submissions", Token: by.AccessToken, Body: map[string]any{"proposal": proposal}})
	}
	other := newLabTeam(t, env)
	var theirs proposalBody
	env.Do(testenv.Request{Method: "POST", Path: other.base + "/proposals", Token: other.tech1.AccessToken, Body: map[string]any{"fix": "recalibration"}}).Decode(t, &theirs)
	for name, c := range map[string]struct {
		by       *testenv.User
		proposal string
		want     int
	}{
		"unknown proposal":       {lt.clin1, "nope", http.StatusUnprocessableEntity},
		"no proposal":            {lt.clin1, "", http.StatusUnprocessableEntity},
		"another team's":         {lt.clin1, theirs.ID, http.StatusUnprocessableEntity},
		"the instructor sends":   {lt.instructor, p.ID, http.StatusForbidden},
		"a learner of no team's": {lt.outsider, p.ID, http.StatusNotFound},
	} {
		if resp := submit(c.by, c.proposal); resp.Status != c.want {
			t.Errorf("%s: %d %s, want %d", name, resp.Status, resp.Body, c.want)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM submissions WHERE team_id = ?", lt.team); n != "0" {
		t.Fatalf("%s submissions stored by refused requests", n)
	}

	resp := submit(lt.clin1, p.ID)
	sub := resp.JSON(t)
	body, _ := sub["body_markdown"].(string)
	for _, want := range []string{"Recalibrate each group of a subgroup", "subgroup age_band", "Hidden test set: 1250 patients",
		fmt.Sprintf("| AUROC | %.3f |", p.Outcome.Original.AUROC), "| Over-70s under-predicted | 3 | 3 | 3 | agreed |"} {
		if !strings.Contains(body, want) {
			t.Errorf("the version lacks %q:\n%s", want, body)
		}
	}
	if resp.Status != http.StatusCreated || sub["exercise"] != "early-warning-spec" || sub["version"] != 1.0 || !strings.Contains(sub["body_html"].(string), "<table>") {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
	ex, _ := env.App.Catalog.Exercise("early-warning-spec")
	scores := map[string]int{}
	for _, c := range ex.Rubric {
		scores[c.Criterion] = c.MaxPoints
	}
	review := func(id, decision string) {
		t.Helper()
		if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + id + "/reviews", Token: lt.instructor.AccessToken,
			Body: map[string]any{"decision": decision, "scores": scores, "comment": "Show the over-70s after the fix."}}); r.Status != http.StatusCreated {
			t.Fatalf("review %s: %d %s", decision, r.Status, r.Body)
		}
	}
	review(sub["id"].(string), "revise")
	second := submit(lt.tech2, p.ID).JSON(t)
	review(second["id"].(string), "accept")
	var list struct {
		Items []struct {
			Version int    `json:"version"`
			Status  string `json:"status"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + lt.team + "/submissions", Token: lt.clin2.AccessToken}).Decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].Version != 2 || list.Items[0].Status != "accepted" || list.Items[1].Status != "revision_requested" {
		t.Errorf("the team's versions: %+v", list.Items)
	}
}

// The instructor's debrief shows each team's latest operating point as the proposal scored it,
// the issues by severity and discipline, and the same per team as CSV; members may not read it.
func TestLabDebrief(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	lt := newLabTeam(t, env)
	issue := logIssue(t, env, lt, lt.clin1)
	env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues/" + issue + "/confirmations", Token: lt.tech1.AccessToken, Body: map[string]any{"severity": 2}})
	var p proposalBody
	env.Do(testenv.Request{Method: "POST", Path: lt.base + "/proposals", Token: lt.tech1.AccessToken,
		Body: map[string]any{"fix": "group_recalibration", "subgroup": "age_band"}}).Decode(t, &p)
	clinRun := startRun(t, env, lt, lt.clin1)
	for pos := range clinRun.Total {
		decide(env, clinRun.ID, lt.clin1, pos, true)
	}
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + clinRun.ID + "/workload", Token: lt.clin1.AccessToken, Body: tlx})
	techRun := startRun(t, env, lt, lt.tech1)
	decide(env, techRun.ID, lt.tech1, 0, false)
	decide(env, techRun.ID, lt.tech1, 1, false)
	path := "/api/v1/cohorts/" + lt.cohort + "/labs/" + testLab + "/debrief"
	var d struct {
		Teams []struct {
			Name     string
			Fix      string
			Original struct{ Sensitivity *float64 }
			Fixed    struct{ Sensitivity, Specificity *float64 }
			Issues   int
			Pending  int
		}
		Severities []map[string]int
		Cards      []struct {
			Group                 string
			Runs, Finished, Rated int
			MeanSeconds           *float64 `json:"mean_seconds_per_card"`
			MeanRawTLX            *float64 `json:"mean_raw_tlx"`
			ActedOnEvents         int      `json:"acted_on_events"`
			Events                int
			ActedOnNonEvents      int `json:"acted_on_non_events"`
			NonEvents             int `json:"non_events"`
		}
	}
	resp := env.Do(testenv.Request{Method: "GET", Path: path, Token: lt.instructor.AccessToken})
	resp.Decode(t, &d)
	if resp.Status != http.StatusOK || len(d.Teams) != 1 || len(d.Severities) != 5 {
		t.Fatalf("debrief: %d %s", resp.Status, resp.Body)
	}
	team := d.Teams[0]
	if team.Fix != "group_recalibration" || *team.Original.Sensitivity != *p.Outcome.Original.Point.Sensitivity.Value ||
		*team.Fixed.Specificity != *p.Outcome.Fixed.Point.Specificity.Value || team.Issues != 1 || team.Pending != 1 {
		t.Errorf("the team's row: %+v", team)
	}
	if s3, s2 := d.Severities[3], d.Severities[2]; s3["logged_clinical"] != 1 || s3["logged_technical"] != 0 || s2["confirmed_technical"] != 1 || s3["confirmed_clinical"] != 0 {
		t.Errorf("by severity: %v", d.Severities)
	}
	// The clinician acted on all eight cards (three deteriorated) in 4.0035 s on average and
	// rated the run 45; the technologist left two cards alone and has not finished.
	if len(d.Cards) != 3 {
		t.Fatalf("card summary: %+v", d.Cards)
	}
	clin, tech, other := d.Cards[0], d.Cards[1], d.Cards[2]
	if clin.Group != "clinical" || clin.Runs != 1 || clin.Finished != 1 || clin.Rated != 1 || clin.MeanSeconds == nil ||
		math.Abs(*clin.MeanSeconds-4.0035) > 1e-9 || clin.MeanRawTLX == nil || *clin.MeanRawTLX != 45 ||
		clin.Events != 3 || clin.ActedOnEvents != 3 || clin.NonEvents != 5 || clin.ActedOnNonEvents != 5 {
		t.Errorf("clinical cards: %+v", clin)
	}
	if tech.Group != "technical" || tech.Runs != 1 || tech.Finished != 0 || tech.Rated != 0 || tech.MeanRawTLX != nil ||
		tech.Events+tech.NonEvents != 2 || tech.ActedOnEvents+tech.ActedOnNonEvents != 0 {
		t.Errorf("technical cards: %+v", tech)
	}
	if other.Runs != 0 || other.MeanSeconds != nil {
		t.Errorf("other cards: %+v", other)
	}
	csv := env.Do(testenv.Request{Method: "GET", Path: path + "?format=csv", Token: lt.instructor.AccessToken})
	lines := strings.Split(strings.TrimSpace(strings.ReplaceAll(string(csv.Body), "\r", "")), "\n")
	if csv.Status != http.StatusOK || len(lines) != 2 || !strings.HasSuffix(lines[0], "issues,agreed,disagreed,pending") ||
		!strings.Contains(lines[1], team.Name+",group_recalibration,0.1000,") {
		t.Errorf("csv: %d %s", csv.Status, csv.Body)
	}
	for who, want := range map[*testenv.User]int{lt.clin1: http.StatusForbidden, lt.outsider: http.StatusNotFound} {
		if r := env.Do(testenv.Request{Method: "GET", Path: path, Token: who.AccessToken}); r.Status != want {
			t.Errorf("%s reads the debrief: %d, want %d", who.Email, r.Status, want)
		}
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + lt.cohort + "/labs/nope/debrief", Token: lt.instructor.AccessToken}); r.Status != http.StatusNotFound {
		t.Errorf("an unknown lab's debrief: %d", r.Status)
	}
}
