package handlers_test

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

// Starting and submitting attempts check the token's session in their own first statement
// rather than through the Gate: an ended session is refused there at once, on every server,
// and nothing is written. Each way of ending sessions is tried on a second server over the
// same database, with an attempt open from before.
func TestQuizWritesRefuseEndedSessions(t *testing.T) {
	a := testenv.New(t)
	b := testenv.NewWith(t, a.Config)
	ends := map[string]func(u *testenv.User){
		"sign out everywhere": func(u *testenv.User) {
			if r := a.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me/sessions", Token: u.AccessToken}); r.Status != http.StatusNoContent {
				t.Fatalf("sign out everywhere: %d %s", r.Status, r.Body)
			}
		},
		"password change": func(u *testenv.User) {
			if r := a.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/password", Token: u.AccessToken,
				Body: map[string]string{"current_password": u.Password, "new_password": "a brand new passphrase"}}); r.Status != http.StatusOK {
				t.Fatalf("password change: %d %s", r.Status, r.Body)
			}
		},
		"this session signed out": func(u *testenv.User) {
			if r := a.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: u.AccessToken,
				Body: map[string]string{"refresh_token": u.RefreshToken}}); r.Status != http.StatusNoContent {
				t.Fatalf("logout: %d %s", r.Status, r.Body)
			}
		},
		"erasure": func(u *testenv.User) {
			if r := a.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: u.AccessToken,
				Body: map[string]string{"password": u.Password}}); r.Status != http.StatusNoContent {
				t.Fatalf("erase: %d %s", r.Status, r.Body)
			}
		},
	}
	for name, end := range ends {
		u := a.Learner("medicine")
		open := start(t, b, u, evalQuiz)
		answers := b.InAttempt(u, open.ID, rightAnswers("deploy"))
		end(u)
		for _, req := range []testenv.Request{
			{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts"},
			{Method: "POST", Path: "/api/v1/attempts/" + open.ID + "/submit", Body: map[string]any{"answers": answers}},
			{Method: "POST", Path: "/api/v1/attempts/unknown/submit", Body: map[string]any{"answers": answers}},
			{Method: "POST", Path: "/api/v1/quizzes/no-such-quiz/attempts"},
		} {
			req.Token = u.AccessToken
			if r := b.Do(req); r.Status != http.StatusUnauthorized || r.ErrorCode() != "session_ended" {
				t.Errorf("%s: %s %s: %d %s", name, req.Method, req.Path, r.Status, r.Body)
			}
		}
		if n := a.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE user_id = ?", u.ID); n != "1" {
			t.Errorf("%s: %s attempts stored, want the one open from before", name, n)
		}
		if n := a.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE id = ? AND submitted_at IS NULL", open.ID); n != "1" {
			t.Errorf("%s: the open attempt was submitted", name)
		}
	}
}

// A learner's saved language, which the first statement of a start reads with the session,
// is the language of the attempt's questions and of the answer, whatever the browser asks.
func TestQuizWritesSpeakTheSavedLanguage(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	env.SaveLanguage(u, "fr")
	for _, path := range []string{"/api/v1/quizzes/" + evalQuiz + "/attempts", "/api/v1/quizzes/no-such-quiz/attempts"} {
		r := env.Do(testenv.Request{Method: "POST", Path: path, Token: u.AccessToken, Header: map[string]string{"Accept-Language": "de"}})
		if got := r.Header.Get("Content-Language"); got != "fr" {
			t.Errorf("POST %s: %d, Content-Language %q, want fr", path, r.Status, got)
		}
	}
}
