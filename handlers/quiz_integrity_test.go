package handlers_test

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"tandem/testenv"
)

// authoredIDs are every option, item and target id of the test quiz as its author wrote them.
var authoredIDs = []string{"ppv", "sens", "spec", "auroc", "true", "false", "dev", "internal", "external", "prospective",
	"sick", "alarm", "wait", "reject", "all", "nights"}

// shownIDs lists the option, item and target ids of an attempt's JSON by question.
func shownIDs(t *testing.T, body []byte) map[string][]string {
	t.Helper()
	var a attemptBody
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, q := range a.Questions {
		for _, c := range slices.Concat(q.Options, q.Items, q.Targets) {
			out[q.ID] = append(out[q.ID], c.ID)
		}
	}
	return out
}

func TestAttemptsShowOnlyTheirOwnOpaqueIDs(t *testing.T) {
	env := testenv.New(t)
	u, v := env.Learner("medicine"), env.Learner("data_science")
	first := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken})
	ids := shownIDs(t, first.Body)
	for q, list := range ids {
		for _, id := range list {
			if slices.Contains(authoredIDs, id) || len(id) != 12 {
				t.Errorf("%s shows id %q: want 12 opaque characters, never an authored id", q, id)
			}
		}
	}
	var a attemptBody
	first.Decode(t, &a)
	again := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: u.AccessToken})
	var b attemptBody
	again.Decode(t, &b)
	if !jsonEqual(t, a.Questions, b.Questions) {
		t.Fatal("a reload shows the attempt differently")
	}
	other := shownIDs(t, env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: v.AccessToken}).Body)
	for q, list := range ids {
		for _, id := range list {
			if slices.Contains(other[q], id) {
				t.Errorf("%s: id %s appears in two learners' attempts", q, id)
			}
		}
	}

	// The authored ids are not answers: only the attempt's own are.
	resp := submitRaw(env, u, a.ID, []map[string]any{{"question_id": evalQuiz + ".single", "choice_ids": []string{"ppv"}}})
	var refused struct {
		Error struct {
			Details struct {
				Fields map[string]string `json:"fields"`
			} `json:"details"`
		} `json:"error"`
	}
	resp.Decode(t, &refused)
	if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(refused.Error.Details.Fields["answers[0].choice_ids"], `"ppv"`) {
		t.Fatalf("an authored id: %d %s", resp.Status, resp.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE id = ? AND submitted_at IS NULL", a.ID); n != "1" {
		t.Fatal("a refused submission changed the attempt")
	}

	// Results speak in the attempt's ids too, and so does the learner's export.
	result := submit(env, u, a.ID, rightAnswers("wait"))
	var r struct {
		Percent   float64 `json:"percent"`
		Questions []struct {
			ID          string         `json:"id"`
			Answer      map[string]any `json:"answer"`
			RightAnswer map[string]any `json:"right_answer"`
		} `json:"questions"`
	}
	result.Decode(t, &r)
	if result.Status != http.StatusOK || r.Percent != 100 {
		t.Fatalf("right answers in the attempt's ids: %d %s", result.Status, result.Body)
	}
	for _, q := range r.Questions {
		for _, part := range []map[string]any{q.Answer, q.RightAnswer} {
			for _, id := range idsIn(part) {
				if !slices.Contains(ids[q.ID], id) {
					t.Errorf("%s: the result names %q, which the attempt never showed", q.ID, id)
				}
			}
		}
	}
	export := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: u.AccessToken})
	var e struct {
		Attempts []struct {
			ID      string           `json:"id"`
			Answers []map[string]any `json:"answers"`
		} `json:"quiz_attempts"`
	}
	export.Decode(t, &e)
	for _, at := range e.Attempts {
		for _, ans := range at.Answers {
			for _, id := range idsIn(ans) {
				if at.ID == a.ID && !slices.Contains(ids[ans["question_id"].(string)], id) {
					t.Errorf("the export names %q for %s", id, ans["question_id"])
				}
			}
		}
	}
}

// idsIn lists the option, item and target ids in an answer or key.
func idsIn(m map[string]any) []string {
	var out []string
	for _, field := range []string{"choice_ids", "order"} {
		list, _ := m[field].([]any)
		for _, id := range list {
			out = append(out, id.(string))
		}
	}
	pairs, _ := m["pairs"].(map[string]any)
	for item, target := range pairs {
		out = append(out, item, target.(string))
	}
	return out
}

