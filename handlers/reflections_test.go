package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// reflectionQuestion is a reflection question added to the test catalogue's evaluation quiz
// (9 points before it, 15 with it; pass mark 70%), with a 25% moderation threshold.
const reflectionQuestion = `moderation_threshold_percent: 25
questions:
  - id: reflect
    type: reflection
    prompt: Describe how you would explain a model's false alarms to the other discipline.
    rubric:
      - id: clinical
        criterion: Clinical consequence
        description: Names what a false alarm costs patients and staff.
        max_points: 3
      - id: technical
        criterion: Technical cause
        description: Relates false alarms to the threshold and prevalence.
        max_points: 3
`

// marking is a cohort with a learner, and instructors of each kind: a clinical and a technical
// marker, a clinical moderator, an instructor of discipline "other", one of another cohort.
type marking struct {
	env                                     *testenv.Env
	cohort                                  string
	learner, clin, tech, mod, neither, away *testenv.User
}

func newMarking(t *testing.T) *marking {
	t.Helper()
	cfg := testenv.Config(t)
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-evaluation/quiz.yaml", "questions:\n", reflectionQuestion)
	return newMarkingIn(t, testenv.NewWith(t, cfg))
}

// newMarkingIn is newMarking in env, whose catalogue has the reflection question.
func newMarkingIn(t *testing.T, env *testenv.Env) *marking {
	t.Helper()
	m := &marking{env: env, learner: env.Learner("nursing"), clin: env.WithRole(auth.RoleInstructor, "medicine"),
		tech: env.WithRole(auth.RoleInstructor, "computer_science"), mod: env.WithRole(auth.RoleInstructor, "nursing"),
		neither: env.WithRole(auth.RoleInstructor, "other"), away: env.WithRole(auth.RoleInstructor, "data_science")}
	m.cohort = newCohort(t, env, m.clin, m.learner)
	newCohort(t, env, m.away)
	for _, u := range []*testenv.User{m.tech, m.mod, m.neither} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + m.cohort + "/instructors", Token: m.clin.AccessToken,
			Body: map[string]string{"email": u.Email}}); resp.Status != http.StatusNoContent {
			t.Fatalf("add co-instructor: %d %s", resp.Status, resp.Body)
		}
	}
	return m
}

// answer has the learner answer every question right and write text as their reflection.
func (m *marking) answer(t *testing.T, text string) (string, map[string]any) {
	t.Helper()
	return m.answerAs(t, m.learner, text)
}

// answerAs is answer by another learner of the cohort.
func (m *marking) answerAs(t *testing.T, u *testenv.User, text string) (string, map[string]any) {
	t.Helper()
	a := start(t, m.env, u, evalQuiz)
	answers := append(rightAnswers("wait"), map[string]any{"question_id": evalQuiz + ".reflect", "text": text})
	resp := submit(m.env, u, a.ID, answers)
	if resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
	return a.ID, resp.JSON(t)
}

func (m *marking) queue(t *testing.T, u *testenv.User, status string) []map[string]any {
	t.Helper()
	resp := m.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + m.cohort + "/reflections?status=" + status, Token: u.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("queue: %d %s", resp.Status, resp.Body)
	}
	var out []map[string]any
	for _, it := range resp.JSON(t)["items"].([]any) {
		out = append(out, it.(map[string]any))
	}
	return out
}

func (m *marking) mark(u *testenv.User, attempt string, clinical, technical float64, comment string) *testenv.Response {
	return m.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + m.cohort + "/reflections/marks", Token: u.AccessToken,
		Body: map[string]any{"attempt_id": attempt, "question_id": evalQuiz + ".reflect",
			"scores": map[string]float64{"clinical": clinical, "technical": technical}, "comment": comment}})
}

func (m *marking) attempt(t *testing.T, id string) map[string]any {
	t.Helper()
	return m.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + id, Token: m.learner.AccessToken}).JSON(t)
}

// reflectionResult is the reflection question's review in an attempt's result.
func reflectionResult(t *testing.T, result map[string]any) map[string]any {
	t.Helper()
	for _, q := range result["questions"].([]any) {
		if q := q.(map[string]any); strings.HasSuffix(q["id"].(string), ".reflect") {
			return q["marking"].(map[string]any)
		}
	}
	t.Fatalf("no reflection in %v", result)
	return nil
}

func quizPassed(t *testing.T, env *testenv.Env, u *testenv.User) bool {
	t.Helper()
	for _, tr := range env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/progress", Token: u.AccessToken}).JSON(t)["tracks"].([]any) {
		for _, mod := range tr.(map[string]any)["modules"].([]any) {
			if mod := mod.(map[string]any); mod["slug"] == "clin-evaluation" {
				return mod["quiz_passed"] == true
			}
		}
	}
	t.Fatal("no clin-evaluation in progress")
	return false
}

