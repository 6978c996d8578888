package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"tandem/auth"
	"tandem/testenv"
)

// deadlineOf starts an attempt at the timed quiz for u and returns how long it runs.
func deadlineOf(t *testing.T, env *testenv.Env, u *testenv.User) (string, time.Duration) {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/clin-deployment-quiz/attempts", Token: u.AccessToken})
	if resp.Status != http.StatusCreated {
		t.Fatalf("start: %d %s", resp.Status, resp.Body)
	}
	var a struct {
		ID        string    `json:"id"`
		StartedAt time.Time `json:"started_at"`
		Deadline  time.Time `json:"deadline"`
	}
	resp.Decode(t, &a)
	return a.ID, a.Deadline.Sub(a.StartedAt).Round(time.Second)
}

// A cohort's instructor gives one member 50% more time and the whole cohort ten more
// minutes (a later sitting); at the 10-minute quiz the member gets the more generous 15
// minutes and the others 20. Extra attempts lift a quiz's limit. An attempt started before a
// change keeps its deadline until the instructor extends it, which a submission ends. Nobody else may set or read them, and every change is audited.
func TestAccommodationsApplyWhenAnAttemptStarts(t *testing.T) {
	env := testenv.New(t)
	instructor, otherInstructor := env.WithRole(auth.RoleInstructor, "medicine"), env.WithRole(auth.RoleInstructor, "nursing")
	admin := env.WithRole(auth.RoleAdmin, "other")
	member, peer, outsider := env.Learner("nursing"), env.Learner("data_science"), env.Learner("medicine")
	cohort := newCohort(t, env, instructor, member, peer)
	set := func(who *testenv.User, body map[string]any, want int) map[string]any {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/accommodations", Token: who.AccessToken, Body: body})
		if resp.Status != want {
			t.Fatalf("PUT %v as %s: %d %s", body, who.Email, resp.Status, resp.Body)
		}
		if want != http.StatusOK {
			return nil
		}
		return resp.JSON(t)
	}

	before, plain := deadlineOf(t, env, member)
	if plain != 10*time.Minute {
		t.Fatalf("the quiz runs %v without accommodations", plain)
	}
	set(instructor, map[string]any{"cohort": cohort, "user": member.ID, "quiz": "clin-deployment-quiz", "extra_time_percent": 50, "note": "Dyslexia"}, http.StatusOK)
	byCohort := set(instructor, map[string]any{"cohort": cohort, "extra_minutes": 10}, http.StatusOK)
	if _, d := deadlineOf(t, env, member); d != 20*time.Minute {
		t.Errorf("the member's attempt runs %v; want 20m, the more generous of 15m and 10m+10m", d)
	}
	if _, d := deadlineOf(t, env, peer); d != 20*time.Minute {
		t.Errorf("a peer's attempt runs %v; want 20m from the cohort's later sitting", d)
	}
	if _, d := deadlineOf(t, env, outsider); d != 10*time.Minute {
		t.Errorf("an outsider's attempt runs %v", d)
	}
	var open struct {
		StartedAt time.Time `json:"started_at"`
		Deadline  time.Time `json:"deadline"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + before, Token: member.AccessToken}).Decode(t, &open)
	if open.Deadline.Sub(open.StartedAt).Round(time.Second) != 10*time.Minute {
		t.Errorf("the attempt open during the change now runs %v; it keeps its deadline", open.Deadline.Sub(open.StartedAt))
	}

	// Only an explicit extension moves an open attempt's deadline; once submitted, none.
	extend := func(who *testenv.User, attempt string, want int) {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + attempt + "/extension", Token: who.AccessToken,
			Body: map[string]any{"cohort": cohort, "minutes": 5}})
		if resp.Status != want {
			t.Errorf("extend as %s: %d %s, want %d", who.Email, resp.Status, resp.Body, want)
		}
	}
	extend(otherInstructor, before, http.StatusNotFound)
	extend(member, before, http.StatusNotFound)
	extend(instructor, before, http.StatusOK)
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + before, Token: member.AccessToken}).Decode(t, &open)
	if got := open.Deadline.Sub(open.StartedAt).Round(time.Second); got != 15*time.Minute {
		t.Errorf("after a 5-minute extension the attempt runs %v", got)
	}
	if resp := submit(env, member, before, nil); resp.Status != http.StatusOK {
		t.Fatalf("submit: %d %s", resp.Status, resp.Body)
	}
	extend(instructor, before, http.StatusConflict)

	// Three attempts are allowed at the evaluation quiz; one more for this member.
	set(admin, map[string]any{"user": member.ID, "quiz": evalQuiz, "extra_attempts": 1}, http.StatusOK)
	for range 4 {
		start(t, env, member, evalQuiz)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: member.AccessToken}); resp.Status != http.StatusConflict {
		t.Errorf("a fifth attempt: %d", resp.Status)
	}

	for _, who := range []*testenv.User{otherInstructor, member} {
		set(who, map[string]any{"cohort": cohort, "user": peer.ID, "extra_minutes": 5}, http.StatusNotFound)
		if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/accommodations?cohort=" + cohort, Token: who.AccessToken}); resp.Status != http.StatusNotFound {
			t.Errorf("%s reads the cohort's accommodations: %d", who.Email, resp.Status)
		}
	}
	set(instructor, map[string]any{"user": member.ID, "extra_minutes": 5}, http.StatusForbidden)
	set(instructor, map[string]any{"cohort": cohort, "user": outsider.ID, "extra_minutes": 5}, http.StatusUnprocessableEntity)
	set(instructor, map[string]any{"cohort": cohort, "extra_time_percent": 500, "quiz": "no-such-quiz"}, http.StatusUnprocessableEntity)
	var list struct {
		Items []map[string]any `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/accommodations?cohort=" + cohort, Token: instructor.AccessToken}).Decode(t, &list)
	if len(list.Items) != 2 {
		t.Errorf("the cohort's accommodations: %v", list.Items)
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/accommodations/" + byCohort["id"].(string), Token: otherInstructor.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("another cohort's instructor withdraws it: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/accommodations/" + byCohort["id"].(string), Token: instructor.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("withdraw: %d %s", resp.Status, resp.Body)
	}
	if _, d := deadlineOf(t, env, peer); d != 10*time.Minute {
		t.Errorf("after the later sitting is withdrawn a peer's attempt runs %v", d)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM audit_events WHERE action IN ('accommodation.set', 'accommodation.removed', 'attempt.extended') AND actor_id IN (?, ?)", instructor.ID, admin.ID); n != "5" {
		t.Errorf("%s audit events for 3 accommodations set, 1 withdrawn and 1 extension", n)
	}
}
