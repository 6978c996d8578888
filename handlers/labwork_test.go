package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"

	"tandem/auth"
	"tandem/lab/metrics"
	"tandem/lab/model"
	"tandem/lab/synth"
	"tandem/testenv"
)

// labTeam is one team of four on the test lab: two clinical and two technical members.
type labTeam struct {
	instructor, clin1, clin2, tech1, tech2, outsider *testenv.User
	cohort, team, base                               string
}

func newLabTeam(t *testing.T, env *testenv.Env) labTeam {
	t.Helper()
	lt := labTeam{instructor: env.WithRole(auth.RoleInstructor, "medicine"), clin1: env.Learner("medicine"), clin2: env.Learner("nursing"),
		tech1: env.Learner("computer_science"), tech2: env.Learner("data_science"), outsider: env.Learner("medicine")}
	lt.cohort = newCohort(t, env, lt.instructor, lt.clin1, lt.clin2, lt.tech1, lt.tech2)
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + lt.cohort + "/teams/form", Token: lt.instructor.AccessToken,
		Body: map[string]any{"team_size": 4, "seed": 1}})
	var formed teamsBody
	resp.Decode(t, &formed)
	if resp.Status != http.StatusCreated || len(formed.Teams) != 1 {
		t.Fatalf("form: %d %s", resp.Status, resp.Body)
	}
	lt.team = formed.Teams[0].ID
	lt.base = "/api/v1/teams/" + lt.team + "/labs/" + testLab
	return lt
}

// confirmationsOf counts the confirmations of a team's issues.
const confirmationsOf = "SELECT COUNT(*) FROM lab_issue_confirmations WHERE issue_id IN (SELECT id FROM lab_issues WHERE team_id = ?)"

func goodIssue() map[string]any {
	return map[string]any{"title": "Over-70s under-predicted", "severity": 3, "cause": "Few older patients in development.",
		"fix": "group_recalibration", "snapshot": map[string]any{"view": "calibration", "threshold": 0.1, "subgroup": "age_band", "group": "70+", "case": 12}}
}

func logIssue(t *testing.T, env *testenv.Env, lt labTeam, by *testenv.User) string {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues", Token: by.AccessToken, Body: goodIssue()})
	if resp.Status != http.StatusCreated {
		t.Fatalf("log issue: %d %s", resp.Status, resp.Body)
	}
	return resp.JSON(t)["id"].(string)
}

type issueBody struct {
	ID            string `json:"id"`
	Severity      int    `json:"severity"`
	Confirmed     bool   `json:"confirmed"`
	Agreement     string `json:"agreement"`
	Confirmations []struct {
		Side     string `json:"side"`
		Severity int    `json:"severity"`
		By       struct {
			UserID string `json:"user_id"`
		} `json:"by"`
	} `json:"confirmations"`
	Snapshot struct {
		View  string `json:"view"`
		Model string `json:"model"`
		Group string `json:"group"`
		Case  *int   `json:"case"`
	} `json:"snapshot"`
}

