package handlers_test

import (
	"net/http"
	"net/url"
	"testing"

	"tandem/testenv"
)

// A person from the university signs in with its provider: the first time makes their
// account from the provider's name and verified address and asks their discipline; the
// second time signs the same account in. Their address cannot log in with a password, since
// the university's provider is its only way in.
func TestOIDCSignInMakesTheAccountThenReusesIt(t *testing.T) {
	s := newOIDCSite(t)
	email := s.person("ada", "Ada", "Lovelace", "uni.example", true)

	first := s.browser(t).through("uni", "ada")
	if first.frag.Get("ask") != "discipline" || first.frag.Get("next") != "/modules/clin-data" {
		t.Errorf("first sign-in lands on %v", first.frag)
	}
	user := s.session(t, first)
	if user["email"] != email || user["name"] != "Ada Lovelace" || user["discipline"] != "other" || user["institution"] != "University of Example" {
		t.Errorf("the new account is %v", user)
	}
	if n := s.env.Scalar("SELECT COUNT(*) FROM users WHERE email = ? AND email_verified_at IS NOT NULL", email); n != "1" {
		t.Errorf("%s verified accounts for the address", n)
	}

	second := s.browser(t).through("uni", "ada")
	if second.frag.Get("ask") != "" {
		t.Errorf("the discipline is asked again: %v", second.frag)
	}
	if again := s.session(t, second); again["id"] != user["id"] {
		t.Errorf("the second sign-in opened account %v, not %v", again["id"], user["id"])
	}
	if n := s.env.Scalar("SELECT COUNT(*) FROM oidc_identities WHERE user_id = ?", user["id"]); n != "1" {
		t.Errorf("%s links to the account", n)
	}

	resp := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]any{"email": email, "password": "anything at all"}})
	if resp.Status != http.StatusForbidden || resp.ErrorCode() != "sign_in_with_provider" {
		t.Errorf("password log-in for the university's address: %d %s", resp.Status, resp.Body)
	}
	resp = s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{"email": s.email("new", "uni.example"),
		"password": testenv.Password, "name": "New Person", "discipline": "nursing"}})
	if resp.Status != http.StatusForbidden || resp.ErrorCode() != "sign_in_with_provider" {
		t.Errorf("registration with the university's address: %d %s", resp.Status, resp.Body)
	}
	resp = s.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/auth/providers"})
	if items := resp.JSON(t)["items"].([]any); resp.Status != http.StatusOK || len(items) != 2 || items[0].(map[string]any)["name"] != "University of Example" {
		t.Errorf("providers: %d %s", resp.Status, resp.Body)
	}
}

// Returns that are not the browser's own sign-in are refused and make no account: a state
// Tandem never gave, a state from another browser, a state used twice, a code used twice, and
// an id_token whose nonce is not the one Tandem sent.
func TestOIDCSignInRefusesForgedReturns(t *testing.T) {
	s := newOIDCSite(t)
	email := s.person("grace", "Grace", "Hopper", "uni.example", true)
	accounts := func() string { return s.env.Scalar("SELECT COUNT(*) FROM users WHERE email = ?", email) }

	b := s.browser(t)
	back := b.signIn(b.start("uni"), "grace")
	forged := *back
	q := forged.Query()
	q.Set("state", "a state Tandem never gave")
	forged.RawQuery = q.Encode()
	if got := b.finish(&forged); got.status != http.StatusBadRequest || got.code != "oidc_state_invalid" {
		t.Errorf("unknown state: %d %s", got.status, got.code)
	}
	if got := s.browser(t).finish(back); got.status != http.StatusBadRequest || got.code != "oidc_browser_mismatch" {
		t.Errorf("state from another browser: %d %s", got.status, got.code)
	}
	if accounts() != "0" {
		t.Fatal("a refused return made an account")
	}
	s.session(t, b.finish(back)) // the browser that began it still can
	if got := b.finish(back); got.status != http.StatusBadRequest || got.code != "oidc_state_invalid" {
		t.Errorf("state used twice: %d %s", got.status, got.code)
	}

	replay := b.signIn(b.start("uni"), "grace")
	q = replay.Query()
	q.Set("code", back.Query().Get("code"))
	replay.RawQuery = q.Encode()
	if got := b.finish(replay); got.status != http.StatusUnauthorized || got.code != "oidc_token_invalid" {
		t.Errorf("code used twice: %d %s", got.status, got.code)
	}

	auth := b.start("uni")
	q = auth.Query()
	q.Set("nonce", "a nonce Tandem never sent")
	auth.RawQuery = q.Encode()
	other := s.person("linus", "Linus", "Torvalds", "uni.example", true)
	if got := b.finish(b.signIn(auth, "linus")); got.status != http.StatusUnauthorized || got.code != "oidc_token_invalid" {
		t.Errorf("nonce mismatch: %d %s", got.status, got.code)
	}
	if n := s.env.Scalar("SELECT COUNT(*) FROM users WHERE email = ?", other); n != "0" {
		t.Error("a token with the wrong nonce made an account")
	}
}

