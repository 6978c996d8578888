package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/auth"
	"tandem/models"
	"tandem/testenv"
)

// summarySnapshot is every summary row, cell and counter, and what the dashboards show of them.
type summarySnapshot struct {
	rows       []models.CohortProgress
	cells      []models.CohortProgressCell
	counts     []models.CohortProgressCount
	dashboards []string
}

// TestSummariesMatchARebuildAfterARandomWorkload runs learners through a random mix of what
// moves a cohort's dashboard, several at once: joining by code, completing lessons, passing
// and failing quizzes that count the best and the last attempt, leaving and joining again,
// changing name and discipline, erasing the account. The summary tables kept along the way
// must be exactly what `tandem rebuild-summaries` computes from the records afterwards, and so
// must every dashboard.
func TestSummariesMatchARebuildAfterARandomWorkload(t *testing.T) {
	env := testenv.New(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	both := newCohort(t, env, instructor)
	clinOnly := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken,
		Body: map[string]any{"name": "Clinicians only", "tracks": []string{"clinicians"}}}).JSON(t)["id"].(string)
	cohorts := []string{both, clinOnly}
	codes := map[string]string{}
	for _, id := range cohorts {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/join-code", Token: instructor.AccessToken,
			Body: map[string]int{"expires_in_days": 30}})
		if resp.Status != http.StatusCreated {
			t.Fatalf("join code: %d %s", resp.Status, resp.Body)
		}
		codes[id] = resp.JSON(t)["code"].(string)
	}
	var lessons []string
	for _, track := range env.App.Catalog.Tracks {
		for _, m := range track.Modules {
			for _, l := range m.Lessons {
				lessons = append(lessons, l.Slug)
			}
		}
	}
	disciplines := []string{"medicine", "nursing", "computer_science", "data_science", "other"}
	learners := make([]*testenv.User, 10)
	for i := range learners {
		learners[i] = env.Learner(disciplines[i%len(disciplines)])
	}
	w := &summaryWorkload{env: env, instructor: instructor, cohorts: cohorts, codes: codes, lessons: lessons, teamOf: map[string]string{}}
	w.run(t, seed, learners, 0)
	// Teams formed halfway: the members in them by then, and later versions of their work and
	// their reviews, move the team counters too.
	for i, id := range cohorts {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/teams/form", Token: instructor.AccessToken,
			Body: map[string]any{"team_size": 2, "seed": i + 1}})
		if resp.Status != http.StatusCreated {
			t.Fatalf("form teams: %d %s", resp.Status, resp.Body)
		}
		var formed teamsBody
		resp.Decode(t, &formed)
		for _, team := range formed.Teams {
			for _, m := range team.Members {
				w.teamOf[m.UserID] = team.ID
			}
		}
	}
	w.run(t, seed, learners, 1)
	// At least one team's work accepted, whatever the dice said.
	sent := false
	for _, u := range learners[1:] {
		if w.teamOf[u.ID] != "" && !sent {
			var err error
			if sent, err = w.sendWork(rand.New(rand.NewPCG(seed, 99)), u, "accept"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: learners[0].AccessToken,
		Body: map[string]string{"password": learners[0].Password}}); resp.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", resp.Status, resp.Body)
	}
	live := snapshotSummaries(t, env, instructor, cohorts)
	if len(live.rows) == 0 || len(live.cells) == 0 {
		t.Fatalf("the workload left no summaries: %d rows, %d cells", len(live.rows), len(live.cells))
	}
	var inTeams, accepted int64
	for _, c := range live.counts {
		if c.Item == models.TeamCounter {
			inTeams += c.Learners
		}
		if strings.HasPrefix(c.Item, models.ExerciseCounter) {
			accepted += c.Completed
		}
	}
	if inTeams == 0 || accepted == 0 {
		t.Fatalf("the workload left no team work to count: %d in teams, %d accepted", inTeams, accepted)
	}
	n, err := env.App.Store.RebuildSummaries(context.Background())
	if err != nil || n < len(cohorts) {
		t.Fatalf("rebuild: %d cohorts, %v", n, err)
	}
	rebuilt := snapshotSummaries(t, env, instructor, cohorts)
	if !reflect.DeepEqual(live.rows, rebuilt.rows) {
		t.Fatalf("summary rows differ from a rebuild:\nlive    %+v\nrebuilt %+v", live.rows, rebuilt.rows)
	}
	if !reflect.DeepEqual(live.cells, rebuilt.cells) {
		t.Fatalf("cells differ from a rebuild:\nlive    %+v\nrebuilt %+v", live.cells, rebuilt.cells)
	}
	if !reflect.DeepEqual(live.counts, rebuilt.counts) {
		t.Fatalf("counters differ from a rebuild:\nlive    %+v\nrebuilt %+v", live.counts, rebuilt.counts)
	}
	for i := range cohorts {
		if live.dashboards[i] != rebuilt.dashboards[i] {
			t.Fatalf("dashboard differs from a rebuild:\nlive    %s\nrebuilt %s", live.dashboards[i], rebuilt.dashboards[i])
		}
	}
}

