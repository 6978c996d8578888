package handlers_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

func TestJoinCode(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	learner, late := env.Learner("nursing"), env.Learner("data_science")
	id := newCohort(t, env, instructor)
	code := func(days int) map[string]any {
		t.Helper()
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/join-code", Token: instructor.AccessToken,
			Body: map[string]int{"expires_in_days": days}})
		if resp.Status != http.StatusCreated {
			t.Fatalf("join code: %d %s", resp.Status, resp.Body)
		}
		return resp.JSON(t)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/join-code", Token: instructor.AccessToken,
		Body: map[string]int{"expires_in_days": 91}}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a code for 91 days: %d", resp.Status)
	}
	first := code(7)
	if !strings.HasSuffix(first["link"].(string), "/invitations#code="+first["code"].(string)) {
		t.Fatalf("link: %v", first)
	}
	typed := strings.ToLower(strings.ReplaceAll(first["code"].(string), "-", " "))
	call := func(u *testenv.User, verb, c string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/join-codes/" + verb, Token: u.AccessToken, Body: map[string]string{"code": c}})
	}
	if resp := call(learner, "lookup", typed); resp.Status != http.StatusOK || !strings.Contains(string(resp.Body), `"name":"Perioperative AI, spring"`) {
		t.Fatalf("lookup: %d %s", resp.Status, resp.Body)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM cohort_members WHERE cohort_id = ?", id); n != "0" {
		t.Fatalf("a lookup joined: %s members", n)
	}
	for range 2 {
		if resp := call(learner, "redeem", typed); resp.Status != http.StatusOK || resp.JSON(t)["role"] != "member" {
			t.Fatalf("redeem: %d %s", resp.Status, resp.Body)
		}
	}
	if list := members(t, env, instructor, id); len(list.Members) != 1 || list.JoinCode == nil || list.JoinCode.Expired {
		t.Fatalf("members: %+v", list)
	}
	// A new code replaces the old one.
	second := code(0)
	if resp := call(late, "redeem", first["code"].(string)); resp.Status != http.StatusNotFound {
		t.Fatalf("the replaced code: %d", resp.Status)
	}
	// An expired code joins nobody.
	env.Exec("UPDATE cohort_join_codes SET expires_at = ? WHERE cohort_id = ?", "2000-01-01 00:00:00+00:00", id)
	for _, verb := range []string{"lookup", "redeem"} {
		if resp := call(late, verb, second["code"].(string)); resp.Status != http.StatusGone || resp.ErrorCode() != "code_expired" {
			t.Fatalf("%s an expired code: %d %s", verb, resp.Status, resp.Body)
		}
	}
	if list := members(t, env, instructor, id); len(list.Members) != 1 || !list.JoinCode.Expired {
		t.Fatalf("after an expired code: %+v", list)
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/cohorts/" + id + "/join-code", Token: instructor.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("revoke: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/cohorts/" + id + "/join-code", Token: instructor.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("revoke twice: %d", resp.Status)
	}
	if resp := call(learner, "lookup", second["code"].(string)); resp.Status != http.StatusNotFound {
		t.Fatalf("a revoked code: %d", resp.Status)
	}
	if list := members(t, env, instructor, id); list.JoinCode != nil {
		t.Fatalf("a revoked code is still shown: %+v", list.JoinCode)
	}
}

// Codes cannot be guessed: each learner has 30 attempts an hour.
func TestJoinCodeAttemptsAreLimited(t *testing.T) {
	env := testenv.New(t)
	guesser := env.Learner("engineering")
	for i := range 31 {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/join-codes/redeem", Token: guesser.AccessToken,
			Body: map[string]string{"code": fmt.Sprintf("AAAA-AAAA-%04d", i)}})
		want := http.StatusNotFound
		if i == 30 {
			want = http.StatusTooManyRequests
		}
		if resp.Status != want {
			t.Fatalf("attempt %d: %d, want %d", i+1, resp.Status, want)
		}
	}
}
