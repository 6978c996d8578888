package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/testenv"
)

type attemptBody struct {
	ID        string `json:"id"`
	Quiz      string `json:"quiz"`
	Questions []struct {
		ID         string `json:"id"`
		Type       string `json:"type"`
		PromptHTML string `json:"prompt_html"`
		Options    []struct{ ID, Text string }
		Items      []struct{ ID, Text string }
		Targets    []struct{ ID, Text string }
	} `json:"questions"`
}

type resultBody struct {
	Score     float64 `json:"score"`
	MaxScore  float64 `json:"max_score"`
	Percent   float64 `json:"percent"`
	Passed    bool    `json:"passed"`
	Questions []struct {
		ID           string  `json:"id"`
		Points       float64 `json:"points"`
		MaxPoints    float64 `json:"max_points"`
		Correct      *bool   `json:"correct"`
		FeedbackHTML string  `json:"feedback_html"`
		Perspectives string  `json:"perspectives"`
	} `json:"questions"`
}

const evalQuiz = "clin-evaluation-quiz"

func start(t *testing.T, env *testenv.Env, u *testenv.User, quiz string) attemptBody {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + quiz + "/attempts", Token: u.AccessToken})
	if resp.Status != http.StatusCreated {
		t.Fatalf("start attempt: %d %s", resp.Status, resp.Body)
	}
	var a attemptBody
	resp.Decode(t, &a)
	return a
}

// rightAnswers answers every question of the test quiz correctly (judge: option choice).
func rightAnswers(choice string) []map[string]any {
	q := func(id string) string { return evalQuiz + "." + id }
	return []map[string]any{
		{"question_id": q("single"), "choice_ids": []string{"ppv"}},
		{"question_id": q("multi"), "choice_ids": []string{"spec", "sens"}},
		{"question_id": q("tf"), "choice_ids": []string{"true"}},
		{"question_id": q("num"), "value": 50.2},
		{"question_id": q("short"), "text": "  receiver   OPERATING characteristic "},
		{"question_id": q("order"), "order": []string{"dev", "internal", "external", "prospective"}},
		{"question_id": q("match"), "pairs": map[string]string{"sens": "sick", "ppv": "alarm"}},
		{"question_id": q("judge"), "choice_ids": []string{choice}},
	}
}

// submit sends answers written with the catalogue's authored ids, as the attempt's own ids.
func submit(env *testenv.Env, u *testenv.User, id string, answers []map[string]any) *testenv.Response {
	return submitRaw(env, u, id, env.InAttempt(u, id, answers))
}

// submitRaw sends answers exactly as given.
func submitRaw(env *testenv.Env, u *testenv.User, id string, answers []map[string]any) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + id + "/submit", Token: u.AccessToken,
		Body: map[string]any{"answers": answers}})
}

func TestAttemptPayloadCarriesNoAnswers(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("medicine")
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken})
	body := string(resp.Body)
	for _, leak := range []string{"correct", "explanation", "tradeoffs", "accepted", `"match"`, "tolerance", "weight",
		"Predictive values change", "Earlier recognition"} {
		if strings.Contains(body, leak) {
			t.Errorf("attempt payload contains %q: %s", leak, body)
		}
	}
	var a attemptBody
	resp.Decode(t, &a)
	types := map[string]bool{}
	for _, q := range a.Questions {
		types[q.Type] = true
		if q.PromptHTML == "" || !strings.HasPrefix(q.ID, evalQuiz+".") {
			t.Errorf("question %+v", q)
		}
	}
	if len(types) != 8 {
		t.Fatalf("want all 8 types, got %v", types)
	}
	again := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: u.AccessToken})
	var b attemptBody
	again.Decode(t, &b)
	for i := range a.Questions {
		if a.Questions[i].ID != b.Questions[i].ID || len(a.Questions[i].Options) != len(b.Questions[i].Options) {
			t.Fatalf("the same attempt shows a different order on reload")
		}
		for j := range a.Questions[i].Options {
			if a.Questions[i].Options[j] != b.Questions[i].Options[j] {
				t.Fatalf("options reshuffled on reload")
			}
		}
	}
}

