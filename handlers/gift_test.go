package handlers_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"tandem/auth"
	"tandem/quizzes"
	"tandem/testenv"
)

// giftImportBody is the answer of POST /api/v1/gift-imports.
type giftImportBody struct {
	Slug          string         `json:"slug"`
	QuestionCount int            `json:"question_count"`
	Types         map[string]int `json:"types"`
	QuizYAML      string         `json:"quiz_yaml"`
	Skipped       []giftLine     `json:"skipped"`
	Notes         []giftLine     `json:"notes"`
	Pending       []giftLine     `json:"explanations_pending"`
}

type giftLine struct {
	Line    int    `json:"line"`
	Message string `json:"message"`
}

func importGIFT(env *testenv.Env, u *testenv.User, gift string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/gift-imports", Token: u.AccessToken,
		Body: map[string]any{"gift": gift, "module": "clin-data", "title": "Data check"}})
}

func TestGIFTImportRoute(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	src, err := os.ReadFile("../quizzes/testdata/all-constructs.gift")
	if err != nil {
		t.Fatal(err)
	}
	resp := importGIFT(env, instructor, string(src))
	if resp.Status != http.StatusOK {
		t.Fatalf("import: %d %s", resp.Status, resp.Body)
	}
	var body giftImportBody
	resp.Decode(t, &body)
	var q quizzes.Quiz
	if err := yaml.Unmarshal([]byte(body.QuizYAML), &q); err != nil {
		t.Fatalf("the returned YAML does not parse: %v", err)
	}
	if problems := q.Validate(); len(problems) > 0 || q.Slug != "clin-data-quiz" || q.Title != "Data check" || body.QuestionCount != 18 {
		t.Fatalf("imported quiz: %s %d %v", q.Slug, body.QuestionCount, problems)
	}
	if len(body.Types) < 6 {
		t.Fatalf("types: %v", body.Types)
	}
	if len(body.Skipped) != 1 || body.Skipped[0].Line != 72 || !strings.Contains(body.Skipped[0].Message, "description") {
		t.Fatalf("the description is not reported: %+v", body.Skipped)
	}
	if len(body.Pending) != 5 || body.Pending[0].Line != 20 || !strings.Contains(body.Pending[0].Message, "question regularisation: add an explanation to options a, b, c and d") {
		t.Fatalf("explanations to write: %+v", body.Pending)
	}
	if learner := env.Learner("medicine"); importGIFT(env, learner, "Q{T}").Status != http.StatusForbidden {
		t.Fatal("a learner may import GIFT")
	}
}

func TestGIFTImportKeepsGoodQuestionsBesideBadOnes(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	resp := importGIFT(env, instructor, "::ok:: Fine? {T#No.#Yes.}\n\n::essay:: Discuss. {}\n\n::num::Q{#3:2~#Completely wrong}\n\n::bad::Q{#abc}\n")
	if resp.Status != http.StatusOK {
		t.Fatalf("import: %d %s", resp.Status, resp.Body)
	}
	var body giftImportBody
	resp.Decode(t, &body)
	if body.QuestionCount != 3 || len(body.Skipped) != 1 || body.Skipped[0].Line != 7 || !strings.Contains(body.Skipped[0].Message, "value:tolerance") {
		t.Fatalf("got %+v", body)
	}
	if !strings.Contains(body.QuizYAML, "type: reflection") || !strings.Contains(body.QuizYAML, "rubric_pending: true") {
		t.Fatalf("the essay is not a reflection with a rubric to write: %s", body.QuizYAML)
	}
	if !strings.Contains(body.QuizYAML, "explanation_true: Yes.") || !strings.Contains(body.QuizYAML, "explanation_false: No.") {
		t.Fatalf("true/false feedback: %s", body.QuizYAML)
	}
}

func TestGIFTImportRefusals(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	bad := importGIFT(env, instructor, "// A description.\n\nOnly text, no question.\n")
	if bad.Status != http.StatusUnprocessableEntity || bad.ErrorCode() != "invalid_gift" || !strings.Contains(string(bad.Body), `{"line":3,"message":"a description`) {
		t.Fatalf("nothing importable: %d %s", bad.Status, bad.Body)
	}
	many := importGIFT(env, instructor, strings.Repeat("Q{T}\n\n", quizzes.MaxGIFTQuestions+1))
	if many.Status != http.StatusUnprocessableEntity || many.ErrorCode() != "too_many_questions" || !strings.Contains(string(many.Body), `"max_questions":1000`) {
		t.Fatalf("too many questions: %d %s", many.Status, many.Body)
	}
	huge := importGIFT(env, instructor, strings.Repeat("Q{T}\n\n", 200_000))
	if huge.Status != http.StatusRequestEntityTooLarge || huge.ErrorCode() != "body_too_large" {
		t.Fatalf("over 1 MiB: %d %s", huge.Status, huge.Body)
	}
}