func jsonEqual(t *testing.T, a, b any) bool {
	t.Helper()
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// reviewed is a submitted attempt's result as the learner sees it.
type reviewed struct {
	Percent *float64 `json:"percent"`
	Passed  bool     `json:"passed"`
	Review  map[string]struct {
		Shown bool   `json:"shown"`
		When  string `json:"when"`
	} `json:"review"`
	Questions []struct {
		ID           string         `json:"id"`
		Points       *float64       `json:"points"`
		Correct      *bool          `json:"correct"`
		Answer       map[string]any `json:"answer"`
		RightAnswer  map[string]any `json:"right_answer"`
		FeedbackHTML string         `json:"feedback_html"`
		Perspectives string         `json:"perspectives"`
	} `json:"questions"`
}

// revealsAnything reports what of the answers a result shows, if anything.
func (r reviewed) revealsAnything() string {
	if r.Percent != nil {
		return "the score"
	}
	for _, q := range r.Questions {
		switch {
		case q.Correct != nil || q.Points != nil:
			return q.ID + "'s correctness"
		case q.RightAnswer != nil:
			return q.ID + "'s right answer"
		case q.FeedbackHTML != "" || q.Perspectives != "":
			return q.ID + "'s explanation"
		}
	}
	return ""
}

// A certificate exam: while the learner has an attempt left, nothing of an attempt's review
// gives an answer away, in the result, on reload, in the attempt list or in progress; after
// the last attempt, everything shows.
func TestReviewWaitsForTheLastAttempt(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-evaluation/quiz.yaml", "max_attempts: 3\n",
		"max_attempts: 2\nreview: {correctness: after_last_attempt, right_answer: after_last_attempt, explanations: after_last_attempt, score: after_last_attempt}\n")
	env := testenv.NewWith(t, cfg)
	u := env.Learner("nursing")
	q := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/quizzes/" + evalQuiz}).JSON(t)
	if review, _ := q["review"].(map[string]any); review["right_answer"] != "after_last_attempt" || review["score"] != "after_last_attempt" {
		t.Fatalf("the quiz does not say when it reviews: %v", q)
	}
	first := start(t, env, u, evalQuiz)
	var r reviewed
	submit(env, u, first.ID, rightAnswers("wait")[:2]).Decode(t, &r)
	if what := r.revealsAnything(); what != "" || r.Review["correctness"].Shown || r.Review["score"].When != "after_last_attempt" {
		t.Fatalf("with an attempt left, the result shows %s: %+v", what, r)
	}
	answered := 0
	for _, q := range r.Questions {
		if q.Answer != nil {
			answered++
		}
	}
	if answered != 2 { // single and multi
		t.Fatalf("the learner's own answers are not shown: %+v", r)
	}
	// A second attempt started but not submitted is an attempt left.
	second := start(t, env, u, evalQuiz)
	var reloaded struct{ Result reviewed }
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + first.ID, Token: u.AccessToken}).Decode(t, &reloaded)
	if what := reloaded.Result.revealsAnything(); what != "" {
		t.Fatalf("on reload, with an attempt open, the result shows %s", what)
	}
	list := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/attempts?quiz=" + evalQuiz, Token: u.AccessToken})
	if strings.Contains(string(list.Body), `"percent"`) || !strings.Contains(string(list.Body), `"passed":false`) {
		t.Fatalf("the attempt list shows a score, or no outcome: %s", list.Body)
	}
	if moduleOf(t, env, u, "clin-evaluation")["quiz_best_percent"] != nil {
		t.Fatal("progress shows the quiz's score while an attempt is left")
	}

	submit(env, u, second.ID, rightAnswers("wait"))
	var after struct{ Result reviewed }
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + first.ID, Token: u.AccessToken}).Decode(t, &after)
	if after.Result.Percent == nil || !after.Result.Review["right_answer"].Shown {
		t.Fatalf("after the last attempt the first one still hides its review: %+v", after.Result)
	}
	shown := 0
	for _, q := range after.Result.Questions {
		if q.Correct != nil && q.Points != nil && (q.RightAnswer != nil || strings.HasSuffix(q.ID, ".judge")) {
			shown++
		}
	}
	if shown != len(after.Result.Questions) {
		t.Fatalf("after the last attempt, %d of %d questions are reviewed", shown, len(after.Result.Questions))
	}
	if moduleOf(t, env, u, "clin-evaluation")["quiz_best_percent"] != float64(100) {
		t.Fatal("progress hides the score after the last attempt")
	}
}

// moduleOf returns the learner's standing on a module from /me/progress.
func moduleOf(t *testing.T, env *testenv.Env, u *testenv.User, slug string) map[string]any {
	t.Helper()
	var p struct {
		Tracks []struct {
			Modules []map[string]any `json:"modules"`
		} `json:"tracks"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/progress", Token: u.AccessToken}).Decode(t, &p)
	for _, tr := range p.Tracks {
		for _, m := range tr.Modules {
			if m["slug"] == slug {
				return m
			}
		}
	}
	t.Fatalf("no module %s in progress", slug)
	return nil
}

// The one-word review setting holds back everything that tells answers, and keeps the score.
func TestShorthandReviewKeepsTheScore(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-evaluation/quiz.yaml", "max_attempts: 3\n",
		"max_attempts: 3\nreview: after_last_attempt\n")
	env := testenv.NewWith(t, cfg)
	u := env.Learner("medicine")
	a := start(t, env, u, evalQuiz)
	var r reviewed
	submit(env, u, a.ID, []map[string]any{{"question_id": evalQuiz + ".single", "choice_ids": []string{"sens"}}}).Decode(t, &r)
	if what := r.revealsAnything(); what != "the score" {
		t.Fatalf("only the score may show, but %q does", what)
	}
}