// The university's provider admits its own domain only, and no provider's unverified address
// makes or opens an account.
func TestOIDCSignInKeepsDomainAndEmailRules(t *testing.T) {
	s := newOIDCSite(t)
	eve := s.person("eve", "Eve", "Outsider", "elsewhere.example", true)
	bob := s.person("bob", "Bob", "Unverified", "uni.example", false)
	for _, c := range []struct {
		provider, user, code string
	}{
		{"uni", "eve", "oidc_domain_refused"},
		{"uni", "bob", "oidc_email_unverified"},
		{"open", "bob", "oidc_email_unverified"},
	} {
		if got := s.browser(t).through(c.provider, c.user); got.status != http.StatusForbidden || got.code != c.code {
			t.Errorf("%s with %s: %d %s, want 403 %s", c.user, c.provider, got.status, got.code, c.code)
		}
	}
	if n := s.env.Scalar("SELECT COUNT(*) FROM users WHERE email IN (?, ?)", eve, bob); n != "0" {
		t.Errorf("%s accounts made for refused sign-ins", n)
	}
	if n := s.env.Scalar("SELECT COUNT(*) FROM oidc_identities WHERE issuer = ?", s.op.Issuer); n != "0" {
		t.Errorf("%s links made for refused sign-ins", n)
	}
	s.session(t, s.browser(t).through("open", "eve")) // the open provider admits any verified address
}

// A provider's address that already has an account links only once the account's password is
// given; a signed-in person links a provider from their account; one provider's user is never
// linked to two accounts.
func TestOIDCSignInLinksOnlyWithPasswordOrSession(t *testing.T) {
	s := newOIDCSite(t)
	learner := s.env.Learner("nursing")
	s.op.AddUser(oidcUser("lin-"+s.tag, "lin", learner.Email))

	offer := s.browser(t).through("open", "lin")
	if offer.status != http.StatusSeeOther || offer.page != "/sign-in/link" {
		t.Fatalf("a known address: %d %s %q", offer.status, offer.code, offer.page)
	}
	if n := s.env.Scalar("SELECT COUNT(*) FROM oidc_identities WHERE user_id = ?", learner.ID); n != "0" {
		t.Fatal("the provider was linked by the address alone")
	}
	link := func(password string) *testenv.Response {
		return s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/oidc/links", Body: map[string]any{"code": offer.frag.Get("code"), "password": password}})
	}
	if resp := link("not the password"); resp.Status != http.StatusUnprocessableEntity {
		t.Errorf("wrong password: %d %s", resp.Status, resp.Body)
	}
	resp := link(learner.Password)
	if resp.Status != http.StatusOK || resp.JSON(t)["session"].(map[string]any)["user"].(map[string]any)["id"] != learner.ID {
		t.Fatalf("right password: %d %s", resp.Status, resp.Body)
	}
	if resp := link(learner.Password); resp.Status != http.StatusGone {
		t.Errorf("the offer used twice: %d %s", resp.Status, resp.Body)
	}
	if user := s.session(t, s.browser(t).through("open", "lin")); user["id"] != learner.ID {
		t.Errorf("after linking, the provider opens %v", user["id"])
	}

	// Linking from the account page: the provider's user has an address Tandem does not know.
	other := s.env.Learner("medicine")
	s.op.AddUser(oidcUser("kim-"+s.tag, "kim", s.email("kim", "elsewhere.example")))
	b := s.browser(t)
	started := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/oidc-links", Token: other.AccessToken, Body: map[string]any{"provider": "open"}})
	if started.Status != http.StatusOK {
		t.Fatalf("begin linking: %d %s", started.Status, started.Body)
	}
	base, _ := url.Parse(s.env.URL + "/auth/oidc/")
	b.jar.SetCookies(base, (&http.Response{Header: started.Header}).Cookies())
	auth, _ := url.Parse(started.JSON(t)["redirect_url"].(string))
	if user := s.session(t, b.finish(b.signIn(auth, "kim"))); user["id"] != other.ID {
		t.Errorf("linking opened %v, not the signed-in account", user["id"])
	}
	links := s.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/oidc-links", Token: other.AccessToken}).JSON(t)["items"].([]any)
	if len(links) != 1 || links[0].(map[string]any)["provider"] != "open" {
		t.Errorf("linked providers: %v", links)
	}

	// kim's provider account is the other learner's now; the first learner cannot take it.
	started = s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/oidc-links", Token: learner.AccessToken, Body: map[string]any{"provider": "open"}})
	b = s.browser(t)
	b.jar.SetCookies(base, (&http.Response{Header: started.Header}).Cookies())
	auth, _ = url.Parse(started.JSON(t)["redirect_url"].(string))
	if got := b.finish(b.signIn(auth, "kim")); got.status != http.StatusConflict || got.code != "oidc_identity_taken" {
		t.Errorf("linking a provider account linked elsewhere: %d %s", got.status, got.code)
	}
}
