package uitest

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

// Correct answers to clin-evaluation-quiz (testenv/catalog), one question of every type,
// keyed by question id; the judgement question has no right answer.
var evaluationAnswers = []map[string]any{
	{"question_id": "clin-evaluation-quiz.single", "choice_ids": []string{"ppv"}},
	{"question_id": "clin-evaluation-quiz.multi", "choice_ids": []string{"sens", "spec"}},
	{"question_id": "clin-evaluation-quiz.tf", "choice_ids": []string{"true"}},
	{"question_id": "clin-evaluation-quiz.num", "value": 50},
	{"question_id": "clin-evaluation-quiz.short", "text": "ROC"},
	{"question_id": "clin-evaluation-quiz.order", "order": []string{"dev", "internal", "external", "prospective"}},
	{"question_id": "clin-evaluation-quiz.match", "pairs": map[string]string{"sens": "sick", "ppv": "alarm"}},
	{"question_id": "clin-evaluation-quiz.judge", "choice_ids": []string{"wait"}},
}

// startAttempt starts an attempt for u through the API and returns its id.
func startAttempt(t *testing.T, env *testenv.Env, u *testenv.User, quiz string) string {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + quiz + "/attempts", Token: u.AccessToken})
	if resp.Status != http.StatusCreated {
		t.Fatalf("start %s: %d %s", quiz, resp.Status, resp.Body)
	}
	var a struct {
		ID string `json:"id"`
	}
	resp.Decode(t, &a)
	return a.ID
}

// passEvaluationQuiz has u pass clin-evaluation-quiz through the API; returns the attempt id.
func passEvaluationQuiz(t *testing.T, env *testenv.Env, u *testenv.User) string {
	t.Helper()
	id := startAttempt(t, env, u, "clin-evaluation-quiz")
	submitAPI(t, env, u, id, evaluationAnswers)
	return id
}

// submitAPI submits answers written with the catalogue's ids to attempt id through the API.
func submitAPI(t *testing.T, env *testenv.Env, u *testenv.User, id string, answers []map[string]any) {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + id + "/submit", Token: u.AccessToken,
		Body: map[string]any{"answers": env.InAttempt(u, id, answers)}})
	if resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
}
