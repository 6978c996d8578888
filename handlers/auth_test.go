package handlers_test

import (
	"encoding/json"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"testing"

	"tandem/testenv"
)

func TestRegisterLoginMeRoundTrip(t *testing.T) {
	env := testenv.New(t)
	typed := testenv.UniqueEmail("Grace.Hopper@Example.ORG")
	email := strings.ToLower(typed)
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": "  " + typed + " ", "password": "navy computers 1945", "name": "Grace Hopper",
		"discipline": "computer_science", "institution": "Yale",
	}})
	if resp.Status != http.StatusCreated {
		t.Fatalf("register: %d %s", resp.Status, resp.Body)
	}
	if strings.Contains(string(resp.Body), "password") {
		t.Fatalf("register response mentions the password: %s", resp.Body)
	}
	login := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login",
		Body: map[string]string{"email": email, "password": "navy computers 1945"}})
	if login.Status != http.StatusOK {
		t.Fatalf("login: %d %s", login.Status, login.Body)
	}
	var s struct {
		AccessToken, RefreshToken, TokenType string `json:"-"`
	}
	body := login.JSON(t)
	s.AccessToken, _ = body["access_token"].(string)
	if body["token_type"] != "Bearer" || body["expires_in"].(float64) != 900 || s.AccessToken == "" {
		t.Fatalf("login body: %s", login.Body)
	}
	me := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: s.AccessToken}).JSON(t)
	if me["email"] != email || me["name"] != "Grace Hopper" || me["discipline"] != "computer_science" ||
		me["institution"] != "Yale" {
		t.Fatalf("me: %v", me)
	}
	if roles := me["roles"].([]any); len(roles) != 1 || roles[0] != "learner" {
		t.Fatalf("roles: %v", roles)
	}
}

// Registering a taken address answers exactly as registering a new one (status and the
// shape of the body), creates nothing, and mails the address's owner instead.
func TestRegisterTakenEmailAnswersAsNew(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	register := func(email string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
			"email": email, "password": "another long passphrase", "name": "Copy", "discipline": "nursing",
		}})
	}
	taken, fresh := register(strings.ToUpper(u.Email)), register("fresh-"+u.Email)
	if taken.Status != http.StatusCreated || fresh.Status != http.StatusCreated {
		t.Fatalf("taken %d %s, fresh %d %s", taken.Status, taken.Body, fresh.Status, fresh.Body)
	}
	shape := func(r *testenv.Response) string {
		var body struct{ User map[string]any }
		r.Decode(t, &body)
		for _, k := range []string{"id", "created_at", "email"} {
			delete(body.User, k)
		}
		b, _ := json.Marshal(body.User)
		return string(b)
	}
	if a, b := shape(taken), shape(fresh); a != b {
		t.Fatalf("the answers differ beyond id, time and address:\n%s\n%s", a, b)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM users WHERE email = ?", u.Email); n != "1" {
		t.Fatalf("%s accounts with the taken address", n)
	}
	kinds := env.Scalar("SELECT COUNT(*) FROM mail_outbox WHERE to_address = ? AND kind = 'already_registered'", u.Email)
	if kinds != "1" {
		t.Fatalf("the owner got %s already-registered mails, want 1", kinds)
	}
}

func TestRegisterConcurrentSameEmailCreatesOne(t *testing.T) {
	env := testenv.New(t)
	const n = 8
	twin := testenv.UniqueEmail("twin@tandem.test")
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			statuses[i] = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
				"email": twin, "password": "simultaneous signups", "name": "Twin", "discipline": "medicine",
			}}).Status
		})
	}
	wg.Wait()
	for _, s := range statuses {
		if s != http.StatusCreated {
			t.Fatalf("unexpected status %d in %v", s, statuses)
		}
	}
	if created := env.Scalar("SELECT COUNT(*) FROM users WHERE email = ?", twin); created != "1" {
		t.Fatalf("%s accounts created for one email", created)
	}
}

