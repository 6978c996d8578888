package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// commentThread is a team of two in a cohort of four, with a version of work to talk about.
type commentThread struct {
	instructor, author, teammate, otherTeam, outsiderInstructor, admin *testenv.User
	submission                                                         string
}

func newCommentThread(t *testing.T, env *testenv.Env) commentThread {
	t.Helper()
	th := commentThread{instructor: env.WithRole(auth.RoleInstructor, "medicine"),
		outsiderInstructor: env.WithRole(auth.RoleInstructor, "data_science"), admin: env.WithRole(auth.RoleAdmin, "other")}
	learners := []*testenv.User{env.Learner("medicine"), env.Learner("computer_science"), env.Learner("nursing"), env.Learner("data_science")}
	cohort := newCohort(t, env, th.instructor, learners...)
	formed := formPairs(t, env, th.instructor, cohort, 7)
	byID := map[string]*testenv.User{}
	for _, l := range learners {
		byID[l.ID] = l
	}
	team := formed.Teams[0]
	th.author, th.teammate = byID[team.Members[0].UserID], byID[team.Members[1].UserID]
	th.otherTeam = byID[formed.Teams[1].Members[0].UserID]
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team.ID + "/submissions", Token: th.author.AccessToken,
		Body: map[string]any{"exercise": env.App.Catalog.Exercises()[0].Slug, "body_markdown": "Our first draft."}})
	if sub.Status != http.StatusCreated {
		t.Fatalf("submit: %d %s", sub.Status, sub.Body)
	}
	th.submission = sub.JSON(t)["id"].(string)
	return th
}

type commentBody struct {
	ID           string `json:"id"`
	AuthorID     string `json:"author_id"`
	AuthorName   string `json:"author_name"`
	AuthorRole   string `json:"author_role"`
	BodyMarkdown string `json:"body_markdown"`
	BodyHTML     string `json:"body_html"`
}

func (th commentThread) list(t *testing.T, env *testenv.Env, u *testenv.User) []commentBody {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/submissions/" + th.submission + "/comments", Token: u.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("list comments: %d %s", resp.Status, resp.Body)
	}
	var body struct{ Items []commentBody }
	resp.Decode(t, &body)
	return body.Items
}

func (th commentThread) post(env *testenv.Env, u *testenv.User, text string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + th.submission + "/comments", Token: u.AccessToken,
		Body: map[string]any{"body_markdown": text}})
}

// The team and its instructor talk about a version; the comment is stored as the preview showed
// it (table rendered, script gone); nobody else reads or writes the thread.
func TestSubmissionCommentThread(t *testing.T) {
	env := testenv.New(t)
	th := newCommentThread(t, env)
	text := "| Risk | Owner |\n| --- | --- |\n| Drift | Ana |\n\n<script>alert(1)</script>Please check the table."
	preview := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/markdown/preview", Token: th.author.AccessToken, Body: map[string]any{"markdown": text}})
	if preview.Status != http.StatusOK {
		t.Fatalf("preview: %d %s", preview.Status, preview.Body)
	}
	html := preview.JSON(t)["html"].(string)
	if !strings.Contains(html, "<table>") || !strings.Contains(html, "<td>Drift</td>") || strings.Contains(html, "script") {
		t.Fatalf("preview shows a table and no script: %s", html)
	}
	resp := th.post(env, th.author, text)
	if resp.Status != http.StatusCreated {
		t.Fatalf("member comments: %d %s", resp.Status, resp.Body)
	}
	var mine commentBody
	resp.Decode(t, &mine)
	if mine.BodyHTML != html || mine.AuthorRole != "member" || mine.AuthorID != th.author.ID || mine.AuthorName != th.author.Name {
		t.Fatalf("stored comment differs from the preview or its author: %+v (preview %s)", mine, html)
	}
	if resp := th.post(env, th.instructor, "Good start: add **who** monitors drift."); resp.Status != http.StatusCreated {
		t.Fatalf("instructor comments: %d %s", resp.Status, resp.Body)
	}
	got := th.list(t, env, th.teammate)
	if len(got) != 2 || got[0].ID != mine.ID || got[1].AuthorRole != "instructor" || !strings.Contains(got[1].BodyHTML, "<strong>who</strong>") {
		t.Fatalf("the teammate reads both comments, oldest first: %+v", got)
	}
	for name, u := range map[string]*testenv.User{"another team": th.otherTeam, "another cohort's instructor": th.outsiderInstructor, "an admin": th.admin} {
		if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/submissions/" + th.submission + "/comments", Token: u.AccessToken}); r.Status != http.StatusNotFound {
			t.Errorf("%s reads the thread: %d", name, r.Status)
		}
		if r := th.post(env, u, "Let me in."); r.Status != http.StatusNotFound {
			t.Errorf("%s comments: %d", name, r.Status)
		}
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/submissions/" + th.submission + "/comments"}); r.Status != http.StatusUnauthorized {
		t.Errorf("anonymous reads the thread: %d", r.Status)
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/submissions/nope/comments", Token: th.author.AccessToken}); r.Status != http.StatusNotFound {
		t.Errorf("unknown submission: %d", r.Status)
	}
	if n := len(th.list(t, env, th.instructor)); n != 2 {
		t.Fatalf("refused comments were stored: %d in the thread", n)
	}
}

