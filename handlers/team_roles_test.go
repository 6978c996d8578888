package handlers_test

import (
	"net/http"
	"testing"

	"tandem/testenv"
)

type roleItems struct {
	Items []struct {
		Role       string `json:"role"`
		Discipline string `json:"discipline"`
		UserID     string `json:"user_id"`
		Name       string `json:"name"`
	} `json:"items"`
}

// A team shares out an exercise's roles: any member gives a role to any member, the
// instructor reads who holds which, and nobody else reads or changes them.
func TestTeamRoles(t *testing.T) {
	env := testenv.New(t)
	th := newCommentThread(t, env)
	team := env.Scalar("SELECT team_id FROM submissions WHERE id = ?", th.submission)
	ex := env.App.Catalog.Exercises()[0]
	path := "/api/v1/teams/" + team + "/roles"
	read := func(u *testenv.User) roleItems {
		t.Helper()
		var got roleItems
		do(t, env, u, "GET", path+"?exercise="+ex.Slug, nil, http.StatusOK).Decode(t, &got)
		return got
	}
	if got := read(th.author); len(got.Items) != len(ex.Roles) || got.Items[0].Role != ex.Roles[0].Title || got.Items[0].UserID != "" {
		t.Fatalf("before anyone takes a role: %+v", got)
	}
	role := ex.Roles[0].Title
	var got roleItems
	do(t, env, th.author, "PUT", path, map[string]any{"exercise": ex.Slug, "role": role, "user_id": th.teammate.ID}, http.StatusOK).Decode(t, &got)
	if got.Items[0].UserID != th.teammate.ID || got.Items[0].Name != th.teammate.Name {
		t.Fatalf("the teammate takes the first role: %+v", got)
	}
	do(t, env, th.teammate, "PUT", path, map[string]any{"exercise": ex.Slug, "role": ex.Roles[1].Title, "user_id": th.teammate.ID}, http.StatusOK)
	if seen := read(th.instructor); seen.Items[0].UserID != th.teammate.ID || seen.Items[1].UserID != th.teammate.ID {
		t.Fatalf("the instructor sees who holds which role: %+v", seen)
	}
	do(t, env, th.instructor, "PUT", path, map[string]any{"exercise": ex.Slug, "role": role, "user_id": th.author.ID}, http.StatusForbidden)
	for _, u := range []*testenv.User{th.otherTeam, th.outsiderInstructor} {
		do(t, env, u, "GET", path+"?exercise="+ex.Slug, nil, http.StatusNotFound)
		do(t, env, u, "PUT", path, map[string]any{"exercise": ex.Slug, "role": role, "user_id": u.ID}, http.StatusNotFound)
	}
	for name, body := range map[string]map[string]any{
		"an unknown role":        {"exercise": ex.Slug, "role": "Captain", "user_id": th.author.ID},
		"someone outside":        {"exercise": ex.Slug, "role": role, "user_id": th.otherTeam.ID},
		"an unknown exercise":    {"exercise": "nope", "role": role, "user_id": th.author.ID},
		"no exercise or role":    {},
		"a number for a member:": {"exercise": ex.Slug, "role": role, "user_id": 7},
	} {
		if r := env.Do(testenv.Request{Method: "PUT", Path: path, Token: th.author.AccessToken, Body: body}); r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusBadRequest {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	do(t, env, th.author, "GET", path+"?exercise=nope", nil, http.StatusUnprocessableEntity)
	if after := read(th.author); after.Items[0].UserID != th.teammate.ID {
		t.Fatalf("a refused change was stored: %+v", after)
	}
	do(t, env, th.author, "PUT", path, map[string]any{"exercise": ex.Slug, "role": role, "user_id": ""}, http.StatusOK)
	if after := read(th.author); after.Items[0].UserID != "" || after.Items[1].UserID != th.teammate.ID {
		t.Fatalf("the first role left open, the second kept: %+v", after)
	}
	if r := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: th.teammate.AccessToken, Body: map[string]string{"password": testenv.Password}}); r.Status != http.StatusNoContent {
		t.Fatalf("erase: %d", r.Status)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM team_roles WHERE user_id = ?", th.teammate.ID); n != "0" {
		t.Errorf("an erased member still holds %s roles", n)
	}
}
