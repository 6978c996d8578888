package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"
	"time"

	"tandem/auth"
	"tandem/testenv"
	"tandem/xapi"
)

// everyKindOfEvent has learners, an instructor and a society produce one learning event of
// every kind through the API: enrolment, lesson completion, quiz attempt, pass and judgement
// answer, lesson feedback and its response, team work and its review, a lab issue with both
// sides' confirmations and a proposed fix, and a certificate.
func everyKindOfEvent(t *testing.T, env *testenv.Env) (learner, instructor *testenv.User, cohortID string) {
	t.Helper()
	learner, partner := env.Learner("medicine"), env.Learner("engineering")
	instructor = env.WithRole(auth.RoleInstructor, "medicine")
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: learner.AccessToken})
	finishClinicians(t, env, learner)
	cohortID = newCohort(t, env, instructor, learner, partner)
	lesson := env.App.Catalog.Lessons()[0].Slug
	fb := giveFeedback(env, learner, lesson, 2, "unclear", "Which threshold?")
	if resolved := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + fb.JSON(t)["id"].(string), Token: instructor.AccessToken,
		Body: map[string]string{"status": "resolved", "response": "See the new paragraph."}}); resolved.Status != http.StatusOK {
		t.Fatalf("resolve: %d %s", resolved.Status, resolved.Body)
	}
	team := formPairs(t, env, instructor, cohortID, 1).Teams[0].ID
	acceptTeamWork(t, env, instructor, learner, team, env.App.Catalog.Exercises()[0])
	labWork(t, env, team, learner, partner)
	_, programme, _ := society(t, env, env.WithRole(auth.RoleAdmin, "other"), "Society of Anaesthesia")
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/claim", Token: learner.AccessToken}); resp.Status != http.StatusCreated {
		t.Fatalf("claim: %d %s", resp.Status, resp.Body)
	}
	return learner, instructor, cohortID
}

// labWork has a clinical member log an issue on the test lab, both members confirm it, and the
// technical member propose a fix.
func labWork(t *testing.T, env *testenv.Env, team string, clinical, technical *testenv.User) {
	t.Helper()
	base := "/api/v1/teams/" + team + "/labs/" + testLab
	issue := logIssue(t, env, labTeam{team: team, base: base}, clinical)
	for _, u := range []*testenv.User{clinical, technical} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: base + "/issues/" + issue + "/confirmations", Token: u.AccessToken,
			Body: map[string]any{"severity": 2}}); resp.Status != http.StatusCreated {
			t.Fatalf("confirm: %d %s", resp.Status, resp.Body)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: base + "/proposals", Token: technical.AccessToken,
		Body: map[string]any{"fix": "recalibration"}}); resp.Status != http.StatusCreated {
		t.Fatalf("propose: %d %s", resp.Status, resp.Body)
	}
}

// allStatements reads every page of a statements resource.
func allStatements(t *testing.T, env *testenv.Env, u *testenv.User, path string) []json.RawMessage {
	t.Helper()
	var out []json.RawMessage
	for next := path + "?limit=7"; next != ""; {
		var page struct {
			Statements []json.RawMessage `json:"statements"`
			More       string            `json:"more"`
		}
		resp := env.Do(testenv.Request{Method: "GET", Path: next, Token: u.AccessToken})
		if resp.Status != http.StatusOK || resp.Header.Get("X-Experience-API-Version") != "1.0.3" {
			t.Fatalf("%s: %d %s", next, resp.Status, resp.Body)
		}
		resp.Decode(t, &page)
		out, next = append(out, page.Statements...), page.More
	}
	return out
}

type exported struct {
	Version *string `json:"version"`
	Actor   map[string]any
	Verb    struct{ ID string }
	Object  activityJSON
	Result  *struct {
		Response string `json:"response"`
	} `json:"result"`
	Context struct {
		ContextActivities map[string][]activityJSON `json:"contextActivities"`
	} `json:"context"`
}

type activityJSON struct {
	ID         string
	Definition struct {
		Name                    map[string]string `json:"name"`
		Type                    string            `json:"type"`
		InteractionType         string            `json:"interactionType"`
		Choices                 []struct{ ID string }
		CorrectResponsesPattern []string `json:"correctResponsesPattern"`
	} `json:"definition"`
}