func TestSubmitGradesCorrectPartialAndWrong(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("nursing")
	a := start(t, env, u, evalQuiz)
	resp := submit(env, u, a.ID, rightAnswers("wait"))
	if resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
	var r resultBody
	resp.Decode(t, &r)
	if r.Percent != 100 || !r.Passed || r.Score != r.MaxScore || r.MaxScore != 9 {
		t.Fatalf("all right: %+v", r)
	}
	for _, q := range r.Questions {
		if q.Correct == nil || !*q.Correct || q.FeedbackHTML == "" {
			t.Errorf("question %s: %+v", q.ID, q)
		}
		if strings.HasSuffix(q.ID, ".judge") && (q.Perspectives == "" || !strings.Contains(q.FeedbackHTML, "Your choice")) {
			t.Errorf("judgement feedback: %+v", q)
		}
	}

	// Partial: one right and one wrong pick on multi; half the ordering; one pair of two.
	b := start(t, env, u, evalQuiz)
	partial := []map[string]any{
		{"question_id": evalQuiz + ".multi", "choice_ids": []string{"sens", "auroc"}},
		{"question_id": evalQuiz + ".order", "order": []string{"dev", "internal", "prospective", "external"}},
		{"question_id": evalQuiz + ".match", "pairs": map[string]string{"sens": "sick", "ppv": "none"}},
	}
	var pr resultBody
	submit(env, u, b.ID, partial).Decode(t, &pr)
	points := map[string]float64{}
	for _, q := range pr.Questions {
		points[strings.TrimPrefix(q.ID, evalQuiz+".")] = q.Points
	}
	// multi: +1/2 for sens, -1/1 for auroc, clamped at 0. ordering: 2 of 4 placed. matching: 1 of 2.
	want := map[string]float64{"multi": 0, "order": 0.5, "match": 0.5, "single": 0, "judge": 0}
	for id, w := range want {
		if points[id] != w {
			t.Errorf("%s: %v points, want %v", id, points[id], w)
		}
	}
	if pr.Passed || pr.Score != 1 {
		t.Errorf("partial: %+v", pr)
	}

	// Wrong everywhere: zero, not passed, and the best attempt so far still counts separately.
	c := start(t, env, u, evalQuiz)
	wrong := []map[string]any{
		{"question_id": evalQuiz + ".single", "choice_ids": []string{"sens"}},
		{"question_id": evalQuiz + ".tf", "choice_ids": []string{"false"}},
		{"question_id": evalQuiz + ".num", "value": 90},
		{"question_id": evalQuiz + ".short", "text": "precision-recall"},
	}
	var wr resultBody
	submit(env, u, c.ID, wrong).Decode(t, &wr)
	if wr.Score != 0 || wr.Passed {
		t.Errorf("wrong: %+v", wr)
	}
	stored := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: u.AccessToken}).JSON(t)
	if res, ok := stored["result"].(map[string]any); !ok || res["percent"] != float64(100) {
		t.Fatalf("stored result: %v", stored)
	}
}

func TestMalformedAnswersAre422AndChangeNothing(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("medicine")
	a := start(t, env, u, evalQuiz)
	for name, answers := range map[string][]map[string]any{
		"unknown question": {{"question_id": evalQuiz + ".nope", "choice_ids": []string{"x"}}},
		"other quiz":       {{"question_id": "tech-utility-quiz.q1", "text": "x"}},
		"unknown option":   {{"question_id": evalQuiz + ".single", "choice_ids": []string{"zzz"}}},
		"duplicate choice": {{"question_id": evalQuiz + ".multi", "choice_ids": []string{"sens", "sens"}}},
		"wrong field":      {{"question_id": evalQuiz + ".single", "text": "ppv"}},
		"answered twice": {{"question_id": evalQuiz + ".tf", "choice_ids": []string{"true"}},
			{"question_id": evalQuiz + ".tf", "choice_ids": []string{"false"}}},
	} {
		resp := submit(env, u, a.ID, answers)
		if resp.Status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d %s", name, resp.Status, resp.Body)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + a.ID + "/submit", Token: u.AccessToken,
		Body: `{"answers": [{"question_id": 7}]}`}); resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("wrong JSON type: %d %s", resp.Status, resp.Body)
	}
	if resp := submit(env, u, a.ID, rightAnswers("deploy")); resp.Status != http.StatusOK {
		t.Fatalf("the attempt was spoiled by refused submissions: %d %s", resp.Status, resp.Body)
	}
}

