package handlers_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"tandem/testenv"
)

// runBody is a run of patient cards as the API shows it.
type runBody struct {
	ID        string   `json:"id"`
	Display   []string `json:"display"`
	Total     int      `json:"total"`
	Decisions []struct {
		Position     int  `json:"position"`
		Act          bool `json:"act"`
		Milliseconds int  `json:"milliseconds"`
		Outcome      struct {
			Case         int     `json:"case"`
			Deteriorated bool    `json:"deteriorated"`
			Risk         float64 `json:"risk"`
			Alert        bool    `json:"alert"`
		} `json:"outcome"`
	} `json:"decisions"`
	Next     map[string]any `json:"next"`
	Workload *struct {
		RawTLX float64 `json:"raw_tlx"`
	} `json:"workload"`
}

func startRun(t *testing.T, env *testenv.Env, lt labTeam, by *testenv.User) runBody {
	t.Helper()
	var run runBody
	resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/runs", Token: by.AccessToken})
	resp.Decode(t, &run)
	if resp.Status != http.StatusCreated {
		t.Fatalf("start run: %d %s", resp.Status, resp.Body)
	}
	return run
}

func decide(env *testenv.Env, run string, by *testenv.User, position int, act bool) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + run + "/decisions", Token: by.AccessToken,
		Body: map[string]any{"position": position, "act": act, "milliseconds": 4000 + position}})
}

var tlx = map[string]int{"mental": 70, "physical": 10, "temporal": 55, "performance": 30, "effort": 60, "frustration": 45}