// A reflection waits for its two markers, who mark blind to each other; when they agree the
// answer earns their mean, the attempt is graded, and the learner reads both comments.
func TestReflectionIsMarkedByBothSides(t *testing.T) {
	m := newMarking(t)
	id, result := m.answer(t, "False alarms cost the ward time.<script>alert(1)</script>\n\n**Prevalence** matters.")
	if result["marking"] != "awaiting_marking" || result["passed"] != false || result["score"] != nil || result["percent"] != nil {
		t.Fatalf("a submitted reflection: %v", result)
	}
	if r := reflectionResult(t, result); r["status"] != "awaiting_marking" || len(r["marks"].([]any)) != 0 {
		t.Fatalf("the learner's reflection before marking: %v", r)
	}
	if quizPassed(t, m.env, m.learner) {
		t.Fatal("the quiz counts as passed before marking")
	}
	list := m.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/attempts", Token: m.learner.AccessToken}).JSON(t)["items"].([]any)
	if sum := list[0].(map[string]any); sum["marking"] != "awaiting_marking" || sum["passed"] != nil || sum["percent"] != nil {
		t.Fatalf("the attempt list: %v", sum)
	}
	items := m.queue(t, m.clin, "")
	if len(items) != 1 || items[0]["your_role"] != "clinical" || strings.Contains(items[0]["answer_html"].(string), "script") ||
		!strings.Contains(items[0]["answer_html"].(string), "<strong>Prevalence</strong>") {
		t.Fatalf("the clinical marker's queue: %v", items)
	}
	if resp := m.mark(m.clin, id, 2, 1, "Clear on the ward's cost."); resp.Status != http.StatusCreated || resp.JSON(t)["role"] != "clinical" {
		t.Fatalf("clinical mark: %d %s", resp.Status, resp.Body)
	}
	if items := m.queue(t, m.clin, ""); items[0]["your_role"] != "" || len(items[0]["marks"].([]any)) != 1 {
		t.Fatalf("the clinical marker after marking: %v", items)
	}
	if items := m.queue(t, m.tech, ""); items[0]["your_role"] != "technical" || len(items[0]["marks"].([]any)) != 0 {
		t.Fatalf("the technical marker sees the clinical mark: %v", items)
	}
	if r := reflectionResult(t, m.attempt(t, id)["result"].(map[string]any)); r["status"] != "awaiting_marking" || len(r["marks"].([]any)) != 0 {
		t.Fatalf("the learner sees a half-marked reflection: %v", r)
	}
	if resp := m.mark(m.tech, id, 2, 2, "Link the alarms to the threshold."); resp.Status != http.StatusCreated {
		t.Fatalf("technical mark: %d %s", resp.Status, resp.Body)
	}
	res := m.attempt(t, id)["result"].(map[string]any)
	if res["marking"] != "marked" || res["passed"] != true || res["score"] != 12.5 || res["percent"] != 83.33 {
		t.Fatalf("the marked attempt: %v", res)
	}
	r := reflectionResult(t, res)
	marks := r["marks"].([]any)
	if r["points"] != 3.5 || len(marks) != 2 || strings.Contains(string(m.env.Do(testenv.Request{Method: "GET",
		Path: "/api/v1/attempts/" + id, Token: m.learner.AccessToken}).Body), `"marker"`) {
		t.Fatalf("the learner's marks: %v", r)
	}
	comments := marks[0].(map[string]any)["comment"].(string) + " / " + marks[1].(map[string]any)["comment"].(string)
	if comments != "Clear on the ward's cost. / Link the alarms to the threshold." {
		t.Fatalf("comments: %s", comments)
	}
	if !quizPassed(t, m.env, m.learner) || len(m.queue(t, m.clin, "")) != 0 || len(m.queue(t, m.clin, "marked")) != 1 {
		t.Fatal("the marked attempt does not count, or stays in the queue")
	}
	if n := m.env.Scalar("SELECT COUNT(*) FROM progress_events WHERE user_id = ? AND verb = 'passed' AND object_id = ?", m.learner.ID, evalQuiz); n != "1" {
		t.Fatalf("%s passed events", n)
	}
}