func TestConcurrentStartsRespectMaxAttempts(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("engineering")
	const n = 20
	statuses := make([]int, n)
	codes := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken})
			statuses[i], codes[i] = resp.Status, resp.ErrorCode()
		})
	}
	wg.Wait()
	created := 0
	for i, s := range statuses {
		switch {
		case s == http.StatusCreated:
			created++
		case s == http.StatusConflict && codes[i] == "max_attempts_reached":
		default:
			t.Fatalf("unexpected %d %s", s, codes[i])
		}
	}
	if created != 3 {
		t.Fatalf("%d attempts created, the quiz allows 3 (%v)", created, statuses)
	}
}

func TestConcurrentSubmissionsGradeOnce(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("data_science")
	a := start(t, env, u, evalQuiz)
	const n = 6
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { statuses[i] = submit(env, u, a.ID, rightAnswers("reject")).Status })
	}
	wg.Wait()
	ok, conflict := 0, 0
	for _, s := range statuses {
		switch s {
		case http.StatusOK:
			ok++
		case http.StatusConflict:
			conflict++
		}
	}
	if ok != 1 || conflict != n-1 {
		t.Fatalf("statuses %v: want one 200 and %d × 409", statuses, n-1)
	}
}

func TestLateSubmissionIsRefused(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("medicine")
	a := start(t, env, u, "clin-deployment-quiz")
	var body struct {
		Deadline string `json:"deadline"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: u.AccessToken}).Decode(t, &body)
	if body.Deadline == "" {
		t.Fatal("a timed quiz's attempt has no deadline")
	}
	env.Exec("UPDATE quiz_attempts SET deadline = ? WHERE id = ?", mustPast(), a.ID)
	resp := submit(env, u, a.ID, nil)
	if resp.Status != http.StatusUnprocessableEntity || resp.ErrorCode() != "deadline_passed" {
		t.Fatalf("late: %d %s", resp.Status, resp.Body)
	}
}

func TestFeedbackNeverHidesCorrectness(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("computer_science")
	a := start(t, env, u, "tech-safety-quiz")
	var r resultBody
	resp := submit(env, u, a.ID, nil)
	resp.Decode(t, &r)
	if resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
	for _, q := range r.Questions {
		if q.Correct != nil || q.FeedbackHTML != "" {
			t.Fatalf("feedback shown on a quiz whose feedback is never: %s", resp.Body)
		}
	}
}

func TestAttemptsArePrivate(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	owner, other := env.Learner("medicine"), env.Learner("medicine")
	a := start(t, env, owner, evalQuiz)
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: other.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("another learner reads the attempt: %d", resp.Status)
	}
	if resp := submit(env, other, a.ID, rightAnswers("wait")); resp.Status != http.StatusNotFound {
		t.Errorf("another learner submits the attempt: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts"}); resp.Status != http.StatusUnauthorized {
		t.Errorf("anonymous start: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/no-such-quiz/attempts", Token: owner.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("unknown quiz: %d", resp.Status)
	}
}

func TestPerspectivesHideSmallGroups(t *testing.T) {
	env := testenv.NewWith(t, testenv.OwnDatabase(t, testenv.Config(t))) // counts every learner's answer to the question
	const quiz = "tech-utility-quiz"
	key := quiz + ".dilemma"
	path := "/api/v1/questions/" + key + "/perspectives"
	outsider := env.Learner("medicine")
	if resp := env.Do(testenv.Request{Method: "GET", Path: path, Token: outsider.AccessToken}); resp.Status != http.StatusForbidden {
		t.Fatalf("perspectives before answering: %d %s", resp.Status, resp.Body)
	}
	answer := func(u *testenv.User, choice string) {
		a := start(t, env, u, quiz)
		resp := submit(env, u, a.ID, []map[string]any{{"question_id": key, "choice_ids": []string{choice}}})
		if resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
	}
	var last *testenv.User
	for _, c := range []string{"nights", "nights", "all", "wait", "all"} {
		last = env.Learner("nursing")
		answer(last, c)
	}
	for _, c := range []string{"all", "all", "nights", "all"} {
		answer(env.Learner("computer_science"), c)
	}
	var p struct {
		Groups map[string]struct {
			N       int            `json:"n"`
			Options map[string]int `json:"options"`
		} `json:"groups"`
	}
	env.Do(testenv.Request{Method: "GET", Path: path, Token: last.AccessToken}).Decode(t, &p)
	clin, tech := p.Groups["clinical"], p.Groups["technical"]
	if clin.N != 5 || clin.Options["nights"] != 2 || clin.Options["all"] != 2 || clin.Options["wait"] != 1 {
		t.Errorf("clinical: %+v", clin)
	}
	if tech.N != 4 || tech.Options != nil {
		t.Errorf("technical group of 4 must show n only: %+v", tech)
	}
	// A learner answering again is counted once, with their latest choice.
	u := env.Learner("computer_science")
	answer(u, "nights")
	answer(u, "wait")
	env.Do(testenv.Request{Method: "GET", Path: path, Token: u.AccessToken}).Decode(t, &p)
	if tech := p.Groups["technical"]; tech.N != 5 || tech.Options["wait"] != 1 || tech.Options["nights"] != 1 || tech.Options["all"] != 3 {
		t.Errorf("technical after a repeat answer: %+v", tech)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/questions/" + evalQuiz + ".single/perspectives", Token: u.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("perspectives of a non-judgement question: %d", resp.Status)
	}
}

func mustPast() time.Time { return time.Now().UTC().Add(-time.Hour) }

func TestQuizSummaryAndAttemptList(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	q := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/quizzes/" + evalQuiz}).JSON(t)
	if q["module"] != "clin-evaluation" || q["track"] != "clinicians" || q["max_attempts"] != float64(3) || q["questions"] != nil {
		t.Fatalf("quiz summary: %v", q)
	}
	u := env.Learner("nursing")
	a := start(t, env, u, evalQuiz)
	var list struct {
		Items []struct {
			ID      string   `json:"id"`
			Open    bool     `json:"open"`
			Percent *float64 `json:"percent"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/attempts?quiz=" + evalQuiz, Token: u.AccessToken}).Decode(t, &list)
	if len(list.Items) != 1 || list.Items[0].ID != a.ID || !list.Items[0].Open || list.Items[0].Percent != nil {
		t.Fatalf("open attempt: %+v", list.Items)
	}
	var r resultBody
	submit(env, u, a.ID, rightAnswers("reject")).Decode(t, &r)
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/attempts", Token: u.AccessToken}).Decode(t, &list)
	if list.Items[0].Open || list.Items[0].Percent == nil || *list.Items[0].Percent != 100 {
		t.Fatalf("submitted attempt: %+v", list.Items)
	}
	var stored struct {
		Result struct {
			Questions []struct {
				ID     string `json:"id"`
				Choice string `json:"choice"`
			} `json:"questions"`
		} `json:"result"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + a.ID, Token: u.AccessToken}).Decode(t, &stored)
	reject := env.InAttempt(u, a.ID, []map[string]any{{"question_id": evalQuiz + ".judge", "choice_ids": []string{"reject"}}})[0]["choice_ids"].([]string)[0]
	for _, qr := range stored.Result.Questions {
		if strings.HasSuffix(qr.ID, ".judge") && (qr.Choice != reject || reject == "reject") {
			t.Fatalf("judgement choice: %+v, want the attempt's id of the option chosen, %s", qr, reject)
		}
	}
	other := env.Learner("medicine")
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/attempts", Token: other.AccessToken}).Decode(t, &list)
	if len(list.Items) != 0 {
		t.Fatalf("another learner sees attempts: %+v", list.Items)
	}
}

// TestTrueFalseFeedbackFollowsTheAnswerGiven shows each learner only the explanation written
// for the answer they gave, after the question's general explanation.
func TestTrueFalseFeedbackFollowsTheAnswerGiven(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	const forTrue, forFalse = "separate properties", "They can come apart"
	for answer, want := range map[string]struct{ shown, hidden, mark string }{
		"true":  {forTrue, forFalse, "You chose this; it is correct."},
		"false": {forFalse, forTrue, "You chose this; it is not correct."},
	} {
		u := env.Learner("nursing")
		a := start(t, env, u, evalQuiz)
		resp := submit(env, u, a.ID, []map[string]any{{"question_id": evalQuiz + ".tf", "choice_ids": []string{answer}}})
		if resp.Status != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.Status, resp.Body)
		}
		var r resultBody
		resp.Decode(t, &r)
		for _, q := range r.Questions {
			if q.ID != evalQuiz+".tf" {
				continue
			}
			if !strings.Contains(q.FeedbackHTML, "calibrated in the large") || !strings.Contains(q.FeedbackHTML, want.shown) ||
				strings.Contains(q.FeedbackHTML, want.hidden) || !strings.Contains(q.FeedbackHTML, want.mark) {
				t.Errorf("answered %s: %s", answer, q.FeedbackHTML)
			}
		}
	}
}
