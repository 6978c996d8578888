package handlers_test

import (
	"encoding/csv"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

type dashboardRows struct {
	Modules []struct {
		Slug string `json:"slug"`
	} `json:"modules"`
	Learners []struct {
		UserID  string `json:"user_id"`
		Modules []struct {
			Lessons     int      `json:"lessons_completed"`
			QuizPercent *float64 `json:"quiz_percent"`
		} `json:"modules"`
	} `json:"learners"`
}

func dashboardOf(t *testing.T, env *testenv.Env, instructor *testenv.User, cohortID string) dashboardRows {
	t.Helper()
	var d dashboardRows
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + cohortID + "/progress", Token: instructor.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("dashboard: %d %s", resp.Status, resp.Body)
	}
	resp.Decode(t, &d)
	return d
}

// statement is what these tests read of an xAPI statement.
type statement struct {
	Actor struct {
		Account struct {
			Name string `json:"name"`
		} `json:"account"`
	} `json:"actor"`
	Verb struct {
		ID string `json:"id"`
	} `json:"verb"`
	Object struct {
		ID string `json:"id"`
	} `json:"object"`
}

func statementsOf(t *testing.T, env *testenv.Env, instructor *testenv.User, cohortID string) []statement {
	t.Helper()
	var body struct {
		Statements []statement `json:"statements"`
	}
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + cohortID + "/statements?limit=500", Token: instructor.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("statements: %d %s", resp.Status, resp.Body)
	}
	resp.Decode(t, &body)
	return body.Statements
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// objects lists the object ids of the statements about user.
func objects(statements []statement, user *testenv.User) []string {
	var out []string
	for _, s := range statements {
		if s.Actor.Account.Name == user.ID {
			out = append(out, s.Object.ID)
		}
	}
	return out
}

// The second half of issue 16's first reproduction: a cohort's instructors read a learner's
// whole history, other cohorts' work included. Now they read what the learner did since
// joining, on the cohort's tracks and in the cohort's teams.
func TestInstructorsReadOnlyTheirCohortSinceJoining(t *testing.T) {
	env := testenv.New(t)
	teacherA, teacherB := env.WithRole(auth.RoleInstructor, "medicine"), env.WithRole(auth.RoleInstructor, "data_science")
	learner, mate := env.Learner("medicine"), env.Learner("computer_science")
	cohortB := newCohort(t, env, teacherB, learner, mate)
	team := formPairs(t, env, teacherB, cohortB, 1).Teams[0].ID
	exercise := env.App.Catalog.Exercises()[0].Slug
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: learner.AccessToken,
		Body: map[string]any{"exercise": exercise, "body_markdown": "Our spec."}}); resp.Status != http.StatusCreated {
		t.Fatalf("submit in cohort B: %d %s", resp.Status, resp.Body)
	}
	clin, _ := env.App.Catalog.Track("clinicians")
	tech, _ := env.App.Catalog.Track("technologists")
	before, after := clin.Modules[0].Lessons[0].Slug, clin.Modules[0].Lessons[1].Slug
	complete(t, env, learner, before)
	complete(t, env, learner, tech.Modules[0].Lessons[0].Slug)
	a := start(t, env, learner, evalQuiz)
	submit(env, learner, a.ID, rightAnswers("wait"))

	cohortA := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: teacherA.AccessToken,
		Body: map[string]any{"name": "Clinicians only", "tracks": []string{"clinicians"}}}).JSON(t)["id"].(string)
	join(t, env, teacherA, cohortA, learner)
	complete(t, env, learner, after)

	d := dashboardOf(t, env, teacherA, cohortA)
	if len(d.Learners) != 1 || d.Learners[0].Modules[0].Lessons != 1 || d.Learners[0].Modules[0].QuizPercent != nil {
		t.Fatalf("cohort A's dashboard counts work from before the learner joined: %s", mustJSON(t, d.Learners))
	}
	csvRows, err := csv.NewReader(strings.NewReader(string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + cohortA + "/progress?format=csv", Token: teacherA.AccessToken}).Body))).ReadAll()
	if err != nil || len(csvRows) != 2 {
		t.Fatalf("cohort A's CSV: %v %v", csvRows, err)
	}
	for i, col := range csvRows[0] {
		want := map[string]string{clin.Modules[0].Slug + " lessons completed": "1", clin.Modules[0].Slug + " quiz percent": ""}
		if w, ok := want[col]; ok && csvRows[1][i] != w {
			t.Errorf("cohort A's CSV: %s is %q, want %q (work since joining only)", col, csvRows[1][i], w)
		}
	}
	seenA := objects(statementsOf(t, env, teacherA, cohortA), learner)
	if len(seenA) != 1 || !slices.ContainsFunc(seenA, func(o string) bool { return o == "http://tandem.test/activities/lesson/"+after }) {
		t.Fatalf("cohort A's statements about the learner: %v, want the lesson completed since joining only", seenA)
	}
	// Cohort B's instructor, whom the learner joined first, sees the team's work and both tracks.
	seenB := objects(statementsOf(t, env, teacherB, cohortB), learner)
	if !slices.Contains(seenB, "http://tandem.test/activities/exercise/"+exercise) || !slices.Contains(seenB, "http://tandem.test/activities/lesson/"+tech.Modules[0].Lessons[0].Slug) {
		t.Fatalf("cohort B's statements about the learner: %v", seenB)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/teams/" + team + "/submissions", Token: teacherA.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("cohort A's instructor reads cohort B's team work: %d", resp.Status)
	}
}