// summaryWorkload is the random workload: the cohorts with their join codes, the lessons, and
// once teams are formed, each learner's team in the cohort they were formed in.
type summaryWorkload struct {
	env        *testenv.Env
	instructor *testenv.User
	cohorts    []string
	codes      map[string]string
	lessons    []string
	teamOf     map[string]string // written before the workers of a phase start, read by them
}

// run has workers act for the learners, 40 steps each. Each worker acts for its own learners,
// so a learner's steps keep their order; workers run at once, so learners in the same cohort
// write its counters together.
func (w *summaryWorkload) run(t *testing.T, seed uint64, learners []*testenv.User, phase uint64) {
	t.Helper()
	const workers = 4
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for n := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, phase<<8|uint64(n)))
			for step := 0; step < 20; step++ {
				u := learners[n+workers*rng.IntN((len(learners)-n+workers-1)/workers)]
				if err := w.step(rng, u); err != nil {
					errs <- fmt.Errorf("phase %d worker %d step %d: %w", phase, n, step, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// step has u do one random thing that moves a dashboard.
func (w *summaryWorkload) step(rng *rand.Rand, u *testenv.User) error {
	env := w.env
	do := func(r testenv.Request, want ...int) error {
		if r.Token == "" {
			r.Token = u.AccessToken
		}
		resp := env.Do(r)
		for _, s := range want {
			if resp.Status == s {
				return nil
			}
		}
		return fmt.Errorf("%s %s: %d %s", r.Method, r.Path, resp.Status, resp.Body)
	}
	cohort := w.cohorts[rng.IntN(len(w.cohorts))]
	switch n := rng.IntN(24); {
	case n < 4:
		return do(testenv.Request{Method: "POST", Path: "/api/v1/join-codes/redeem", Body: map[string]string{"code": w.codes[cohort]}}, http.StatusOK, http.StatusCreated)
	case n < 10:
		return do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + w.lessons[rng.IntN(len(w.lessons))] + "/complete"}, http.StatusOK)
	case n < 14:
		return quizStep(env, rng, u)
	case n < 15:
		return do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohort + "/leave"}, http.StatusNoContent, http.StatusNotFound)
	case n < 20:
		_, err := w.sendWork(rng, u, []string{"accept", "accept", "revise"}[rng.IntN(3)])
		return err
	case n < 22:
		return do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Body: map[string]string{"name": fmt.Sprintf("Learner %03d", rng.IntN(1000))}}, http.StatusOK)
	default:
		d := []string{"medicine", "computer_science", "other"}[rng.IntN(3)]
		return do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Body: map[string]string{"discipline": d}}, http.StatusOK)
	}
}

// sendWork has u send a version of their team's work on a random exercise, and the instructor
// review it with decision; it reports whether u was in a team to send it.
func (w *summaryWorkload) sendWork(rng *rand.Rand, u *testenv.User, decision string) (bool, error) {
	env := w.env
	team := w.teamOf[u.ID]
	if team == "" {
		return false, nil
	}
	xs := env.App.Catalog.Exercises()
	ex := xs[rng.IntN(len(xs))]
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: u.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": "Our work."}})
	if resp.Status == http.StatusForbidden || resp.Status == http.StatusNotFound { // they left the cohort, and the team
		return false, nil
	}
	if resp.Status != http.StatusCreated {
		return false, fmt.Errorf("send work: %d %s", resp.Status, resp.Body)
	}
	var sub struct{ ID string }
	if err := json.Unmarshal(resp.Body, &sub); err != nil {
		return false, err
	}
	scores := map[string]int{}
	for _, c := range ex.Rubric {
		scores[c.Criterion] = rng.IntN(c.MaxPoints + 1)
	}
	resp = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + sub.ID + "/reviews", Token: w.instructor.AccessToken,
		Body: map[string]any{"decision": decision, "scores": scores}})
	if resp.Status != http.StatusCreated {
		return false, fmt.Errorf("review: %d %s", resp.Status, resp.Body)
	}
	return true, nil
}

