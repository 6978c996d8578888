package handlers_test

import (
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"

	"tandem/testenv"
)

type progressBody struct {
	Tracks []struct {
		Slug     string  `json:"slug"`
		Enrolled bool    `json:"enrolled"`
		Percent  float64 `json:"percent"`
		Resume   *struct {
			Kind, Slug, Module string
		} `json:"resume"`
		Modules []struct {
			Slug             string   `json:"slug"`
			LessonsCompleted int      `json:"lessons_completed"`
			LessonsTotal     int      `json:"lessons_total"`
			QuizBestPercent  *float64 `json:"quiz_best_percent"`
			QuizPassed       bool     `json:"quiz_passed"`
			Completed        bool     `json:"completed"`
			CompletedLessons []string `json:"completed_lessons"`
			Revised          []string `json:"revised_lessons"`
		} `json:"modules"`
	} `json:"tracks"`
}

func progressOf(t *testing.T, env *testenv.Env, u *testenv.User, track string) (p struct {
	Percent  float64
	Enrolled bool
	Resume   string
	Modules  map[string]int
	Passed   map[string]bool
	Done     map[string]bool
	Revised  map[string][]string
}) {
	t.Helper()
	var body progressBody
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/progress", Token: u.AccessToken}).Decode(t, &body)
	p.Modules, p.Passed, p.Done, p.Revised = map[string]int{}, map[string]bool{}, map[string]bool{}, map[string][]string{}
	for _, tr := range body.Tracks {
		if tr.Slug != track {
			continue
		}
		p.Percent, p.Enrolled = tr.Percent, tr.Enrolled
		if tr.Resume != nil {
			p.Resume = tr.Resume.Kind + ":" + tr.Resume.Slug
		}
		for _, m := range tr.Modules {
			if len(m.CompletedLessons) != m.LessonsCompleted {
				t.Fatalf("%s: %d lessons completed but %v listed", m.Slug, m.LessonsCompleted, m.CompletedLessons)
			}
			p.Modules[m.Slug], p.Passed[m.Slug], p.Done[m.Slug], p.Revised[m.Slug] = m.LessonsCompleted, m.QuizPassed, m.Completed, m.Revised
		}
		return p
	}
	t.Fatalf("track %s not in progress", track)
	return p
}

func complete(t *testing.T, env *testenv.Env, u *testenv.User, lesson string) {
	t.Helper()
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/complete", Token: u.AccessToken}); resp.Status != http.StatusOK {
		t.Fatalf("complete %s: %d %s", lesson, resp.Status, resp.Body)
	}
}

func TestProgressMovesWithLessonsAndQuizzes(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	first := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: u.AccessToken})
	again := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: u.AccessToken})
	if first.Status != http.StatusCreated || again.Status != http.StatusOK || first.JSON(t)["id"] != again.JSON(t)["id"] {
		t.Fatalf("enrol: %d then %d", first.Status, again.Status)
	}
	cat := env.App.Catalog
	mod := cat.Tracks[0].Modules[0]
	p := progressOf(t, env, u, "clinicians")
	if !p.Enrolled || p.Percent != 0 || p.Resume != "lesson:"+mod.Lessons[0].Slug {
		t.Fatalf("start: %+v", p)
	}
	for _, l := range mod.Lessons {
		complete(t, env, u, l.Slug)
	}
	p = progressOf(t, env, u, "clinicians")
	next := cat.Tracks[0].Modules[1].Lessons[0].Slug
	if p.Modules[mod.Slug] != len(mod.Lessons) || p.Done[mod.Slug] || p.Resume != "lesson:"+next {
		t.Fatalf("lessons done, quiz not taken: %+v", p)
	}
	a := start(t, env, u, evalQuiz)
	submit(env, u, a.ID, rightAnswers("wait"))
	p = progressOf(t, env, u, "clinicians")
	if !p.Passed[mod.Slug] || !p.Done[mod.Slug] || p.Percent != 50 {
		t.Fatalf("module passed: %+v", p)
	}
	// A worse later attempt does not undo a pass when the best attempt counts.
	b := start(t, env, u, evalQuiz)
	submit(env, u, b.ID, nil)
	if p = progressOf(t, env, u, "clinicians"); !p.Done[mod.Slug] {
		t.Fatalf("best-attempt quiz lost its pass: %+v", p)
	}
	for _, l := range cat.Tracks[0].Modules[1].Lessons {
		complete(t, env, u, l.Slug)
	}
	if p = progressOf(t, env, u, "clinicians"); p.Resume != "quiz:clin-deployment-quiz" {
		t.Fatalf("resume at the remaining quiz: %+v", p)
	}
}

