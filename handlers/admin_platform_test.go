package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"tandem/auth"
	"tandem/testenv"
)

// A platform admin lists and edits organisations and runs their members' roles; a society
// admin runs their own organisation's members but not their own role, and no other's.
func TestOrganisationAdministration(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, _, sa := society(t, env, admin, "Members society")
	otherOrg, _, ta := society(t, env, admin, "Neighbour society")
	members := map[string]any{}
	for _, o := range do(t, env, admin, "GET", "/api/v1/organisations", nil, http.StatusOK).JSON(t)["items"].([]any) {
		members[o.(map[string]any)["id"].(string)] = o.(map[string]any)["members"]
	}
	if members[orgID] != 1.0 || members[otherOrg] != 1.0 {
		t.Errorf("organisations: %v", members)
	}
	do(t, env, sa, "GET", "/api/v1/organisations", nil, http.StatusForbidden)
	// A society admin renames their own organisation, never another; a plain member cannot.
	do(t, env, ta, "PATCH", "/api/v1/organisations/"+orgID, map[string]string{"name": "Taken over"}, http.StatusForbidden)
	do(t, env, sa, "PATCH", "/api/v1/organisations/"+otherOrg, map[string]string{"name": "Taken over"}, http.StatusForbidden)
	do(t, env, sa, "PATCH", "/api/v1/organisations/"+orgID, map[string]string{"name": "  "}, http.StatusUnprocessableEntity)
	if o := do(t, env, sa, "PATCH", "/api/v1/organisations/"+orgID, map[string]string{"name": "Members society of Europe"}, http.StatusOK).JSON(t); o["name"] != "Members society of Europe" {
		t.Errorf("renamed by its society admin: %v", o)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM organisations WHERE name = 'Taken over'"); n != "0" {
		t.Errorf("a refused rename was stored: %s", n)
	}
	if resp := do(t, env, admin, "PATCH", "/api/v1/organisations/"+orgID, map[string]string{"name": "Renamed society", "url": "ftp://x"}, http.StatusUnprocessableEntity); resp.Body == nil {
		t.Error("no body")
	}
	if o := do(t, env, admin, "PATCH", "/api/v1/organisations/"+orgID, map[string]string{"name": "Renamed society", "url": "https://renamed.example.org"}, http.StatusOK).JSON(t); o["name"] != "Renamed society" || o["kind"] != "society" {
		t.Errorf("renamed: %v", o)
	}
	m := env.Learner("nursing")
	do(t, env, sa, "POST", "/api/v1/organisations/"+orgID+"/members", map[string]string{"email": m.Email, "role": "member"}, http.StatusCreated)
	membersPath := "/api/v1/organisations/" + orgID + "/members"
	do(t, env, sa, "PUT", membersPath+"/"+m.ID, map[string]string{"role": "society_admin"}, http.StatusOK)
	do(t, env, sa, "PUT", membersPath+"/"+m.ID, map[string]string{"role": "author"}, http.StatusForbidden)
	do(t, env, sa, "PUT", membersPath+"/"+m.ID, map[string]string{"role": "owner"}, http.StatusUnprocessableEntity)
	do(t, env, sa, "PUT", membersPath+"/"+sa.ID, map[string]string{"role": "member"}, http.StatusForbidden)
	do(t, env, sa, "DELETE", membersPath+"/"+sa.ID, nil, http.StatusForbidden)
	do(t, env, ta, "GET", membersPath, nil, http.StatusForbidden)
	do(t, env, ta, "DELETE", membersPath+"/"+m.ID, nil, http.StatusForbidden)
	do(t, env, sa, "GET", "/api/v1/organisations/"+otherOrg+"/members", nil, http.StatusForbidden)
	list := do(t, env, sa, "GET", membersPath, nil, http.StatusOK).JSON(t)["items"].([]any)
	roles := map[string]any{}
	for _, it := range list {
		roles[it.(map[string]any)["email"].(string)] = it.(map[string]any)["role"]
	}
	if len(roles) != 2 || roles[m.Email] != "society_admin" || roles[sa.Email] != "society_admin" {
		t.Errorf("members: %v", list)
	}
	do(t, env, sa, "PUT", membersPath+"/"+m.ID, map[string]string{"role": "member"}, http.StatusOK)
	env.Login(m)
	do(t, env, m, "PATCH", "/api/v1/organisations/"+orgID, map[string]string{"name": "Renamed by a member"}, http.StatusForbidden)
	do(t, env, sa, "DELETE", membersPath+"/"+m.ID, nil, http.StatusNoContent)
	do(t, env, sa, "DELETE", membersPath+"/"+m.ID, nil, http.StatusNotFound)
	// The removed member's sessions ended: their token carried the role.
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: m.AccessToken}); resp.Status != http.StatusUnauthorized {
		t.Errorf("the removed member's session: %d", resp.Status)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'membership.removed' AND subject = ?", "organisation:"+orgID); n != "1" {
		t.Errorf("%s removals audited", n)
	}
}