func TestLabIssuesAreConfirmedByBothSides(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	var issue issueBody
	resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues", Token: lt.clin1.AccessToken, Body: goodIssue()})
	resp.Decode(t, &issue)
	if resp.Status != http.StatusCreated || issue.Agreement != "pending" || issue.Confirmed || issue.Snapshot.Model != "base" ||
		issue.Snapshot.Group != "70+" || issue.Snapshot.Case == nil || *issue.Snapshot.Case != 12 {
		t.Fatalf("logged: %d %s", resp.Status, resp.Body)
	}
	confirm := func(u *testenv.User, severity int) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues/" + issue.ID + "/confirmations", Token: u.AccessToken,
			Body: map[string]any{"severity": severity}})
	}
	if resp := confirm(lt.clin2, 3); resp.Status != http.StatusCreated || resp.JSON(t)["agreement"] != "pending" {
		t.Fatalf("clinical confirmation: %d %s", resp.Status, resp.Body)
	}
	if resp := confirm(lt.clin1, 4); resp.Status != http.StatusConflict || resp.ErrorCode() != "already_confirmed" {
		t.Fatalf("a second clinical confirmation: %d %s", resp.Status, resp.Body)
	}
	resp = confirm(lt.tech1, 1)
	resp.Decode(t, &issue)
	if resp.Status != http.StatusCreated || !issue.Confirmed || issue.Agreement != "disagreed" || len(issue.Confirmations) != 2 ||
		issue.Confirmations[0].Side != "clinical" || issue.Confirmations[0].Severity != 3 ||
		issue.Confirmations[1].Side != "technical" || issue.Confirmations[1].Severity != 1 || issue.Confirmations[1].By.UserID != lt.tech1.ID {
		t.Fatalf("both sides: %d %s", resp.Status, resp.Body)
	}
	// Members and the cohort's instructor read the log; the instructor writes nothing; no one else sees it.
	for _, u := range []*testenv.User{lt.tech2, lt.instructor} {
		var list struct{ Items []issueBody }
		env.Do(testenv.Request{Method: "GET", Path: lt.base + "/issues", Token: u.AccessToken}).Decode(t, &list)
		if len(list.Items) != 1 || list.Items[0].Agreement != "disagreed" || list.Items[0].Severity != 3 {
			t.Errorf("log as read by %s: %+v", u.Email, list.Items)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues", Token: lt.instructor.AccessToken, Body: goodIssue()}); resp.Status != http.StatusForbidden {
		t.Errorf("the instructor logs an issue: %d", resp.Status)
	}
	for _, p := range []string{lt.base + "/issues", lt.base + "/proposals"} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: p, Token: lt.outsider.AccessToken}); resp.Status != http.StatusNotFound {
			t.Errorf("an outsider reads %s: %d", p, resp.Status)
		}
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + lt.team + "/labs/nope/issues", Token: lt.clin1.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("the issues of an unknown lab: %d", resp.Status)
	}
	if n := env.Scalar(confirmationsOf, lt.team); n != "2" {
		t.Errorf("%s confirmations stored", n)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + lt.cohort + "/teams/form", Token: lt.instructor.AccessToken,
		Body: map[string]any{"team_size": 2, "reform": true}}); resp.Status != http.StatusConflict || resp.ErrorCode() != "teams_started" {
		t.Errorf("re-forming a team with an issue log: %d %s", resp.Status, resp.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE object_type = 'lab' AND team_id = ?", lt.team); n != "3" {
		t.Errorf("%s learning events, want the issue and two confirmations", n)
	}
}

func TestLabIssueRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	with := func(change func(map[string]any)) map[string]any {
		b := goodIssue()
		change(b)
		return b
	}
	snap := func(key string, v any) func(map[string]any) {
		return func(b map[string]any) { b["snapshot"].(map[string]any)[key] = v }
	}
	for name, c := range map[string]struct {
		path  string
		body  map[string]any
		field string
	}{
		"unknown lab":       {"/api/v1/teams/" + lt.team + "/labs/nope/issues", goodIssue(), "lab"},
		"fix not open":      {"", with(func(b map[string]any) { b["fix"] = "label" }), "fix"},
		"no fix":            {"", with(func(b map[string]any) { delete(b, "fix") }), "fix"},
		"severity 5":        {"", with(func(b map[string]any) { b["severity"] = 5 }), "severity"},
		"severity -1":       {"", with(func(b map[string]any) { b["severity"] = -1 }), "severity"},
		"no severity":       {"", with(func(b map[string]any) { delete(b, "severity") }), "severity"},
		"threshold 1.2":     {"", with(snap("threshold", 1.2)), "snapshot.threshold"},
		"no threshold":      {"", with(func(b map[string]any) { delete(b["snapshot"].(map[string]any), "threshold") }), "snapshot.threshold"},
		"unknown subgroup":  {"", with(snap("subgroup", "ward")), "snapshot.subgroup"},
		"unknown group":     {"", with(snap("group", "90+")), "snapshot.group"},
		"unknown view":      {"", with(snap("view", "radar")), "snapshot.view"},
		"unknown model":     {"", with(snap("model", "forest")), "snapshot.model"},
		"case out of range": {"", with(snap("case", 1250)), "snapshot.case"},
		"no cause":          {"", with(func(b map[string]any) { b["cause"] = "  " }), "cause"},
		"long title":        {"", with(func(b map[string]any) { b["title"] = strings.Repeat("x", 201) }), "title"},
	} {
		path := c.path
		if path == "" {
			path = lt.base + "/issues"
		}
		resp := env.Do(testenv.Request{Method: "POST", Path: path, Token: lt.clin1.AccessToken, Body: c.body})
		if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"`+c.field+`"`) {
			t.Errorf("%s: %d %s", name, resp.Status, resp.Body)
		}
	}
	issue := logIssue(t, env, lt, lt.clin1)
	for _, body := range []map[string]any{{"severity": 7}, {}} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues/" + issue + "/confirmations", Token: lt.tech1.AccessToken,
			Body: body}); resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"severity"`) {
			t.Errorf("confirm with %v: %d %s", body, resp.Status, resp.Body)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues/nope/confirmations", Token: lt.tech1.AccessToken,
		Body: map[string]any{"severity": 2}}); resp.Status != http.StatusNotFound {
		t.Errorf("confirm an unknown issue: %d", resp.Status)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM lab_issues WHERE team_id = ?", lt.team); n != "1" {
		t.Errorf("%s issues stored, want only the good one", n)
	}
	if n := env.Scalar(confirmationsOf, lt.team); n != "0" {
		t.Errorf("%s confirmations stored", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE object_type = 'lab' AND team_id = ?", lt.team); n != "1" {
		t.Errorf("%s learning events, want the good issue's", n)
	}
}