func TestRegisterInvalidFieldsAre422WithDetails(t *testing.T) {
	env := testenv.New(t)
	cases := []struct {
		name   string
		body   map[string]any
		fields []string
	}{
		{"everything wrong", map[string]any{"email": "not-an-email", "password": "short", "name": "  ", "discipline": "astrology"},
			[]string{"email", "password", "name", "discipline"}},
		{"missing fields", map[string]any{"email": "a@b.org"}, []string{"password", "name", "discipline"}},
		{"common password", map[string]any{"email": "c@tandem.test", "password": "password123", "name": "C", "discipline": "medicine"},
			[]string{"password"}},
		{"password repeats one character", map[string]any{"email": "d@tandem.test", "password": "aaaaaaaaaaaa", "name": "D", "discipline": "medicine"},
			[]string{"password"}},
		{"wrong type", map[string]any{"email": 42, "password": "long enough password", "name": "E", "discipline": "medicine"},
			[]string{"email"}},
		{"name too long", map[string]any{"email": "f@tandem.test", "password": "long enough password", "name": strings.Repeat("n", 201), "discipline": "other"},
			[]string{"name"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: tc.body})
			if resp.Status != http.StatusUnprocessableEntity || resp.ErrorCode() != "validation_failed" {
				t.Fatalf("got %d %s", resp.Status, resp.Body)
			}
			fields := resp.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any)
			for _, f := range tc.fields {
				if fields[f] == nil {
					t.Errorf("no detail for %q in %v", f, fields)
				}
			}
		})
	}
}

func TestMalformedJSONIs400(t *testing.T) {
	env := testenv.New(t)
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: `{"email": "x@y.org",`})
	if resp.Status != http.StatusBadRequest || resp.ErrorCode() != "malformed_json" {
		t.Fatalf("got %d %s", resp.Status, resp.Body)
	}
}

func TestWrongPasswordAndUnknownEmailLookAlike(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	wrong := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": u.Email, "password": "not the password"}})
	unknown := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": testenv.UniqueEmail("nobody@tandem.test"), "password": "not the password"}})
	if wrong.Status != http.StatusUnauthorized || unknown.Status != http.StatusUnauthorized {
		t.Fatalf("statuses %d and %d", wrong.Status, unknown.Status)
	}
	if string(wrong.Body) != string(unknown.Body) {
		t.Fatalf("bodies differ:\n%s\n%s", wrong.Body, unknown.Body)
	}
}

func TestLoginRateLimitPerAccount(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	for i := range env.Config.LoginMaxFails {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": u.Email, "password": "guess number " + string(rune('a'+i))}})
		if resp.Status != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i, resp.Status)
		}
	}
	// Even the right password is refused now, until the window passes.
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": u.Email, "password": u.Password}})
	if resp.Status != http.StatusTooManyRequests || resp.ErrorCode() != "rate_limited" || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("after %d failures: %d %s (Retry-After %q)", env.Config.LoginMaxFails, resp.Status, resp.Body, resp.Header.Get("Retry-After"))
	}
}

func TestLoginRateLimitPerAddressHoldsUnderConcurrency(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.LoginIPMaxFails = 10
	env := testenv.NewWith(t, cfg)
	const n = 30
	sprayer := testenv.ClientAddress()
	var (
		wg      sync.WaitGroup
		mu      sync.Mutex
		refused int
	)
	for i := range n {
		wg.Go(func() {
			resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login",
				Header: map[string]string{"X-Forwarded-For": sprayer},
				Body:   map[string]string{"email": testenv.UniqueEmail("spray" + string(rune('a'+i)) + "@tandem.test"), "password": "guessing passwords"}})
			mu.Lock()
			defer mu.Unlock()
			if resp.Status == http.StatusTooManyRequests {
				refused++
			} else if resp.Status != http.StatusUnauthorized {
				t.Errorf("status %d", resp.Status)
			}
		})
	}
	wg.Wait()
	if refused != n-cfg.LoginIPMaxFails {
		t.Fatalf("%d of %d refused; want exactly %d (the limit is %d)", refused, n, n-cfg.LoginIPMaxFails, cfg.LoginIPMaxFails)
	}
	other := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login",
		Header: map[string]string{"X-Forwarded-For": testenv.ClientAddress()},
		Body:   map[string]string{"email": testenv.UniqueEmail("someone@tandem.test"), "password": "guessing passwords"}})
	if other.Status != http.StatusUnauthorized {
		t.Fatalf("another address was limited too: %d", other.Status)
	}
}

