package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// rawJSON is a request body with a JSON string holding bytes json.Marshal would not write
// (it turns invalid UTF-8 into U+FFFD).
func rawJSON(field, raw string) string {
	return `{"` + field + `":"` + raw + `"}`
}

// A NUL character or invalid UTF-8 anywhere in a request, path, query or JSON body, is a 400
// invalid_text before any route sees it, on both databases, and nothing is written.
func TestNULAndInvalidUTF8AreRefusedAtTheEdge(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	learner := env.Learner("nursing")
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	admin := env.WithRole(auth.RoleAdmin, "other")
	lesson := env.App.Catalog.Lessons()[0].Slug
	for _, tc := range []struct {
		name string
		req  testenv.Request
	}{
		{"login, NUL in the email", testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"email": "a\x00@tandem.test", "password": "whatever it is"}}},
		{"login, escaped NUL", testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: `{"email":"a\u0000@tandem.test","password":"x"}`}},
		{"register, invalid UTF-8", testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: `{"email":"new@tandem.test","password":"a sensible passphrase","discipline":"other","name":"Zo` + "\xeb" + `"}`}},
		{"register, lone surrogate", testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: `{"email":"new@tandem.test","password":"a sensible passphrase","discipline":"other","name":"Zo\ud800"}`}},
		{"profile", testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]any{"name": "Ada\x00"}}},
		{"cohort", testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken, Body: map[string]any{"name": "Spring\x00", "tracks": []string{"clinicians"}}}},
		{"organisation", testenv.Request{Method: "POST", Path: "/api/v1/organisations", Token: admin.AccessToken, Body: rawJSON("name", "Soci\xe9t\xe9")}},
		{"feedback", testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/feedback", Token: learner.AccessToken, Body: map[string]any{"rating": 3, "kind": "error", "comment": "x\x00"}}},
		{"revoke reason", testenv.Request{Method: "POST", Path: "/api/v1/certificates/TND-0000-0000-0000/revoke", Token: admin.AccessToken, Body: map[string]any{"reason": "\x00"}}},
		{"peer comment", testenv.Request{Method: "POST", Path: "/api/v1/teams/x/peer-evaluations", Token: learner.AccessToken, Body: map[string]any{"exercise": "x", "comment": "\x00"}}},
		{"invitation CSV", testenv.Request{Method: "POST", Path: "/api/v1/cohorts/x/invitations/import", Token: instructor.AccessToken, Body: "email,name\nzoe@tandem.test,Zo\xeb\n"}},
		{"key with a NUL", testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: `{"em\u0000ail":"a@tandem.test"}`}},
		{"?quiz=", testenv.Request{Method: "GET", Path: "/api/v1/me/attempts?quiz=%00", Token: learner.AccessToken}},
		{"?after=", testenv.Request{Method: "GET", Path: "/api/v1/me/statements?after=%FF", Token: learner.AccessToken}},
		{"a query name", testenv.Request{Method: "GET", Path: "/api/v1/tracks?%00=1"}},
		{"/attempts/%00", testenv.Request{Method: "GET", Path: "/api/v1/attempts/%00", Token: learner.AccessToken}},
		{"a public path", testenv.Request{Method: "GET", Path: "/api/v1/certificates/TND%00/verify"}},
		{"a slug", testenv.Request{Method: "GET", Path: "/api/v1/tracks/clin%C0icians"}},
	} {
		resp := env.Do(tc.req)
		if resp.Status != http.StatusBadRequest || resp.ErrorCode() != "invalid_text" {
			t.Errorf("%s: %d %s", tc.name, resp.Status, resp.Body)
		}
	}
	// Nothing was written: the address is still free, the name unchanged, no cohort made.
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": "new@tandem.test", "password": "a sensible passphrase", "name": "Zoë", "discipline": "other"}}); resp.Status != http.StatusCreated {
		t.Fatalf("register after the refusals: %d %s", resp.Status, resp.Body)
	}
	if me := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: learner.AccessToken}).JSON(t); me["name"] != learner.Name {
		t.Fatalf("the name changed: %v", me["name"])
	}
	if cohorts := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts", Token: instructor.AccessToken}).JSON(t)["items"].([]any); len(cohorts) != 0 {
		t.Fatalf("cohorts written: %v", cohorts)
	}
}

// Names and titles that certificates and rosters print refuse bidirectional and invisible
// formatting characters, so that nothing prints reversed; emoji and scripts of every kind stay.
func TestNamesRefuseFormattingCharacters(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	learner := env.Learner("nursing")
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	admin := env.WithRole(auth.RoleAdmin, "other")
	orgID, _, socAdmin := society(t, env, admin, "Formatting society (test)")
	for _, reversed := range []string{"\u202eecivreS", "Ada\u2066 Lovelace\u2069", "Ada\u200f", "Ada\u200b"} {
		for _, tc := range []struct {
			name, field string
			req         testenv.Request
		}{
			{"register", "name", testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
				"email": "bidi@tandem.test", "password": "a sensible passphrase", "name": reversed, "discipline": "other"}}},
			{"profile", "name", testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]any{"name": reversed}}},
			{"institution", "institution", testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]any{"institution": reversed}}},
			{"cohort", "name", testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: instructor.AccessToken, Body: map[string]any{"name": reversed, "tracks": []string{"clinicians"}}}},
			{"organisation", "name", testenv.Request{Method: "POST", Path: "/api/v1/organisations", Token: admin.AccessToken, Body: map[string]any{"name": reversed, "kind": "society"}}},
			{"programme", "title", testenv.Request{Method: "POST", Path: "/api/v1/organisations/" + orgID + "/programmes", Token: socAdmin.AccessToken,
				Body: map[string]any{"title": reversed, "tracks": []string{"clinicians"}}}},
		} {
			resp := env.Do(tc.req)
			if resp.Status != http.StatusUnprocessableEntity || !strings.Contains(string(resp.Body), `"`+tc.field+`":"must not contain bidirectional`) {
				t.Errorf("%s %q: %d %s", tc.name, reversed, resp.Status, resp.Body)
			}
		}
	}
	for _, name := range []string{"Dr 👩‍⚕️ Okafor", "نرگس\u200cرضایی", "山田 花子"} {
		if resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: learner.AccessToken, Body: map[string]any{"name": name}}); resp.Status != http.StatusOK || resp.JSON(t)["name"] != name {
			t.Errorf("the name %q: %d %s", name, resp.Status, resp.Body)
		}
	}
}
