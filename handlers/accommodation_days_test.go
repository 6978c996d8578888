package handlers_test

import (
	"net/http"
	"testing"
	"time"

	"tandem/auth"
	"tandem/testenv"
)

// grantsTo returns the accommodation notices u has, newest first.
func grantsTo(t *testing.T, env *testenv.Env, u *testenv.User) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, n := range env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/notifications", Token: u.AccessToken}).JSON(t)["items"].([]any) {
		if n := n.(map[string]any); n["kind"] == "accommodation.granted" {
			out = append(out, n)
		}
	}
	return out
}

// A learner given 3 more days moves their team's due date: the team's work sent the day after
// the due date is not late, for its members and on the instructor's grid; withdrawn, the
// work is late again. Extra days go with every quiz only. Learners are told of what is set for
// them, in the same write, and see what their accommodations give them before starting a
// quiz; staff's notes stay out of that view but are in the learner's export.
func TestAccommodationsMoveTeamDueDates(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder := env.Learner("nursing"), env.Learner("data_science")
	cohort := newCohort(t, env, instructor, nurse, coder)
	team := formPairs(t, env, instructor, cohort, 1).Teams[0].ID
	ex := env.App.Catalog.Exercises()[0]
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format(time.DateOnly)
	if resp := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/cohorts/" + cohort + "/exercises", Token: instructor.AccessToken,
		Body: map[string]any{"exercises": []map[string]string{{"slug": ex.Slug, "due_on": yesterday}}}}); resp.Status != http.StatusOK {
		t.Fatalf("choose the exercise: %d %s", resp.Status, resp.Body)
	}
	set := func(body map[string]any, want int) map[string]any {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/accommodations", Token: instructor.AccessToken, Body: body})
		if resp.Status != want {
			t.Fatalf("PUT %v: %d %s", body, resp.Status, resp.Body)
		}
		if want != http.StatusOK {
			return nil
		}
		return resp.JSON(t)
	}
	set(map[string]any{"cohort": cohort, "user": nurse.ID, "quiz": evalQuiz, "extra_days": 3}, http.StatusUnprocessableEntity)
	set(map[string]any{"cohort": cohort, "user": nurse.ID, "extra_days": 91}, http.StatusUnprocessableEntity)
	if n := env.Scalar("SELECT COUNT(*) FROM notifications WHERE kind = 'accommodation.granted' AND user_id = ?", nurse.ID); n != "0" {
		t.Fatalf("%s notices after refused accommodations", n)
	}
	days := set(map[string]any{"cohort": cohort, "user": nurse.ID, "extra_days": 3, "note": "Chronic illness"}, http.StatusOK)
	if days["extra_days"] != float64(3) {
		t.Fatalf("stored: %v", days)
	}
	if got := grantsTo(t, env, nurse); len(got) != 1 || got[0]["kind"] != "accommodation.granted" || got[0]["body"] != "Your team's exercises are due 3 days later." {
		t.Fatalf("the nurse is told: %v", got)
	}
	if got := grantsTo(t, env, coder); len(got) != 0 {
		t.Fatalf("the teammate is told of the nurse's accommodation: %v", got)
	}

	sent := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: coder.AccessToken,
		Body: map[string]any{"exercise": ex.Slug, "body_markdown": "Our plan."}})
	if sent.Status != http.StatusCreated || sent.JSON(t)["late"] != false {
		t.Fatalf("the team's work a day after the due date, with a member given 3 more days: %d %s", sent.Status, sent.Body)
	}
	lateOnGrid := func() bool {
		t.Helper()
		var d struct {
			Learners []struct {
				UserID    string `json:"user_id"`
				Exercises []struct {
					Late bool `json:"late"`
				} `json:"exercises"`
			} `json:"learners"`
		}
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + cohort + "/progress", Token: instructor.AccessToken}).Decode(t, &d)
		for _, l := range d.Learners {
			if l.UserID == coder.ID {
				return l.Exercises[0].Late
			}
		}
		t.Fatal("the coder is not on the grid")
		return false
	}
	if lateOnGrid() {
		t.Error("the grid shows the team's work late")
	}
	var accommodations struct {
		Items []map[string]any `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/accommodations?cohort=" + cohort, Token: instructor.AccessToken}).Decode(t, &accommodations)
	if len(accommodations.Items) != 1 || accommodations.Items[0]["extra_days"] != float64(3) || accommodations.Items[0]["user"] != nurse.ID {
		t.Errorf("the grid's accommodations: %v", accommodations.Items)
	}

	// The learner sees what their accommodations give, without staff's note.
	var mine struct {
		Items     []map[string]any `json:"items"`
		Allowance map[string]any   `json:"allowance"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/accommodations", Token: nurse.AccessToken}).Decode(t, &mine)
	if len(mine.Items) != 1 || mine.Items[0]["extra_days"] != float64(3) || mine.Items[0]["note"] != nil || mine.Allowance != nil {
		t.Errorf("the nurse's accommodations: %+v", mine)
	}
	set(map[string]any{"cohort": cohort, "extra_time_percent": 50, "extra_attempts": 1}, http.StatusOK)
	if got := grantsTo(t, env, coder); len(got) != 1 || got[0]["body"] != "At every quiz: 50% more time, 1 more attempt, from your next attempt." {
		t.Fatalf("the cohort's later sitting is told to every member: %v", got)
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/accommodations?quiz=clin-deployment-quiz", Token: coder.AccessToken}).Decode(t, &mine)
	if a := mine.Allowance; len(mine.Items) != 1 || a["time_limit_minutes"] != float64(15) || a["base_time_limit_minutes"] != float64(10) {
		t.Errorf("the coder's allowance at the timed quiz: %+v", mine)
	}
	if _, d := deadlineOf(t, env, coder); d != 15*time.Minute {
		t.Errorf("the attempt runs %v, not what the learner was shown", d)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/accommodations?quiz=no-such-quiz", Token: coder.AccessToken}); resp.Status != http.StatusNotFound {
		t.Errorf("an unknown quiz: %d", resp.Status)
	}

	export := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: nurse.AccessToken}).JSON(t)
	if got, _ := export["accommodations"].([]any); len(got) != 1 || got[0].(map[string]any)["note"] != "Chronic illness" {
		t.Errorf("the nurse's export: %v", export["accommodations"])
	}
	if n := env.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'accommodation.set' AND actor_id = ? AND details LIKE '%\"extra_days\":3%'", instructor.ID); n != "1" {
		t.Errorf("%s audit events of the extra days", n)
	}

	// Withdrawn, the same work is late again: the due date follows the accommodations as they stand.
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/accommodations/" + days["id"].(string), Token: instructor.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("withdraw: %d", resp.Status)
	}
	if !lateOnGrid() {
		t.Error("after the withdrawal the grid shows the work on time")
	}
}