// A lecture hall behind one address signs in at once: correct logins queue for the hashing
// slots and count against the address only while verified, so even a limit no larger than the
// number of slots refuses none of them.
func TestConcurrentCorrectLoginsFromOneAddressAreNotLimited(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.LoginIPMaxFails = runtime.GOMAXPROCS(0)
	env := testenv.NewWith(t, cfg)
	env.Exec("DELETE FROM rate_limits") // other tests' failed logins from the builders' address
	learners := make([]*testenv.User, 40)
	for i := range learners {
		learners[i] = env.Learner("nursing")
	}
	statuses := make([]int, len(learners))
	var wg sync.WaitGroup
	for i, u := range learners {
		wg.Go(func() {
			statuses[i] = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login",
				Header: map[string]string{"X-Forwarded-For": "203.0.113.80"},
				Body:   map[string]string{"email": u.Email, "password": u.Password}}).Status
		})
	}
	wg.Wait()
	for i, s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("login %d from the shared address: %d (all: %v)", i, s, statuses)
		}
	}
}

func TestRefreshRotatesAndReuseRevokesFamily(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("data_science")
	first := u.RefreshToken
	r1 := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": first}})
	if r1.Status != http.StatusOK {
		t.Fatalf("refresh: %d %s", r1.Status, r1.Body)
	}
	second := r1.JSON(t)["refresh_token"].(string)
	if second == first {
		t.Fatal("refresh returned the same token")
	}
	// The spent token is refused, and presenting it revokes the family: the second token dies too.
	reuse := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": first}})
	if reuse.Status != http.StatusUnauthorized || reuse.ErrorCode() != "invalid_refresh_token" {
		t.Fatalf("reuse: %d %s", reuse.Status, reuse.Body)
	}
	after := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": second}})
	if after.Status != http.StatusUnauthorized {
		t.Fatalf("family not revoked after reuse: %d %s", after.Status, after.Body)
	}
	// Another login's tokens are untouched.
	env.Login(u)
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}}); resp.Status != http.StatusOK {
		t.Fatalf("fresh login's token: %d", resp.Status)
	}
}

func TestConcurrentRefreshWithOneTokenSucceedsOnce(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	const n = 6
	statuses := make([]int, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			statuses[i] = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}}).Status
		})
	}
	wg.Wait()
	ok := 0
	for _, s := range statuses {
		if s == http.StatusOK {
			ok++
		}
	}
	if ok != 1 {
		t.Fatalf("%d refreshes succeeded with one token: %v", ok, statuses)
	}
}

func TestLogoutRevokesRefreshToken(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: u.AccessToken, Body: map[string]string{"refresh_token": u.RefreshToken}}); resp.Status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}}); resp.Status != http.StatusUnauthorized {
		t.Fatalf("refresh after logout: %d", resp.Status)
	}
	// The session's access token ends with it.
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); resp.Status != http.StatusUnauthorized || resp.ErrorCode() != "session_ended" {
		t.Fatalf("access token after logout: %d %s", resp.Status, resp.Body)
	}
	env.Login(u)
	other := env.Learner("nursing")
	// Someone else's refresh token cannot be revoked by another user.
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: u.AccessToken, Body: map[string]string{"refresh_token": other.RefreshToken}}); resp.Status != http.StatusNoContent {
		t.Fatalf("logout with a foreign token: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": other.RefreshToken}}); resp.Status != http.StatusOK {
		t.Fatalf("foreign token was revoked: %d", resp.Status)
	}
}

func TestPatchMe(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("allied_health")
	resp := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]any{
		"name": "Renamed", "institution": "Karolinska", "dashboard": map[string]any{"widgets": []string{"certificates", "progress"}},
	}})
	if resp.Status != http.StatusOK {
		t.Fatalf("patch: %d %s", resp.Status, resp.Body)
	}
	me := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).JSON(t)
	widgets := me["dashboard"].(map[string]any)["widgets"].([]any)
	if me["name"] != "Renamed" || me["institution"] != "Karolinska" || len(widgets) != 2 || widgets[0] != "certificates" {
		t.Fatalf("me after patch: %v", me)
	}
	bad := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]any{
		"name": "", "dashboard": map[string]any{"widgets": []string{"stock_ticker"}},
	}})
	if bad.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad patch: %d %s", bad.Status, bad.Body)
	}
	if again := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).JSON(t); again["name"] != "Renamed" {
		t.Fatalf("a refused patch changed the profile: %v", again)
	}
}