// A platform admin makes instructors: an existing account is promoted, a new one is created
// and its owner mailed a link to choose a password.
func TestInstructors(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	l := env.Learner("data_science")
	if r := do(t, env, admin, "POST", "/api/v1/instructors", map[string]string{"email": l.Email}, http.StatusOK).JSON(t); r["created"] != false {
		t.Errorf("promoted: %v", r)
	}
	env.Login(l)
	if me := do(t, env, l, "GET", "/api/v1/me", nil, http.StatusOK).JSON(t); !contains(me["roles"], "instructor") {
		t.Errorf("the promoted account's roles: %v", me["roles"])
	}
	typed := testenv.UniqueEmail("New.Teacher@tandem.test")
	newTeacher := strings.ToLower(typed)
	resp := do(t, env, admin, "POST", "/api/v1/instructors", map[string]string{"email": newTeacher}, http.StatusUnprocessableEntity)
	if fields := resp.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any); fields["name"] == nil || fields["discipline"] == nil {
		t.Errorf("a new account without a name: %s", resp.Body)
	}
	if env.Scalar("SELECT COUNT(*) FROM users WHERE email = ?", newTeacher) != "0" {
		t.Error("a refused account was stored")
	}
	created := do(t, env, admin, "POST", "/api/v1/instructors", map[string]string{"email": typed, "name": "Nadia Teacher",
		"discipline": "nursing", "institution": "City Hospital"}, http.StatusCreated).JSON(t)
	if created["created"] != true {
		t.Errorf("created: %v", created)
	}
	env.AwaitMails(t, newTeacher, "instructor_welcome", 1)
	do(t, env, admin, "POST", "/api/v1/instructors", map[string]string{"email": admin.Email}, http.StatusConflict)
	found := 0
	for _, it := range do(t, env, admin, "GET", "/api/v1/instructors", nil, http.StatusOK).JSON(t)["items"].([]any) {
		if e := it.(map[string]any)["email"]; e == l.Email || e == newTeacher {
			found++
		}
	}
	if found != 2 {
		t.Errorf("%d of the 2 new instructors are listed", found)
	}
	do(t, env, l, "GET", "/api/v1/instructors", nil, http.StatusForbidden)
	do(t, env, l, "POST", "/api/v1/instructors", map[string]string{"email": "x@tandem.test"}, http.StatusForbidden)
}

func contains(list any, want string) bool {
	for _, v := range list.([]any) {
		if v == want {
			return true
		}
	}
	return false
}

// The audit log narrows to an actor (by email), an action or its start, a target and a date
// range, server-side, and pages.
func TestAuditFilters(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, programme, sa := society(t, env, admin, "Audited society")
	do(t, env, sa, "PATCH", "/api/v1/programmes/"+programme, map[string]any{"title": "Audited programme", "tracks": []string{"clinicians"}}, http.StatusOK)
	audit := func(q url.Values) []any {
		t.Helper()
		return do(t, env, admin, "GET", "/api/v1/audit?"+q.Encode(), nil, http.StatusOK).JSON(t)["items"].([]any)
	}
	actions := func(items []any) []string {
		var out []string
		for _, it := range items {
			out = append(out, it.(map[string]any)["action"].(string))
		}
		return out
	}
	if got := actions(audit(url.Values{"actor": {sa.Email}})); len(got) != 2 || got[0] != "programme.updated" || got[1] != "programme.created" {
		t.Errorf("by the society admin: %v", got)
	}
	if got := actions(audit(url.Values{"action": {"programme."}, "target": {programme}})); len(got) != 2 {
		t.Errorf("programme actions: %v", got)
	}
	if got := actions(audit(url.Values{"target": {orgID}})); len(got) != 2 || got[1] != "organisation.created" {
		t.Errorf("about the organisation: %v", got)
	}
	today := time.Now().UTC().Format(time.DateOnly)
	if got := audit(url.Values{"from": {today}, "to": {today}, "target": {orgID}}); len(got) != 2 {
		t.Errorf("today: %v", actions(got))
	}
	if got := audit(url.Values{"to": {"2020-01-01"}, "target": {orgID}}); len(got) != 0 {
		t.Errorf("before 2020: %v", actions(got))
	}
	if got := audit(url.Values{"actor": {"nobody@tandem.test"}}); len(got) != 0 {
		t.Errorf("an unknown actor: %v", actions(got))
	}
	resp := do(t, env, admin, "GET", "/api/v1/audit?from=05/12/2026", nil, http.StatusUnprocessableEntity)
	if resp.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any)["from"] == nil {
		t.Errorf("a bad date: %s", resp.Body)
	}
	first := do(t, env, admin, "GET", "/api/v1/audit?limit=1&target="+orgID, nil, http.StatusOK).JSON(t)
	rest := audit(url.Values{"before": {first["next_cursor"].(string)}, "target": {orgID}})
	if len(first["items"].([]any)) != 1 || len(rest) != 1 {
		t.Errorf("pages: %v then %v", first, rest)
	}
}