// Markers further apart than the threshold send the answer to a third instructor, who sees
// both marks and decides; the first two cannot moderate.
func TestReflectionModeration(t *testing.T) {
	m := newMarking(t)
	id, _ := m.answer(t, "A short answer.")
	m.mark(m.clin, id, 3, 3, "Excellent.")
	m.mark(m.tech, id, 0, 1, "Misses the threshold.")
	if items := m.queue(t, m.clin, ""); items[0]["status"] != "awaiting_moderation" || items[0]["your_role"] != "" || len(items[0]["marks"].([]any)) != 1 {
		t.Fatalf("a first marker in moderation: %v", items)
	}
	if resp := m.mark(m.clin, id, 2, 2, "Moderating myself."); resp.Status != http.StatusForbidden {
		t.Fatalf("a first marker moderates: %d %s", resp.Status, resp.Body)
	}
	if res := m.attempt(t, id)["result"].(map[string]any); res["marking"] != "awaiting_marking" {
		t.Fatalf("in moderation the attempt shows %v", res["marking"])
	}
	items := m.queue(t, m.mod, "")
	if items[0]["your_role"] != "moderator" || len(items[0]["marks"].([]any)) != 2 {
		t.Fatalf("the moderator's queue: %v", items)
	}
	if resp := m.mark(m.mod, id, 1, 1, "Sound clinically, thin technically."); resp.Status != http.StatusCreated || resp.JSON(t)["role"] != "moderator" {
		t.Fatalf("moderation: %d %s", resp.Status, resp.Body)
	}
	res := m.attempt(t, id)["result"].(map[string]any)
	if r := reflectionResult(t, res); res["score"] != 11.0 || res["passed"] != true || r["points"] != 2.0 || len(r["marks"].([]any)) != 3 {
		t.Fatalf("after moderation: %v", res)
	}
	if resp := m.mark(m.neither, id, 1, 1, "Late."); resp.ErrorCode() != "not_awaiting_marks" {
		t.Fatalf("a mark after marking: %d %s", resp.Status, resp.Body)
	}
}

// Bad marks are refused with a clear error and change nothing; so are markers without a role.
func TestReflectionMarkRefusals(t *testing.T) {
	m := newMarking(t)
	id, _ := m.answer(t, "My reflection.")
	post := func(u *testenv.User, body map[string]any) *testenv.Response {
		return m.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + m.cohort + "/reflections/marks", Token: u.AccessToken, Body: body})
	}
	good := func() map[string]any {
		return map[string]any{"attempt_id": id, "question_id": evalQuiz + ".reflect", "scores": map[string]float64{"clinical": 1, "technical": 1}, "comment": "Fine."}
	}
	with := func(k string, v any) map[string]any { b := good(); b[k] = v; return b }
	cases := []struct {
		name   string
		by     *testenv.User
		body   map[string]any
		status int
		field  string
	}{
		{"criterion missing", m.clin, with("scores", map[string]float64{"clinical": 1}), 422, "scores.technical"},
		{"above the maximum", m.clin, with("scores", map[string]float64{"clinical": 4, "technical": 1}), 422, "scores.clinical"},
		{"unknown criterion", m.clin, with("scores", map[string]float64{"clinical": 1, "technical": 1, "style": 1}), 422, "scores.style"},
		{"no comment", m.clin, with("comment", "  "), 422, "comment"},
		{"comment too long", m.clin, with("comment", strings.Repeat("x", 5001)), 422, "comment"},
		{"not a reflection question", m.clin, with("question_id", evalQuiz+".single"), 422, "question_id"},
		{"no such attempt", m.clin, with("attempt_id", "nope"), 404, ""},
		{"no scores", m.clin, with("scores", nil), 422, "scores"},
		{"a marker of neither side", m.neither, good(), 403, ""},
		{"the learner", m.learner, good(), 403, ""},
		{"an instructor of another cohort", m.away, good(), 404, ""},
	}
	for _, c := range cases {
		resp := post(c.by, c.body)
		if resp.Status != c.status {
			t.Errorf("%s: %d %s", c.name, resp.Status, resp.Body)
			continue
		}
		if c.field != "" && !strings.Contains(string(resp.Body), `"`+c.field+`"`) {
			t.Errorf("%s: %s", c.name, resp.Body)
		}
	}
	if n := m.env.Scalar("SELECT COUNT(*) FROM reflection_marks WHERE attempt_id = ?", id); n != "0" {
		t.Fatalf("refused marks left %s rows", n)
	}
	if resp := m.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + m.cohort + "/reflections?status=all", Token: m.clin.AccessToken}); resp.Status != 422 {
		t.Fatalf("a bad status: %d", resp.Status)
	}
	m.mark(m.clin, id, 1, 1, "First.")
	if resp := m.mark(m.clin, id, 2, 2, "Again."); resp.Status != http.StatusForbidden && resp.ErrorCode() != "already_marked" {
		t.Fatalf("a second mark by the same marker: %d %s", resp.Status, resp.Body)
	}
}
