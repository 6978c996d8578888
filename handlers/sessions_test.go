package handlers_test

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

// The sessions page lists each sign-in; one can be signed out, or all of them, and their
// tokens stop at once.
func TestSessionsListAndSignOut(t *testing.T) {
	env := testenv.New(t)
	phone := env.Learner("nursing")
	laptop := *phone
	env.Login(&laptop)
	var list struct {
		Items []struct {
			ID      string `json:"id"`
			Current bool   `json:"current"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/sessions", Token: laptop.AccessToken}).Decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].Current == list.Items[1].Current {
		t.Fatalf("sessions: %+v", list.Items)
	}
	other := list.Items[0].ID
	if list.Items[0].Current {
		other = list.Items[1].ID
	}
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me/sessions/" + other, Token: laptop.AccessToken}); r.Status != http.StatusNoContent {
		t.Fatalf("end one: %d %s", r.Status, r.Body)
	}
	sessionEnded(t, env, phone)
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: laptop.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("the laptop was signed out too: %d", r.Status)
	}
	// Another learner cannot end this session.
	stranger := env.Learner("medicine")
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/sessions", Token: laptop.AccessToken}).Decode(t, &list)
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me/sessions/" + list.Items[0].ID, Token: stranger.AccessToken}); r.Status != http.StatusNoContent {
		t.Fatalf("a stranger's call: %d", r.Status)
	}
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: laptop.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("a stranger ended the session: %d", r.Status)
	}
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me/sessions", Token: laptop.AccessToken}); r.Status != http.StatusNoContent {
		t.Fatalf("end all: %d", r.Status)
	}
	sessionEnded(t, env, &laptop)
	env.Login(&laptop) // signing in again works
}

// After DELETE /me the old access token writes nothing: enrolment, lesson completion and team
// submission are all refused.
func TestErasedAccountsTokenWritesNothing(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole("instructor", "medicine")
	u, mate := env.Learner("medicine"), env.Learner("computer_science")
	team := formPairs(t, env, instructor, newCohort(t, env, instructor, u, mate), 1).Teams[0].ID
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"password": u.Password}}); r.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", r.Status, r.Body)
	}
	lesson := env.App.Catalog.Lessons()[0].Slug
	for _, req := range []testenv.Request{
		{Method: "POST", Path: "/api/v1/tracks/clinicians/enrol"},
		{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/complete"},
		{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Body: map[string]any{"exercise": env.App.Catalog.Exercises()[0].Slug, "body_markdown": "Work."}},
	} {
		req.Token = u.AccessToken
		if r := env.Do(req); r.Status != http.StatusUnauthorized {
			t.Errorf("%s %s after erasure: %d %s", req.Method, req.Path, r.Status, r.Body)
		}
	}
	for _, q := range []string{"SELECT COUNT(*) FROM enrolments WHERE user_id = ?", "SELECT COUNT(*) FROM lesson_completions WHERE user_id = ?",
		"SELECT COUNT(*) FROM submissions WHERE author_id = ?",
		"SELECT COUNT(*) FROM account_tokens WHERE user_id = ?", "SELECT COUNT(*) FROM mail_outbox WHERE user_id = ?"} {
		if n := env.Scalar(q, u.ID); n != "0" {
			t.Errorf("%s: %s", q, n)
		}
	}
}

// A society admin whose role is taken away is signed out at once.
func TestRoleRemovalEndsSessions(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole("admin", "other")
	org, _, socAdmin := society(t, env, admin, "Society of Perioperative Medicine")
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + org + "/members", Token: admin.AccessToken,
		Body: map[string]string{"email": socAdmin.Email, "role": "member"}}); r.Status != http.StatusCreated {
		t.Fatalf("demote: %d %s", r.Status, r.Body)
	}
	sessionEnded(t, env, socAdmin)
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + org + "/keys/rotate", Token: socAdmin.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Fatalf("the old token still reaches the society's routes: %d", r.Status)
	}
}

// Two servers on one database: signing out everywhere through one refuses the tokens on the
// other from its next request, with nothing cached in between.
func TestSignOutEverywhereHoldsOnEveryServer(t *testing.T) {
	a := testenv.New(t)
	b := testenv.NewWith(t, a.Config)
	u := a.Learner("medicine")
	if r := b.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("server b before: %d", r.Status)
	}
	if r := a.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me/sessions", Token: u.AccessToken}); r.Status != http.StatusNoContent {
		t.Fatalf("sign out everywhere: %d", r.Status)
	}
	sessionEnded(t, b, u)
}
