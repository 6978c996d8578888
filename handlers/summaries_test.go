package handlers_test

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"reflect"
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
	// Each worker acts for its own learners, so a learner's steps keep their order; workers
	// run at once, so learners in the same cohort write its counters together.
	const workers = 4
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(seed, uint64(w)))
			for step := 0; step < 40; step++ {
				u := learners[w+workers*rng.IntN((len(learners)-w+workers-1)/workers)]
				if err := summaryStep(env, rng, u, cohorts, codes, lessons); err != nil {
					errs <- fmt.Errorf("worker %d step %d: %w", w, step, err)
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
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: learners[0].AccessToken,
		Body: map[string]string{"password": learners[0].Password}}); resp.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", resp.Status, resp.Body)
	}
	live := snapshotSummaries(t, env, instructor, cohorts)
	if len(live.rows) == 0 || len(live.cells) == 0 {
		t.Fatalf("the workload left no summaries: %d rows, %d cells", len(live.rows), len(live.cells))
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

// summaryStep has u do one random thing that moves a dashboard.
func summaryStep(env *testenv.Env, rng *rand.Rand, u *testenv.User, cohorts []string, codes map[string]string, lessons []string) error {
	do := func(r testenv.Request, want ...int) error {
		r.Token = u.AccessToken
		resp := env.Do(r)
		for _, s := range want {
			if resp.Status == s {
				return nil
			}
		}
		return fmt.Errorf("%s %s: %d %s", r.Method, r.Path, resp.Status, resp.Body)
	}
	cohort := cohorts[rng.IntN(len(cohorts))]
	switch n := rng.IntN(20); {
	case n < 4:
		return do(testenv.Request{Method: "POST", Path: "/api/v1/join-codes/redeem", Body: map[string]string{"code": codes[cohort]}}, http.StatusOK, http.StatusCreated)
	case n < 10:
		return do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lessons[rng.IntN(len(lessons))] + "/complete"}, http.StatusOK)
	case n < 14:
		return quizStep(env, rng, u)
	case n < 16:
		return do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + cohort + "/leave"}, http.StatusNoContent, http.StatusNotFound)
	case n < 18:
		return do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Body: map[string]string{"name": fmt.Sprintf("Learner %03d", rng.IntN(1000))}}, http.StatusOK)
	default:
		d := []string{"medicine", "computer_science", "other"}[rng.IntN(3)]
		return do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Body: map[string]string{"discipline": d}}, http.StatusOK)
	}
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