// Empty and over-long comments are refused with the field's reason and leave nothing behind;
// the preview refuses what a submission would.
func TestSubmissionCommentValidation(t *testing.T) {
	env := testenv.New(t)
	th := newCommentThread(t, env)
	for name, text := range map[string]string{"blank": "   \n ", "too long": strings.Repeat("é", 5_001)} {
		r := th.post(env, th.teammate, text)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "body_markdown") {
			t.Errorf("%s comment: %d %s", name, r.Status, r.Body)
		}
	}
	if r := th.post(env, th.teammate, strings.Repeat("é", 5_000)); r.Status != http.StatusCreated {
		t.Errorf("a comment of exactly 5,000 characters: %d", r.Status)
	}
	if n := len(th.list(t, env, th.author)); n != 1 {
		t.Fatalf("refused comments were stored: %d", n)
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/submissions/" + th.submission + "/comments", Token: th.author.AccessToken,
		Body: map[string]any{"body_markdown": 5}}); r.Status != http.StatusBadRequest && r.Status != http.StatusUnprocessableEntity {
		t.Errorf("a number for a comment: %d", r.Status)
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/markdown/preview", Token: th.author.AccessToken,
		Body: map[string]any{"markdown": strings.Repeat("a", 200_001)}}); r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusRequestEntityTooLarge {
		t.Errorf("an over-long preview: %d", r.Status)
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/markdown/preview", Body: map[string]any{"markdown": "x"}}); r.Status != http.StatusUnauthorized {
		t.Errorf("anonymous preview: %d", r.Status)
	}
}

// A learner's comments are in their export; erasing the account deletes them and keeps the
// rest of the thread.
func TestSubmissionCommentsExportedAndErased(t *testing.T) {
	env := testenv.New(t)
	th := newCommentThread(t, env)
	th.post(env, th.author, "Mine, with my colleague's name in it.")
	th.post(env, th.instructor, "Noted.")
	export := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: th.author.AccessToken}).JSON(t)
	comments, _ := export["submission_comments"].([]any)
	if len(comments) != 1 || comments[0].(map[string]any)["body_markdown"] != "Mine, with my colleague's name in it." {
		t.Fatalf("export's comments: %v", export["submission_comments"])
	}
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: th.author.AccessToken, Body: map[string]string{"password": testenv.Password}}); r.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", r.Status, r.Body)
	}
	got := th.list(t, env, th.instructor)
	if len(got) != 1 || got[0].BodyMarkdown != "Noted." {
		t.Fatalf("after erasure the thread keeps only the others' comments: %+v", got)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM submission_comments WHERE body_markdown LIKE '%colleague%'"); n != "0" {
		t.Fatalf("the erased learner's comment is still stored: %s", n)
	}
}
