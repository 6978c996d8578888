package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// do sends a request as u and fails the test unless the answer has status want.
func do(t *testing.T, env *testenv.Env, u *testenv.User, method, path string, body any, want int) *testenv.Response {
	t.Helper()
	resp := env.Do(testenv.Request{Method: method, Path: path, Token: u.AccessToken, Body: body})
	if resp.Status != want {
		t.Fatalf("%s %s: %d %s (want %d)", method, path, resp.Status, resp.Body, want)
	}
	return resp
}

// ownEnv is an app on a database of its own, for tests that finish a whole track for each
// learner: what they add to the platform-wide figures (item statistics, judgement counts)
// stays out of the database the package's other tests share.
func ownEnv(t *testing.T) *testenv.Env {
	t.Helper()
	return testenv.NewWith(t, testenv.OwnDatabase(t, testenv.Config(t)))
}

// A society admin finds the certificates the society issued by name, email or serial, narrows
// them by programme and status, and pages through them; another society's admin sees none.
func TestIssuedCertificatesList(t *testing.T) {
	env := ownEnv(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, programme, sa := society(t, env, admin, "Listing society")
	_, _, other := society(t, env, admin, "Another society")
	a, b := env.Learner("medicine"), env.Learner("nursing")
	var serials []string
	for _, l := range []*testenv.User{a, b} {
		finishClinicians(t, env, l)
		serials = append(serials, do(t, env, l, "POST", "/api/v1/programmes/"+programme+"/claim", nil, http.StatusCreated).JSON(t)["serial"].(string))
	}
	do(t, env, sa, "POST", "/api/v1/certificates/"+serials[0]+"/revoke", map[string]string{"reason": "Issued in error."}, http.StatusOK)
	list := func(query url.Values) []any {
		t.Helper()
		body := do(t, env, sa, "GET", "/api/v1/organisations/"+orgID+"/certificates?"+query.Encode(), nil, http.StatusOK).JSON(t)
		return body["items"].([]any)
	}
	serialOf := func(items []any, i int) string { return items[i].(map[string]any)["serial"].(string) }
	if all := list(nil); len(all) != 2 || serialOf(all, 0) != serials[1] {
		t.Errorf("every certificate, newest first: %v", all)
	}
	for q, want := range map[string]string{a.Name[:6]: serials[0], b.Email: serials[1], serials[1][4:12]: serials[1]} {
		if got := list(url.Values{"q": {q}}); len(got) < 1 || serialOf(got, len(got)-1) != want {
			t.Errorf("search %q: %v", q, got)
		}
	}
	if got := list(url.Values{"status": {"revoked"}}); len(got) != 1 || serialOf(got, 0) != serials[0] {
		t.Errorf("revoked: %v", got)
	}
	if got := list(url.Values{"status": {"valid"}, "programme": {programme}}); len(got) != 1 || serialOf(got, 0) != serials[1] {
		t.Errorf("valid of the programme: %v", got)
	}
	page := do(t, env, sa, "GET", "/api/v1/organisations/"+orgID+"/certificates?limit=1", nil, http.StatusOK).JSON(t)
	next := do(t, env, sa, "GET", "/api/v1/organisations/"+orgID+"/certificates?limit=1&before="+page["next_cursor"].(string), nil, http.StatusOK).JSON(t)
	if items := next["items"].([]any); len(items) != 1 || serialOf(items, 0) != serials[0] {
		t.Errorf("the second page: %v", next)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/organisations/" + orgID + "/certificates?status=lost", Token: sa.AccessToken}); resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("an unknown status: %d", resp.Status)
	}
	do(t, env, other, "GET", "/api/v1/organisations/"+orgID+"/certificates", nil, http.StatusForbidden)
	do(t, env, a, "GET", "/api/v1/organisations/"+orgID+"/certificates", nil, http.StatusForbidden)
}

// After a revocation the society re-issues the certificate: a new serial, valid, while the old
// one stays revoked; asking again gives the same new certificate; the audit log says who did it.
func TestReissueAfterRevocation(t *testing.T) {
	env := ownEnv(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	_, programme, sa := society(t, env, admin, "Reissuing society")
	_, _, other := society(t, env, admin, "Bystander society")
	l := env.Learner("medicine")
	finishClinicians(t, env, l)
	old := do(t, env, l, "POST", "/api/v1/programmes/"+programme+"/claim", nil, http.StatusCreated).JSON(t)["serial"].(string)
	if resp := do(t, env, sa, "POST", "/api/v1/certificates/"+old+"/reissue", nil, http.StatusConflict); resp.ErrorCode() != "not_revoked" {
		t.Errorf("a valid certificate: %s", resp.Body)
	}
	do(t, env, sa, "POST", "/api/v1/certificates/"+old+"/revoke", map[string]string{"reason": "Name misspelt."}, http.StatusOK)
	do(t, env, other, "POST", "/api/v1/certificates/"+old+"/reissue", nil, http.StatusForbidden)
	do(t, env, l, "POST", "/api/v1/certificates/"+old+"/reissue", nil, http.StatusForbidden)
	fresh := do(t, env, sa, "POST", "/api/v1/certificates/"+old+"/reissue", nil, http.StatusCreated).JSON(t)
	serial := fresh["serial"].(string)
	if serial == old || fresh["status"] != "valid" {
		t.Fatalf("the new certificate: %v", fresh)
	}
	if again := do(t, env, sa, "POST", "/api/v1/certificates/"+old+"/reissue", nil, http.StatusOK).JSON(t); again["serial"] != serial {
		t.Errorf("asked again: %v", again)
	}
	for s, want := range map[string]string{old: "revoked", serial: "valid"} {
		if v := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + s + "/verify"}).JSON(t); v["status"] != want {
			t.Errorf("%s verifies as %v", s, v["status"])
		}
	}
	mine := do(t, env, l, "GET", "/api/v1/me/certificates", nil, http.StatusOK).JSON(t)["items"].([]any)
	if len(mine) != 2 {
		t.Errorf("the holder has %d certificates", len(mine))
	}
	// Claiming again gives the current certificate, not a third one.
	if c := do(t, env, l, "POST", "/api/v1/programmes/"+programme+"/claim", nil, http.StatusOK).JSON(t); c["serial"] != serial {
		t.Errorf("a claim after the re-issue: %v", c)
	}
	audit := do(t, env, admin, "GET", "/api/v1/audit?action=certificate.reissued", nil, http.StatusOK).JSON(t)["items"].([]any)
	if len(audit) != 1 || audit[0].(map[string]any)["subject"] != "certificate:"+serial || audit[0].(map[string]any)["actor_email"] != sa.Email {
		t.Errorf("the audit log: %v", audit)
	}
}