// A clinician and a technologist each choose their display and run the cards: a card shows
// only the parts chosen and never what happened; each decision reveals the recorded outcome,
// the validation label of that patient; the run ends with a NASA-TLX rating whose raw score
// is the mean of the six.
func TestLabCardRunInEachLearnersDisplay(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	var validation struct {
		Labels []bool               `json:"labels"`
		Scores map[string][]float64 `json:"scores"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/labs/" + testLab + "/validation"}).Decode(t, &validation)
	display := "/api/v1/labs/" + testLab + "/display"
	if d := env.Do(testenv.Request{Method: "GET", Path: display, Token: lt.clin1.AccessToken}).JSON(t); d["saved"] != false || len(d["items"].([]any)) != 6 {
		t.Errorf("default display: %v", d)
	}
	choices := map[*testenv.User][]string{lt.clin1: {"vitals", "alert", "explanation"}, lt.tech1: {"risk", "alert_figures"}}
	for u, items := range choices {
		if resp := env.Do(testenv.Request{Method: "PUT", Path: display, Token: u.AccessToken, Body: map[string]any{"items": items}}); resp.Status != http.StatusOK {
			t.Fatalf("save display: %d %s", resp.Status, resp.Body)
		}
	}
	for u, items := range choices {
		run := startRun(t, env, lt, u)
		if strings.Join(run.Display, ",") != strings.Join(items, ",") || run.Total != 8 {
			t.Fatalf("run: %+v", run)
		}
		if status := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + run.ID + "/workload", Token: u.AccessToken, Body: tlx}).Status; status != http.StatusConflict {
			t.Errorf("workload of an unfinished run: %d", status)
		}
		deteriorated, alerts := 0, 0
		for pos := range run.Total {
			card := run.Next
			for _, it := range []string{"alert", "risk", "vitals", "context", "explanation", "alert_figures"} {
				if _, shown := card[it]; shown != slices.Contains(items, it) {
					t.Errorf("card %d: %s shown %t with display %v", pos, it, shown, items)
				}
			}
			raw := fmt.Sprint(card)
			for _, secret := range []string{"deteriorated", "outcome", "case", "event"} {
				if strings.Contains(raw, secret) {
					t.Fatalf("card %d before deciding holds %q: %s", pos, secret, raw)
				}
			}
			resp := decide(env, run.ID, u, pos, pos%2 == 0)
			run = runBody{}
			resp.Decode(t, &run)
			if resp.Status != http.StatusCreated || len(run.Decisions) != pos+1 {
				t.Fatalf("decide %d: %d %s", pos, resp.Status, resp.Body)
			}
			o := run.Decisions[pos].Outcome
			if o.Deteriorated != validation.Labels[o.Case] || o.Risk != validation.Scores["base"][o.Case] || o.Alert != (o.Risk >= 0.1) {
				t.Errorf("outcome %d: %+v, validation says %t", pos, o, validation.Labels[o.Case])
			}
			if o.Deteriorated {
				deteriorated++
			}
			if o.Alert {
				alerts++
			}
		}
		if deteriorated != 3 || alerts != 4 || run.Next != nil {
			t.Errorf("the run holds %d deteriorations and %d alerts (want 3 and 4), next %v", deteriorated, alerts, run.Next)
		}
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + run.ID + "/workload", Token: u.AccessToken, Body: tlx})
		run = runBody{}
		resp.Decode(t, &run)
		if resp.Status != http.StatusCreated || run.Workload == nil || run.Workload.RawTLX != 45 {
			t.Errorf("workload: %d %s", resp.Status, resp.Body)
		}
		if again := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + run.ID + "/workload", Token: u.AccessToken, Body: tlx}); again.Status != http.StatusConflict || again.ErrorCode() != "already_rated" {
			t.Errorf("rated twice: %d %s", again.Status, again.Body)
		}
	}
	var runs struct{ Items []runBody }
	env.Do(testenv.Request{Method: "GET", Path: lt.base + "/runs", Token: lt.instructor.AccessToken}).Decode(t, &runs)
	if len(runs.Items) != 2 || runs.Items[0].Next != nil || len(runs.Items[1].Decisions) != 8 {
		t.Errorf("the instructor's list: %+v", runs.Items)
	}
	env.Do(testenv.Request{Method: "GET", Path: lt.base + "/runs", Token: lt.clin1.AccessToken}).Decode(t, &runs)
	if len(runs.Items) != 1 {
		t.Errorf("a member sees %d runs, want their own", len(runs.Items))
	}
	for verb, want := range map[string]string{"experienced": "2", "interacted": "16", "responded": "2"} {
		if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE verb = ? AND object_type = 'lab' AND team_id = ?", verb, lt.team); n != want {
			t.Errorf("%s %s events, want %s", n, verb, want)
		}
	}
	statements := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + lt.cohort + "/statements", Token: lt.instructor.AccessToken}).Body)
	if !strings.Contains(statements, "verbs/experienced") || !strings.Contains(statements, `"response":"act"`) {
		t.Errorf("the cohort's statements lack the card runs: %.600s", statements)
	}
}

func TestLabCardRunRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	display := "/api/v1/labs/" + testLab + "/display"
	for name, c := range map[string]struct {
		items any
		field string
	}{
		"unknown part": {[]string{"alert", "horoscope"}, "items.1"},
		"twice":        {[]string{"alert", "risk", "alert"}, "items.2"},
		"nothing":      {[]string{}, "items"},
	} {
		resp := env.Do(testenv.Request{Method: "PUT", Path: display, Token: lt.clin1.AccessToken, Body: map[string]any{"items": c.items}})
		if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"`+c.field+`"`) {
			t.Errorf("%s: %d %s", name, resp.Status, resp.Body)
		}
	}
	if resp := env.Do(testenv.Request{Method: "PUT", Path: display, Token: lt.clin1.AccessToken, Body: `{"items": "alert"}`}); resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("items not a list: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/labs/nope/display", Token: lt.clin1.AccessToken, Body: map[string]any{"items": []string{"risk"}}}); resp.Status != http.StatusNotFound {
		t.Errorf("unknown lab: %d", resp.Status)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM lab_displays WHERE user_id = ?", lt.clin1.ID); n != "0" {
		t.Errorf("%s displays stored", n)
	}
	for who, want := range map[*testenv.User]int{lt.instructor: http.StatusForbidden, lt.outsider: http.StatusNotFound} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: lt.base + "/runs", Token: who.AccessToken}); resp.Status != want {
			t.Errorf("%s starts a run: %d, want %d", who.Email, resp.Status, want)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + lt.team + "/labs/nope/runs", Token: lt.clin1.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("a run of an unknown lab: %d", resp.Status)
	}
	run := startRun(t, env, lt, lt.clin1)
	decisions := "/api/v1/lab-runs/" + run.ID + "/decisions"
	for name, c := range map[string]struct {
		body  map[string]any
		field string
	}{
		"unknown card":   {map[string]any{"position": 8, "act": true, "milliseconds": 10}, "position"},
		"negative card":  {map[string]any{"position": -1, "act": true, "milliseconds": 10}, "position"},
		"out of turn":    {map[string]any{"position": 3, "act": true, "milliseconds": 10}, "position"},
		"no decision":    {map[string]any{"position": 0, "milliseconds": 10}, "act"},
		"negative time":  {map[string]any{"position": 0, "act": false, "milliseconds": -5}, "milliseconds"},
		"a day per card": {map[string]any{"position": 0, "act": false, "milliseconds": 86_400_000}, "milliseconds"},
	} {
		resp := env.Do(testenv.Request{Method: "POST", Path: decisions, Token: lt.clin1.AccessToken, Body: c.body})
		if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"`+c.field+`"`) {
			t.Errorf("%s: %d %s", name, resp.Status, resp.Body)
		}
	}
	for who, want := range map[*testenv.User]int{lt.clin2: http.StatusNotFound, lt.instructor: http.StatusNotFound} {
		if resp := decide(env, run.ID, who, 0, true); resp.Status != want {
			t.Errorf("%s decides another's card: %d, want %d", who.Email, resp.Status, want)
		}
		if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lab-runs/" + run.ID, Token: who.AccessToken}); resp.Status != want {
			t.Errorf("%s reads another's run: %d", who.Email, resp.Status)
		}
	}
	if resp := decide(env, "nope", lt.clin1, 0, true); resp.Status != http.StatusNotFound {
		t.Errorf("unknown run: %d", resp.Status)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM lab_run_decisions WHERE run_id = ?", run.ID); n != "0" {
		t.Errorf("%s decisions stored", n)
	}
	for pos := range 8 {
		decide(env, run.ID, lt.clin1, pos, false)
	}
	for name, body := range map[string]map[string]any{
		"above 100":    {"mental": 101, "physical": 0, "temporal": 0, "performance": 0, "effort": 0, "frustration": 0},
		"below 0":      {"mental": 50, "physical": -1, "temporal": 0, "performance": 0, "effort": 0, "frustration": 0},
		"one missing":  {"mental": 50, "physical": 1, "temporal": 0, "performance": 0, "effort": 0},
		"not a number": {"mental": "high", "physical": 1, "temporal": 0, "performance": 0, "effort": 0, "frustration": 0},
	} {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lab-runs/" + run.ID + "/workload", Token: lt.clin1.AccessToken, Body: body})
		if resp.Status != http.StatusUnprocessableEntity && resp.Status != http.StatusBadRequest {
			t.Errorf("workload %s: %d %s", name, resp.Status, resp.Body)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM lab_runs WHERE id = ? AND (raw_tlx IS NOT NULL OR mental IS NOT NULL)", run.ID); n != "0" {
		t.Errorf("%s runs rated by bad input", n)
	}
}

// Two tabs of one learner decide the same card at once: one decision counts, the other is a
// 409; two teammates save their displays at once and each keeps their own, whole.
func TestLabCardsAtOnce(t *testing.T) {
	env := testenv.New(t)
	lt := newLabTeam(t, env)
	run := startRun(t, env, lt, lt.tech2)
	for pos := range 4 {
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = decide(env, run.ID, lt.tech2, pos, i == 0).Status
			}()
		}
		wg.Wait()
		if !(statuses[0] == http.StatusCreated && statuses[1] == http.StatusConflict || statuses[0] == http.StatusConflict && statuses[1] == http.StatusCreated) {
			t.Errorf("card %d decided twice at once: %v, want one 201 and one 409", pos, statuses)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM lab_run_decisions WHERE run_id = ?", run.ID); n != "4" {
		t.Errorf("%s decisions stored, want 4", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE verb = 'interacted' AND team_id = ?", lt.team); n != "4" {
		t.Errorf("%s decision events, want 4", n)
	}
	display := "/api/v1/labs/" + testLab + "/display"
	choices := [][]string{{"alert", "vitals"}, {"context", "risk", "explanation"}}
	for round := range 5 {
		var wg sync.WaitGroup
		for i, u := range []*testenv.User{lt.clin1, lt.tech1} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				items := choices[(i+round)%2]
				if resp := env.Do(testenv.Request{Method: "PUT", Path: display, Token: u.AccessToken, Body: map[string]any{"items": items}}); resp.Status != http.StatusOK {
					t.Errorf("save at once: %d %s", resp.Status, resp.Body)
				}
			}()
		}
		wg.Wait()
		for i, u := range []*testenv.User{lt.clin1, lt.tech1} {
			got := env.Do(testenv.Request{Method: "GET", Path: display, Token: u.AccessToken}).JSON(t)["items"]
			if fmt.Sprint(got) != fmt.Sprint(choices[(i+round)%2]) {
				t.Errorf("round %d: %s keeps %v", round, u.Email, got)
			}
		}
	}
}