// TestLabConfirmationsAtOnce: teammates of one side confirming together store one confirmation
// and one event, and the other gets a 409; the two sides confirming together both count.
func TestLabConfirmationsAtOnce(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	const rounds = 6
	for range rounds {
		issue := logIssue(t, env, lt, lt.tech2)
		statuses := make([]int, 4)
		var wg sync.WaitGroup
		for i, u := range []*testenv.User{lt.clin1, lt.clin2, lt.tech1, lt.tech2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = env.Do(testenv.Request{Method: "POST", Path: lt.base + "/issues/" + issue + "/confirmations", Token: u.AccessToken,
					Body: map[string]any{"severity": 2}}).Status
			}()
		}
		wg.Wait()
		for side, pair := range [][]int{statuses[:2], statuses[2:]} {
			if !(pair[0] == http.StatusCreated && pair[1] == http.StatusConflict || pair[0] == http.StatusConflict && pair[1] == http.StatusCreated) {
				t.Errorf("side %d answered %v, want one 201 and one 409", side, pair)
			}
		}
		var list struct{ Items []issueBody }
		env.Do(testenv.Request{Method: "GET", Path: lt.base + "/issues", Token: lt.clin1.AccessToken}).Decode(t, &list)
		last := list.Items[len(list.Items)-1]
		if last.ID != issue || len(last.Confirmations) != 2 || last.Agreement != "agreed" {
			t.Errorf("after the race: %+v", last)
		}
	}
	if n := env.Scalar(confirmationsOf, lt.team); n != "12" {
		t.Errorf("%s confirmations stored, want 2 per issue", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE verb = 'interacted' AND team_id = ?", lt.team); n != "12" {
		t.Errorf("%s confirmation events, want 2 per issue", n)
	}
}

type proposalBody struct {
	ID      string `json:"id"`
	Fix     string `json:"fix"`
	Outcome struct {
		Label    string `json:"label"`
		Original struct {
			N     int           `json:"n"`
			AUROC float64       `json:"auroc"`
			Point metrics.Point `json:"point"`
		} `json:"original"`
		Fixed struct {
			Point     metrics.Point `json:"point"`
			Subgroups []struct {
				Subgroup string          `json:"subgroup"`
				Groups   []metrics.Group `json:"groups"`
			} `json:"subgroups"`
		} `json:"fixed"`
		Review *struct {
			Cases metrics.Proportion `json:"cases"`
		} `json:"review"`
		Recalibration []map[string]any `json:"recalibration"`
	} `json:"outcome"`
}

// testSplit is the test lab's hidden test set with the base model's scores, computed here
// the way the lab does.
func testSplit(t *testing.T) ([]*synth.Patient, []float64) {
	t.Helper()
	c, err := synth.Generate(synth.Default())
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.Fit(c.Split(synth.Train), model.Base)
	if err != nil {
		t.Fatal(err)
	}
	test := c.Split(synth.Test)
	return test, m.Scores(test)
}