func TestLastAttemptGradingCanUndoAPass(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	pass := []map[string]any{
		{"question_id": "clin-deployment-quiz.q1", "choice_ids": []string{"false"}},
		{"question_id": "clin-deployment-quiz.q2", "value": 10},
	}
	take := func(answers []map[string]any) {
		a := start(t, env, u, "clin-deployment-quiz")
		if resp := submit(env, u, a.ID, answers); resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
	take(pass)
	if p := progressOf(t, env, u, "clinicians"); !p.Passed["clin-deployment"] {
		t.Fatalf("after passing: %+v", p)
	}
	take(nil)
	if p := progressOf(t, env, u, "clinicians"); p.Passed["clin-deployment"] {
		t.Fatalf("the last attempt counts, and it failed: %+v", p)
	}
}

func TestCompletionIsIdempotentUnderConcurrency(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("data_science")
	lesson := env.App.Catalog.Lessons()[0].Slug
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/complete", Token: u.AccessToken})
			env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/technologists/enrol", Token: u.AccessToken})
		})
	}
	wg.Wait()
	for table, want := range map[string]string{"lesson_completions": "1", "enrolments": "1"} {
		if got := env.Scalar("SELECT COUNT(*) FROM "+table+" WHERE user_id = ?", u.ID); got != want {
			t.Errorf("%s rows: %s, want %s", table, got, want)
		}
	}
	if got := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE user_id = ? AND verb IN ('completed', 'registered')", u.ID); got != "2" {
		t.Errorf("events: %s, want 2 (one completion, one enrolment)", got)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/nope/complete", Token: u.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("unknown lesson: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/nope/enrol", Token: u.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("unknown track: %d", resp.Status)
	}
}

func TestRevisedLessonStaysCompletedAndIsFlagged(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	l := env.App.Catalog.Lessons()[0]
	complete(t, env, u, l.Slug)
	env.Exec("UPDATE lesson_completions SET lesson_hash = ? WHERE user_id = ?", "an-older-version", u.ID)
	p := progressOf(t, env, u, l.Module.Track.Slug)
	if p.Modules[l.Module.Slug] != 1 || len(p.Revised[l.Module.Slug]) != 1 || p.Revised[l.Module.Slug][0] != l.Slug {
		t.Fatalf("revised lesson: %+v", p)
	}
}

