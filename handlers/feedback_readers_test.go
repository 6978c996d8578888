package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// A lesson report's comment reaches the instructors of the cohorts its writer joined (given on
// those cohorts' tracks, since joining) and content authors; other instructors see counts only.
func TestFeedbackCommentsReachOnlyTheirReaders(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	teacher, stranger := env.WithRole(auth.RoleInstructor, "medicine"), env.WithRole(auth.RoleInstructor, "data_science")
	writer, early := env.Learner("nursing"), env.Learner("medicine")
	lesson := env.App.Catalog.Lessons()[0].Slug
	giveFeedback(env, early, lesson, 2, "error", "Given before joining any cohort.")
	newCohort(t, env, teacher, writer, early)
	report := giveFeedback(env, writer, lesson, 1, "error", "The dose in the example is wrong.").JSON(t)["id"].(string)

	reads := func(u *testenv.User) (comments, counted bool) {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/feedback", Token: u.AccessToken})
		if resp.Status != http.StatusOK {
			t.Fatalf("feedback as %s: %d %s", u.Email, resp.Status, resp.Body)
		}
		body := string(resp.Body)
		if strings.Contains(body, "before joining") && u == teacher {
			t.Fatal("the cohort's instructor reads a comment given before the learner joined")
		}
		return strings.Contains(body, "dose in the example"), strings.Contains(body, `"open_reports":2`)
	}
	if comments, counted := reads(teacher); !comments || !counted {
		t.Fatalf("the writer's instructor: comment %v, counts %v", comments, counted)
	}
	if comments, counted := reads(stranger); comments || !counted {
		t.Fatalf("another instructor: comment %v, counts %v; want the counts only", comments, counted)
	}
	if resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + report, Token: stranger.AccessToken,
		Body: map[string]string{"status": "resolved"}}); resp.Status != http.StatusNotFound {
		t.Fatalf("another instructor resolves the report: %d", resp.Status)
	}
	// Only a platform admin makes a content author; an author reads every comment.
	orgID, _, socAdmin := society(t, env, admin, "Authoring society")
	author := env.Learner("engineering")
	grant := func(by *testenv.User) int {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/members", Token: by.AccessToken,
			Body: map[string]string{"email": author.Email, "role": "author"}}).Status
	}
	if status := grant(socAdmin); status != http.StatusForbidden {
		t.Fatalf("a society admin makes an author: %d", status)
	}
	if status := grant(admin); status != http.StatusCreated {
		t.Fatalf("an admin makes an author: %d", status)
	}
	env.Login(author)
	if comments, _ := reads(author); !comments || !strings.Contains(string(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/feedback", Token: author.AccessToken}).Body), "before joining") {
		t.Fatal("a content author does not read every comment")
	}
	if resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/feedback/" + report, Token: author.AccessToken,
		Body: map[string]string{"status": "resolved", "response": "Fixed."}}); resp.Status != http.StatusOK {
		t.Fatalf("the author resolves the report: %d %s", resp.Status, resp.Body)
	}
}
