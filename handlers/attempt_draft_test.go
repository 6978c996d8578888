package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

func saveDraft(env *testenv.Env, u *testenv.User, id string, answers []map[string]any) *testenv.Response {
	return env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/attempts/" + id + "/draft", Token: u.AccessToken,
		Body: map[string]any{"answers": answers}})
}

// Answers saved while an attempt is open come back with it (on any device: the server keeps
// them); only the learner may save them; a submitted attempt's draft is gone.
func TestAttemptDraftSavedRestoredAndGoneOnSubmit(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	a := start(t, env, u, evalQuiz)
	partial := env.InAttempt(u, a.ID, rightAnswers("deploy")[:2])
	if r := saveDraft(env, u, a.ID, partial); r.Status != http.StatusOK {
		t.Fatalf("save: %d %s", r.Status, r.Body)
	}
	var got struct {
		Draft []struct {
			QuestionID string   `json:"question_id"`
			ChoiceIDs  []string `json:"choice_ids"`
		} `json:"draft"`
		DraftSavedAt string `json:"draft_saved_at"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: u.AccessToken}).Decode(t, &got)
	if len(got.Draft) != 2 || got.Draft[0].QuestionID != partial[0]["question_id"] || len(got.Draft[1].ChoiceIDs) != 2 || got.DraftSavedAt == "" {
		t.Fatalf("draft read back: %+v", got)
	}

	stranger := env.Learner("nursing")
	if r := saveDraft(env, stranger, a.ID, nil); r.Status != http.StatusNotFound {
		t.Errorf("a stranger's save: %d", r.Status)
	}
	for name, answers := range map[string][]map[string]any{
		"another quiz's question": {{"question_id": "other-quiz.single", "choice_ids": []string{"x"}}},
		"an unknown option":       {{"question_id": evalQuiz + ".single", "choice_ids": []string{"not-an-option"}}},
		"a question twice":        {partial[0], partial[0]},
	} {
		if r := saveDraft(env, u, a.ID, answers); r.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	long := []map[string]any{{"question_id": evalQuiz + ".short", "text": strings.Repeat("word ", 14000)}}
	if r := saveDraft(env, u, a.ID, long); r.Status != http.StatusRequestEntityTooLarge || r.ErrorCode() != "draft_too_large" {
		t.Errorf("a 70 KB draft: %d %s", r.Status, r.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE id = ? AND draft LIKE '%word word%'", a.ID); n != "0" {
		t.Error("a refused draft was stored")
	}

	if r := submit(env, u, a.ID, rightAnswers("deploy")); r.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", r.Status, r.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE id = ? AND draft = '' AND draft_saved_at IS NULL", a.ID); n != "1" {
		t.Error("the submitted attempt keeps its draft")
	}
	if body := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: u.AccessToken}).Body; strings.Contains(string(body), `"draft"`) {
		t.Errorf("a submitted attempt shows a draft: %.200s", body)
	}
	if r := saveDraft(env, u, a.ID, partial); r.Status != http.StatusConflict || r.ErrorCode() != "already_submitted" {
		t.Errorf("a draft after submission: %d %s", r.Status, r.Body)
	}
}
