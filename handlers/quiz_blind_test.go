package handlers_test

import (
	"math/rand/v2"
	"net/http"
	"testing"

	"tandem/quizzes/quiztest"
	"tandem/testenv"
)

// TestBlindLearnersPassNoShippedQuiz plays every shipped quiz through the API as learners who
// know nothing of the material and answer only from what an attempt shows: by position, by
// the opaque ids, by the options' wording, numbers and text left blank. None may pass.
func TestBlindLearnersPassNoShippedQuiz(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = ""
	env := testenv.NewWith(t, cfg)
	rng := rand.New(rand.NewPCG(15, 15))
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
			if env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE id = ? AND passed", a.ID) != "0" {
				t.Errorf("%s: answering by %q passed (%s%%)", quiz.Slug, s.Name, env.Scalar("SELECT percent FROM quiz_attempts WHERE id = ?", a.ID))
			}
		}
	}
}