// quizStep has u start and submit an attempt at the quiz that counts the best attempt, with
// every answer right or one wrong, or at the one that counts the last, right or wrong.
func quizStep(env *testenv.Env, rng *rand.Rand, u *testenv.User) error {
	quiz, answers := evalQuiz, rightAnswers("wait")
	if rng.IntN(2) == 0 {
		if rng.IntN(2) == 0 {
			answers[0]["choice_ids"] = []string{"sens"}
		}
	} else {
		quiz = "clin-deployment-quiz"
		answers = []map[string]any{{"question_id": quiz + ".q1", "choice_ids": []string{fmt.Sprint(rng.IntN(2) == 0)}},
			{"question_id": quiz + ".q2", "value": 10}}
	}
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + quiz + "/attempts", Token: u.AccessToken})
	if resp.Status == http.StatusConflict && resp.ErrorCode() == "max_attempts_reached" {
		return nil
	}
	if resp.Status != http.StatusCreated {
		return fmt.Errorf("start %s: %d %s", quiz, resp.Status, resp.Body)
	}
	var a struct{ ID string }
	if err := json.Unmarshal(resp.Body, &a); err != nil {
		return err
	}
	if resp := submit(env, u, a.ID, answers); resp.Status != http.StatusOK {
		return fmt.Errorf("submit %s: %d %s", quiz, resp.Status, resp.Body)
	}
	return nil
}

func snapshotSummaries(t *testing.T, env *testenv.Env, instructor *testenv.User, cohorts []string) summarySnapshot {
	t.Helper()
	var s summarySnapshot
	var err error
	if s.rows, s.cells, s.counts, err = env.App.Store.SummaryRows(context.Background()); err != nil {
		t.Fatal(err)
	}
	for _, id := range cohorts {
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress?sort=progress&order=desc", Token: instructor.AccessToken})
		if resp.Status != http.StatusOK {
			t.Fatalf("dashboard: %d %s", resp.Status, resp.Body)
		}
		s.dashboards = append(s.dashboards, string(resp.Body))
	}
	return s
}

// TestSummariesFollowACatalogueWhoseModulesChange serves, on the same database, a catalogue in
// which a quiz that counted the last attempt counts the best: the server rebuilds the
// summaries when it starts, and the dashboard counts the learner's earlier pass.
func TestSummariesFollowACatalogueWhoseModulesChange(t *testing.T) {
	cfg := testenv.OwnDatabase(t, testenv.Config(t)) // the catalogue changes under this database only
	before := testenv.NewWith(t, cfg)
	instructor := before.WithRole(auth.RoleInstructor, "medicine")
	learner := before.Learner("nursing")
	id := newCohort(t, before, instructor, learner)
	const quiz = "clin-deployment-quiz"
	for _, answer := range []struct {
		tf    string
		value float64
	}{{"false", 10}, {"true", 99}} { // passed, then failed: the last counts
		resp := before.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + quiz + "/attempts", Token: learner.AccessToken})
		if resp.Status != http.StatusCreated {
			t.Fatalf("start: %d %s", resp.Status, resp.Body)
		}
		var a struct{ ID string }
		resp.Decode(t, &a)
		if resp := submit(before, learner, a.ID, []map[string]any{{"question_id": quiz + ".q1", "choice_ids": []string{answer.tf}},
			{"question_id": quiz + ".q2", "value": answer.value}}); resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
	column := func(env *testenv.Env) (percent float64, passed bool) {
		t.Helper()
		var d struct {
			Modules  []struct{ Slug string }
			Learners []struct {
				Modules []struct {
					QuizPercent *float64 `json:"quiz_percent"`
					QuizPassed  bool     `json:"quiz_passed"`
				}
			}
		}
		env.Login(instructor)
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + id + "/progress", Token: instructor.AccessToken})
		if resp.Status != http.StatusOK {
			t.Fatalf("dashboard: %d %s", resp.Status, resp.Body)
		}
		resp.Decode(t, &d)
		for i, m := range d.Modules {
			if m.Slug == "clin-deployment" && len(d.Learners) == 1 && d.Learners[0].Modules[i].QuizPercent != nil {
				return *d.Learners[0].Modules[i].QuizPercent, d.Learners[0].Modules[i].QuizPassed
			}
		}
		t.Fatalf("no quiz result for clin-deployment: %s", resp.Body)
		return 0, false
	}
	if percent, passed := column(before); passed || percent == 100 {
		t.Fatalf("the last attempt counts: %v%%, passed %v", percent, passed)
	}
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-deployment/quiz.yaml", "grading: last", "grading: best")
	after := testenv.NewWith(t, cfg)
	if percent, passed := column(after); !passed || percent != 100 {
		t.Fatalf("after the quiz counts the best attempt: %v%%, passed %v", percent, passed)
	}
}
