package handlers_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"strconv"
	"testing"

	"tandem/quizzes/quiztest"
	"tandem/testenv"
)

// TestBlindLearnersPassNoShippedQuiz plays every shipped quiz through the API as learners who
// know nothing of the material and answer only from what an attempt shows: by position, by
// the opaque ids, by the options' wording, numbers and text left blank. Their scores stay at
// guessing level, far below the pass marks. A lucky guess can pass a quiz now and then (about
// one attempt in 400 to 2,000 on the shipped quizzes, by quiztest's tours), so of the 96
// attempts at most two may pass: three or more would take odds below one in a thousand.
func TestBlindLearnersPassNoShippedQuiz(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = ""
	env := testenv.NewWith(t, cfg)
	rng := rand.New(rand.NewPCG(15, 15))
	var passed []string
	sums := map[string]float64{}
	learners := make([]*testenv.User, len(quiztest.Strategies))
	for i := range learners {
		learners[i] = env.Learner("medicine")
	}
	for _, quiz := range env.App.Catalog.Quizzes() {
		for i, s := range quiztest.Strategies {
			u := learners[i]
			var a struct {
				ID        string           `json:"id"`
				Questions []quiztest.Shown `json:"questions"`
			}
			start := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + quiz.Slug + "/attempts", Token: u.AccessToken})
			if start.Status != http.StatusCreated {
				t.Fatalf("%s: start %d %s", quiz.Slug, start.Status, start.Body)
			}
			start.Decode(t, &a)
			submit := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + a.ID + "/submit", Token: u.AccessToken,
				Body: map[string]any{"answers": s.Answers(a.Questions, rng)}})
			if submit.Status != http.StatusOK {
				t.Fatalf("%s, %s: submit %d %s", quiz.Slug, s.Name, submit.Status, submit.Body)
			}
			percent, _ := strconv.ParseFloat(env.Scalar("SELECT percent FROM quiz_attempts WHERE id = ?", a.ID), 64)
			sums[s.Name] += percent
			if env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE id = ? AND passed", a.ID) != "0" {
				passed = append(passed, fmt.Sprintf("%s by %q (%.1f%%)", quiz.Slug, s.Name, percent))
			}
		}
	}
	if len(passed) > 2 {
		t.Errorf("blind answers passed %d times: %v", len(passed), passed)
	}
	for name, sum := range sums {
		if mean := sum / float64(len(env.App.Catalog.Quizzes())); mean > 45 {
			t.Errorf("answering by %q scores %.1f%% on average over the shipped quizzes", name, mean)
		}
	}
}