// A programme is edited freely until it issues; afterwards only its description changes.
// Retired, it leaves the public list, issues nothing new, and what it issued stays valid.
func TestProgrammeEditAndRetirement(t *testing.T) {
	env := ownEnv(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, programme, sa := society(t, env, admin, "Editing society")
	path := "/api/v1/programmes/" + programme
	body := map[string]any{"title": "AI literacy for anaesthetists", "description": "Revised.", "tracks": []string{"clinicians"},
		"min_quiz_percent": 70, "credits": 0.5, "credit_unit": "CME hours", "validity_days": 365}
	if p := do(t, env, sa, "PATCH", path, body, http.StatusOK).JSON(t); p["title"] != body["title"] || p["min_quiz_percent"] != 70.0 {
		t.Errorf("edited: %v", p)
	}
	l := env.Learner("medicine")
	finishClinicians(t, env, l)
	serial := do(t, env, l, "POST", path+"/claim", nil, http.StatusCreated).JSON(t)["serial"].(string)
	body["title"], body["description"] = "Another title", "Clearer."
	resp := do(t, env, sa, "PATCH", path, body, http.StatusUnprocessableEntity)
	if fields := resp.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any); len(fields) != 1 || fields["title"] == nil {
		t.Errorf("a title change after issuing: %s", resp.Body)
	}
	body["title"] = "AI literacy for anaesthetists"
	body["tracks"] = []string{"clinicians", "clinicians"} // the same requirement, written otherwise
	if p := do(t, env, sa, "PATCH", path, body, http.StatusOK).JSON(t); p["description"] != "Clearer." || p["certificates_issued"] != 1.0 {
		t.Errorf("a description change after issuing: %v", p)
	}
	if p := do(t, env, sa, "POST", path+"/retire", nil, http.StatusOK).JSON(t); p["retired_at"] == nil {
		t.Errorf("retired: %v", p)
	}
	do(t, env, sa, "POST", path+"/retire", nil, http.StatusConflict)
	do(t, env, sa, "PATCH", path, body, http.StatusConflict)
	for _, p := range env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes"}).JSON(t)["items"].([]any) {
		if p.(map[string]any)["id"] == programme {
			t.Error("a retired programme is still listed for learners")
		}
	}
	other := env.Learner("nursing")
	finishClinicians(t, env, other)
	if resp := do(t, env, other, "POST", path+"/claim", nil, http.StatusConflict); resp.ErrorCode() != "programme_retired" {
		t.Errorf("a claim: %s", resp.Body)
	}
	do(t, env, sa, "POST", path+"/certificates", map[string]string{"email": other.Email}, http.StatusConflict)
	if v := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/certificates/" + serial + "/verify"}).JSON(t); v["status"] != "valid" || v["programme_retired_at"] == nil {
		t.Errorf("a certificate of the retired programme: %v", v)
	}
	if p := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/programmes/" + programme}).JSON(t); p["retired_at"] == nil {
		t.Errorf("the public view of the retired programme: %v", p)
	}
	do(t, env, sa, "POST", "/api/v1/certificates/"+serial+"/revoke", map[string]string{"reason": "Test."}, http.StatusOK)
	do(t, env, sa, "POST", "/api/v1/certificates/"+serial+"/reissue", nil, http.StatusConflict)
	items := do(t, env, sa, "GET", "/api/v1/organisations/"+orgID+"/programmes", nil, http.StatusOK).JSON(t)["items"].([]any)
	if len(items) != 1 || items[0].(map[string]any)["retired_at"] == nil {
		t.Errorf("the society's programmes: %v", items)
	}
}
