package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"tandem/testenv"
)

// linkFromAccount links the provider "open" to u's account as the provider's user username,
// the way the account page does.
func (s *oidcSite) linkFromAccount(t *testing.T, u *testenv.User, username string) {
	t.Helper()
	started := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/oidc-links", Token: u.AccessToken, Body: map[string]any{"provider": "open"}})
	if started.Status != http.StatusOK {
		t.Fatalf("begin linking: %d %s", started.Status, started.Body)
	}
	b := s.browser(t)
	base, _ := url.Parse(s.env.URL + "/auth/oidc/")
	b.jar.SetCookies(base, (&http.Response{Header: started.Header}).Cookies())
	auth, _ := url.Parse(started.JSON(t)["redirect_url"].(string))
	if user := s.session(t, b.finish(b.signIn(auth, username))); user["id"] != u.ID {
		t.Fatalf("linking opened %v, not %s", user["id"], u.ID)
	}
}

// A provider comes off an account only while the account keeps another way in: its password,
// given with the request, or another link. Each unlink is audited, and nobody unlinks another
// person's provider.
func TestOIDCUnlinkKeepsAWayIn(t *testing.T) {
	s := newOIDCSite(t)
	unlink := func(token, provider string, body any) *testenv.Response {
		return s.env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me/oidc-links/" + provider, Token: token, Body: body})
	}
	links := func(userID any) string {
		return s.env.Scalar("SELECT COUNT(*) FROM oidc_identities WHERE user_id = ?", userID)
	}
	learner := s.env.Learner("medicine")
	s.op.AddUser(oidcUser("lee-"+s.tag, "lee", s.email("lee", "elsewhere.example")))
	s.linkFromAccount(t, learner, "lee")

	// Without the password, the provider is the only way in Tandem can count on.
	if r := unlink(learner.AccessToken, "open", nil); r.Status != http.StatusConflict || r.ErrorCode() != "last_sign_in_method" {
		t.Errorf("unlink without a password: %d %s", r.Status, r.Body)
	}
	if r := unlink(learner.AccessToken, "open", map[string]any{"password": "not the password"}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("unlink with a wrong password: %d %s", r.Status, r.Body)
	}
	other := s.env.Learner("nursing")
	if r := unlink(other.AccessToken, "open", map[string]any{"password": other.Password}); r.Status != http.StatusNotFound {
		t.Errorf("another learner unlinks a provider they have not linked: %d %s", r.Status, r.Body)
	}
	if r := unlink("", "open", nil); r.Status != http.StatusUnauthorized {
		t.Errorf("unlink signed out: %d %s", r.Status, r.Body)
	}
	if r := unlink(learner.AccessToken, "nowhere", map[string]any{"password": learner.Password}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("unlink a provider that is not configured: %d %s", r.Status, r.Body)
	}
	if n := links(learner.ID); n != "1" {
		t.Fatalf("refused unlinks left %s links", n)
	}
	if r := unlink(learner.AccessToken, "open", map[string]any{"password": learner.Password}); r.Status != http.StatusNoContent {
		t.Fatalf("unlink with the password: %d %s", r.Status, r.Body)
	}
	if n := links(learner.ID); n != "0" {
		t.Errorf("after unlinking, %s links", n)
	}
	if n := s.env.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'oidc.unlinked' AND subject = ? AND actor_id = ?", "user:"+learner.ID, learner.ID); n != "1" {
		t.Errorf("%s audit events of the unlink", n)
	}
	if r := unlink(learner.AccessToken, "open", map[string]any{"password": learner.Password}); r.Status != http.StatusNotFound {
		t.Errorf("unlink twice: %d %s", r.Status, r.Body)
	}

	// An account the university's sign-in made has no password it knows: its only link stays
	// until it links another provider; then either may go, but not both.
	s.person("ada", "Ada", "Lovelace", "uni.example", true)
	sess := s.tokens(t, s.browser(t).through("uni", "ada"))
	ada := &testenv.User{ID: sess["user"].(map[string]any)["id"].(string), AccessToken: sess["access_token"].(string)}
	if r := unlink(ada.AccessToken, "uni", nil); r.Status != http.StatusConflict {
		t.Errorf("unlink the only way in: %d %s", r.Status, r.Body)
	}
	s.op.AddUser(oidcUser("ada-open-"+s.tag, "ada-open", s.email("ada-open", "elsewhere.example")))
	s.linkFromAccount(t, ada, "ada-open")
	if r := unlink(ada.AccessToken, "uni", nil); r.Status != http.StatusNoContent {
		t.Errorf("unlink with another link kept: %d %s", r.Status, r.Body)
	}
	if r := unlink(ada.AccessToken, "open", nil); r.Status != http.StatusConflict {
		t.Errorf("unlink the last link: %d %s", r.Status, r.Body)
	}
	if n := links(ada.ID); n != "1" {
		t.Errorf("the account keeps %s links, want 1", n)
	}
}