// A learner leaves a cohort: out of its member list, dashboard, statements and team, with the
// peer ratings given and received there withdrawn; the team's work stays.
func TestLearnerLeavesCohort(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	leaver, stayer := env.Learner("nursing"), env.Learner("engineering")
	id := newCohort(t, env, instructor, leaver, stayer)
	team := formPairs(t, env, instructor, id, 1).Teams[0].ID
	exercise := env.App.Catalog.Exercises()[0].Slug
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: leaver.AccessToken,
		Body: map[string]any{"exercise": exercise, "body_markdown": "Draft."}})
	scores := map[string]int{"contributing": 4, "interacting": 4, "keeping_on_track": 4, "expecting_quality": 4, "relevant_knowledge": 4}
	for _, pair := range [][2]*testenv.User{{leaver, stayer}, {stayer, leaver}} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/peer-evaluations", Token: pair[0].AccessToken,
			Body: map[string]any{"exercise": exercise, "ratee_id": pair[1].ID, "ratings": scores}}); resp.Status != http.StatusCreated {
			t.Fatalf("rate: %d %s", resp.Status, resp.Body)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/leave", Token: instructor.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("an instructor leaves: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/leave", Token: leaver.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("leave: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/leave", Token: leaver.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("leave again: %d", resp.Status)
	}
	if list := members(t, env, instructor, id); len(list.Members) != 1 || list.Members[0].UserID != stayer.ID {
		t.Fatalf("members after leaving: %+v", list.Members)
	}
	if d := dashboardOf(t, env, instructor, id); len(d.Learners) != 1 || d.Learners[0].UserID != stayer.ID {
		t.Fatalf("dashboard after leaving: %d rows", len(d.Learners))
	}
	if seen := objects(statementsOf(t, env, instructor, id), leaver); len(seen) != 0 {
		t.Fatalf("statements still show the learner who left: %v", seen)
	}
	body := string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/teams", Token: instructor.AccessToken}).Body)
	if slices.Contains(jsonStrings(body), leaver.ID) {
		t.Fatalf("the team still lists the learner who left: %s", body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM peer_evaluations WHERE team_id = ?", team); n != "0" {
		t.Fatalf("%s peer ratings left in the team", n)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM submissions WHERE team_id = ?", team); n != "1" {
		t.Fatalf("the team's work: %s versions, want 1", n)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id, Token: leaver.AccessToken}); resp.Status != http.StatusNotFound {
		t.Fatalf("the learner who left reads the cohort: %d", resp.Status)
	}
}

// jsonStrings returns every string in a JSON document.
func jsonStrings(body string) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			out = append(out, x)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	var v any
	_ = json.Unmarshal([]byte(body), &v)
	walk(v)
	return out
}