func TestStatementsAreXAPI(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("computer_science")
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: u.AccessToken})
	complete(t, env, u, env.App.Catalog.Lessons()[0].Slug)
	a := start(t, env, u, evalQuiz)
	submit(env, u, a.ID, rightAnswers("deploy"))
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/statements", Token: u.AccessToken})
	if resp.Header.Get("X-Experience-API-Version") != "1.0.3" {
		t.Errorf("version header: %q", resp.Header.Get("X-Experience-API-Version"))
	}
	var body struct {
		Statements []struct {
			Actor struct {
				Name    *string                         `json:"name"`
				Mbox    *string                         `json:"mbox"`
				Account struct{ HomePage, Name string } `json:"account"`
			} `json:"actor"`
			Verb struct {
				ID string `json:"id"`
			} `json:"verb"`
			Object struct {
				ID string `json:"id"`
			} `json:"object"`
			Result *struct {
				Score *struct {
					Scaled float64 `json:"scaled"`
					Raw    float64 `json:"raw"`
					Max    float64 `json:"max"`
				} `json:"score"`
				Success  *bool  `json:"success"`
				Response string `json:"response"`
			} `json:"result"`
			Context struct {
				ContextActivities *struct {
					Parent []struct{ ID string } `json:"parent"`
				} `json:"contextActivities"`
			} `json:"context"`
			Version *string `json:"version"`
		} `json:"statements"`
	}
	resp.Decode(t, &body)
	verbs := []string{}
	for _, st := range body.Statements {
		verbs = append(verbs, st.Verb.ID[strings.LastIndex(st.Verb.ID, "/")+1:])
		if st.Actor.Account.Name != u.ID || st.Actor.Account.HomePage != env.Config.BaseURL || st.Actor.Name != nil || st.Actor.Mbox != nil || st.Version != nil {
			t.Errorf("statement: %+v", st)
		}
		if st.Verb.ID == "http://adlnet.gov/expapi/verbs/passed" {
			if st.Result == nil || st.Result.Score == nil || st.Result.Score.Scaled != 1 || st.Result.Score.Max != 9 || st.Result.Success == nil || !*st.Result.Success {
				t.Errorf("passed statement result: %+v", st.Result)
			}
			if st.Context.ContextActivities == nil || !strings.HasSuffix(st.Context.ContextActivities.Parent[0].ID, "/track/clinicians") {
				t.Errorf("passed statement has no track parent: %+v", st.Context)
			}
		}
	}
	// The pass and the judgement answer happen in the same submission, in either order.
	sort.Strings(verbs[3:])
	want := "registered completed attempted answered passed"
	if strings.Join(verbs, " ") != want {
		t.Fatalf("verbs %v, want %s", verbs, want)
	}
	page := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/statements?limit=2", Token: u.AccessToken}).JSON(t)
	if more, _ := page["more"].(string); more == "" || len(page["statements"].([]any)) != 2 {
		t.Fatalf("paging: %v", page)
	}
}

func TestExportAndErasure(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol", Token: u.AccessToken})
	a := start(t, env, u, evalQuiz)
	submit(env, u, a.ID, rightAnswers("wait"))
	lesson := env.App.Catalog.Lessons()[0].Slug
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/feedback", Token: u.AccessToken,
		Body: map[string]any{"rating": 2, "kind": "unclear", "comment": "My ward sister asked about this."}})
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: u.AccessToken})
	body := string(resp.Body)
	for _, want := range []string{u.Email, `"enrolments"`, evalQuiz, "My ward sister", `"learning_events"`} {
		if !strings.Contains(body, want) {
			t.Errorf("export lacks %s", want)
		}
	}
	if strings.Contains(body, "argon2") || strings.Contains(body, "token_hash") {
		t.Fatal("export contains secrets")
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"password": "not mine"}}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("erase with a wrong password: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"password": u.Password}}); resp.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", resp.Status, resp.Body)
	}
	if got := env.Scalar("SELECT COUNT(*) FROM users WHERE id = ? AND (email = ? OR name = ? OR institution <> '')", u.ID, u.Email, u.Name); got != "0" {
		t.Errorf("personal data still stored: %s rows", got)
	}
	if got := env.Scalar("SELECT comment FROM lesson_feedbacks WHERE user_id = ?", u.ID); got != "" {
		t.Errorf("comment kept: %q", got)
	}
	if got := env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE user_id = ?", u.ID); got != "1" {
		t.Errorf("anonymised learning records: %s attempts kept, want 1", got)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": u.Email, "password": u.Password}}); resp.Status != http.StatusUnauthorized {
		t.Errorf("login after erasure: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}}); resp.Status != http.StatusUnauthorized {
		t.Errorf("refresh after erasure: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); resp.Status != http.StatusUnauthorized {
		t.Errorf("me after erasure: %d", resp.Status)
	}
	// The address is free again.
	again := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": u.Email, "password": "a fresh start passphrase", "name": "New", "discipline": "nursing"}})
	if again.Status != http.StatusCreated {
		t.Errorf("register the erased address again: %d %s", again.Status, again.Body)
	}
}