// An admin gives a learner an accommodation across the platform by their email address and
// sees it listed with their name; an address without an account gets 422 and nothing stored.
func TestPlatformAccommodationsByEmail(t *testing.T) {
	env := testenv.New(t)
	admin, learner := env.WithRole(auth.RoleAdmin, "other"), env.Learner("allied_health")
	put := func(body map[string]any) *testenv.Response {
		return env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/accommodations", Token: admin.AccessToken, Body: body})
	}
	if resp := put(map[string]any{"email": "nobody-" + learner.ID + "@example.org", "extra_attempts": 1}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown address: %d %s", resp.Status, resp.Body)
	}
	if resp := put(map[string]any{"email": learner.Email, "extra_minutes": 15, "note": "Assistive software"}); resp.Status != http.StatusOK || resp.JSON(t)["user"] != learner.ID {
		t.Fatalf("by email: %d %s", resp.Status, resp.Body)
	}
	var list struct {
		Items []map[string]any `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/accommodations", Token: admin.AccessToken}).Decode(t, &list)
	found := false
	for _, a := range list.Items {
		if a["user"] == learner.ID {
			found = a["user_name"] == learner.Name && a["extra_minutes"] == float64(15)
		}
	}
	if !found {
		t.Errorf("the platform-wide list: %v", list.Items)
	}
	if got := grantsTo(t, env, learner); len(got) != 1 || got[0]["body"] != "At every quiz: 15 more minutes, from your next attempt." {
		t.Errorf("the learner is told: %v", got)
	}
}
