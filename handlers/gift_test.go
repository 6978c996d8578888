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

func TestGIFTImportRoute(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	src, err := os.ReadFile("../quizzes/testdata/all-constructs.gift")
	if err != nil {
		t.Fatal(err)
	}
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/gift-imports", Token: instructor.AccessToken,
		Body: map[string]any{"gift": string(src), "module": "clin-data", "title": "Data check"}})
	if resp.Status != http.StatusOK {
		t.Fatalf("import: %d %s", resp.Status, resp.Body)
	}
	body := resp.JSON(t)
	var q quizzes.Quiz
	if err := yaml.Unmarshal([]byte(body["quiz_yaml"].(string)), &q); err != nil {
		t.Fatalf("the returned YAML does not parse: %v", err)
	}
	if problems := q.Validate(); len(problems) > 0 || q.Slug != "clin-data-quiz" || q.Title != "Data check" {
		t.Fatalf("imported quiz: %s %v", q.Slug, problems)
	}
	if len(body["types"].(map[string]any)) < 6 {
		t.Fatalf("types: %v", body["types"])
	}
	bad := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/gift-imports", Token: instructor.AccessToken,
		Body: map[string]any{"gift": "::ok:: Fine? {T}\n\n::essay:: Discuss. {}\n", "module": "clin-data"}})
	if bad.Status != http.StatusUnprocessableEntity || bad.ErrorCode() != "invalid_gift" || !strings.Contains(string(bad.Body), `"line":3`) {
		t.Fatalf("essay question: %d %s", bad.Status, bad.Body)
	}
}