// checkStatement holds a statement to what Tandem promises beyond the validator: no version,
// an account and nothing personal for the actor, a name for every activity, and a question
// typed as a choice interaction without a right answer.
func checkStatement(t *testing.T, raw json.RawMessage, homePage string) string {
	t.Helper()
	var st exported
	if err := json.Unmarshal(raw, &st); err != nil {
		t.Fatal(err)
	}
	account, _ := st.Actor["account"].(map[string]any)
	if st.Version != nil || len(st.Actor) != 2 || account["homePage"] != homePage || account["name"] == "" {
		t.Errorf("version or actor: %s", raw)
	}
	acts := []activityJSON{st.Object}
	for _, list := range st.Context.ContextActivities {
		acts = append(acts, list...)
	}
	for _, a := range acts {
		if a.Definition.Name["en-US"] == "" || a.Definition.Type == "" || strings.HasSuffix(a.ID, "/") {
			t.Errorf("activity without a name, type or id: %s", raw)
		}
	}
	if strings.HasSuffix(st.Object.Definition.Type, "/cmi.interaction") {
		d := st.Object.Definition
		chosen := false
		for _, c := range d.Choices {
			chosen = chosen || (st.Result != nil && c.ID == st.Result.Response)
		}
		if d.InteractionType != "choice" || !chosen || d.CorrectResponsesPattern != nil {
			t.Errorf("judgement question: %s", raw)
		}
	}
	return st.Verb.ID[strings.LastIndex(st.Verb.ID, "/")+1:]
}

// Every kind of statement Tandem exports passes Learning Locker's xAPI validator, is stored
// once and read back unchanged after the learner renames themselves, and is accepted by
// Learning Locker's LRS.
func TestExportedStatementsAreValidXAPIAndNeverRebuilt(t *testing.T) {
	lrs := testenv.StartLRS(t)
	env := testenv.New(t)
	learner, instructor, cohortID := everyKindOfEvent(t, env)
	mine := allStatements(t, env, learner, "/api/v1/me/statements")
	staff := allStatements(t, env, instructor, "/api/v1/me/statements")
	cohort := allStatements(t, env, instructor, "/api/v1/cohorts/"+cohortID+"/statements")
	all := append(append(append([]json.RawMessage{}, mine...), staff...), cohort...)
	testenv.ValidateStatements(t, all)
	verbs := map[string]bool{}
	for _, raw := range all {
		verbs[checkStatement(t, raw, env.Config.BaseURL)] = true
		if bytes.Contains(raw, []byte(learner.Email)) || bytes.Contains(raw, []byte(learner.Name)) {
			t.Errorf("a statement names the learner: %s", raw)
		}
	}
	var got []string
	for v := range verbs {
		got = append(got, v)
	}
	sort.Strings(got)
	if strings.Join(got, " ") != "answered attempted commented completed earned interacted passed registered responded scored shared submit" {
		t.Fatalf("verbs exported: %v", got)
	}

	if resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]string{"name": "Dr Renamed"}}); resp.Status != http.StatusOK {
		t.Fatalf("rename: %d", resp.Status)
	}
	again := allStatements(t, env, learner, "/api/v1/me/statements")
	if len(again) != len(mine) {
		t.Fatalf("%d statements after the rename, %d before", len(again), len(mine))
	}
	for i := range mine {
		if !bytes.Equal(mine[i], again[i]) {
			t.Fatalf("statement %d changed after the rename:\n%s\n%s", i, mine[i], again[i])
		}
	}

	f := &xapi.Forwarder{Outbox: env.App.Store, Endpoint: lrs.Endpoint, Owner: "server-1", Batch: 100,
		Client: &http.Client{Timeout: 10 * time.Second}, Log: testenv.Logger()}
	for {
		n, err := f.Once(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
	}
	for _, u := range []*testenv.User{learner, instructor} {
		if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE forwarded_at IS NULL AND user_id = ?", u.ID); n != "0" {
			t.Fatalf("%s events not forwarded: %s", n, env.Scalar("SELECT MAX(lrs_reason) FROM progress_events WHERE user_id = ?", u.ID))
		}
	}
	for _, raw := range all {
		lrs.Holds(t, string(raw))
	}
}