func TestLabProposalsAreScoredOnTheHiddenSet(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	test, scores := testSplit(t)
	labels := make([]bool, len(test))
	inBand := 0
	for i, p := range test {
		labels[i] = p.Event
		if scores[i] >= 0.08 && scores[i] < 0.12 {
			inBand++
		}
	}
	var p proposalBody
	resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/proposals", Token: lt.tech1.AccessToken,
		Body: map[string]any{"fix": "group_recalibration", "subgroup": "age_band", "threshold": 0.12}})
	resp.Decode(t, &p)
	if resp.Status != http.StatusCreated {
		t.Fatalf("propose: %d %s", resp.Status, resp.Body)
	}
	if want := metrics.PointAt(scores, labels, 0.12).Confusion; p.Outcome.Original.Point.Confusion != want || p.Outcome.Original.N != 1250 {
		t.Errorf("original on the test set: %+v, computed here %+v", p.Outcome.Original.Point.Confusion, want)
	}
	if len(p.Outcome.Recalibration) != 3 || p.Outcome.Fixed.Point.Confusion == p.Outcome.Original.Point.Confusion || len(p.Outcome.Fixed.Subgroups) != 4 {
		t.Errorf("fixed: %+v, %d recalibrations", p.Outcome.Fixed.Point.Confusion, len(p.Outcome.Recalibration))
	}
	band := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/proposals", Token: lt.clin1.AccessToken,
		Body: map[string]any{"fix": "review_band", "review_band": map[string]any{"lower": 0.08, "upper": 0.12}}})
	var b proposalBody
	band.Decode(t, &b)
	if band.Status != http.StatusCreated || b.Outcome.Review == nil || b.Outcome.Review.Cases.Num != inBand || b.Outcome.Fixed.Point.N != 1250-inBand {
		t.Fatalf("review band: %d %s", band.Status, band.Body)
	}
	for _, u := range []*testenv.User{lt.clin2, lt.instructor} {
		var list struct{ Items []proposalBody }
		env.Do(testenv.Request{Method: "GET", Path: lt.base + "/proposals", Token: u.AccessToken}).Decode(t, &list)
		if len(list.Items) != 2 || list.Items[0].Fix != "review_band" || list.Items[1].Outcome.Original.Point.Confusion != p.Outcome.Original.Point.Confusion {
			t.Errorf("proposals as read by %s: %d", u.Email, len(list.Items))
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/proposals", Token: lt.instructor.AccessToken,
		Body: map[string]any{"fix": "recalibration"}}); resp.Status != http.StatusForbidden {
		t.Errorf("the instructor proposes: %d", resp.Status)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE verb = 'submitted' AND object_type = 'lab' AND team_id = ?", lt.team); n != "2" {
		t.Errorf("%s proposal events", n)
	}
}

func TestLabProposalRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	for name, c := range map[string]struct {
		path  string
		body  map[string]any
		field string
	}{
		"unknown lab":      {"/api/v1/teams/" + lt.team + "/labs/nope/proposals", map[string]any{"fix": "recalibration"}, "lab"},
		"fix not open":     {"", map[string]any{"fix": "label", "label": "reviewed"}, "fix"},
		"no fix":           {"", map[string]any{}, "fix"},
		"unknown feature":  {"", map[string]any{"fix": "drop_feature", "feature": "shoe_size"}, "feature"},
		"threshold":        {"", map[string]any{"fix": "recalibration", "threshold": 1.01}, "threshold"},
		"unknown subgroup": {"", map[string]any{"fix": "group_recalibration", "subgroup": "ward"}, "subgroup"},
		"unknown group":    {"", map[string]any{"fix": "group_thresholds", "subgroup": "sex", "thresholds": map[string]any{"other": 0.1}}, "thresholds.other"},
		"group threshold":  {"", map[string]any{"fix": "group_thresholds", "subgroup": "sex", "thresholds": map[string]any{"male": 2}}, "thresholds.male"},
		"band":             {"", map[string]any{"fix": "review_band", "review_band": map[string]any{"lower": 0.2, "upper": 0.3}}, "review_band"},
	} {
		path := c.path
		if path == "" {
			path = lt.base + "/proposals"
		}
		resp := env.Do(testenv.Request{Method: "POST", Path: path, Token: lt.clin1.AccessToken, Body: c.body})
		if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"`+c.field+`"`) {
			t.Errorf("%s: %d %s", name, resp.Status, resp.Body)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM lab_proposals WHERE team_id = ?", lt.team); n != "0" {
		t.Errorf("%s proposals stored", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE object_type = 'lab' AND team_id = ?", lt.team); n != "0" {
		t.Errorf("%s learning events", n)
	}
}
