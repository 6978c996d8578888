package handlers_test

import (
	"html"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"tandem/testenv"
)

// The launch pages (login initiation, launch, the page it lands on) may be framed by the
// registered platforms' origins and no others; every other page keeps frame-ancestors 'none'.
func TestLTILaunchPagesFramedByRegisteredPlatforms(t *testing.T) {
	s := newLTISite(t)
	other, _ := s.register(t, "tandem-other")
	// Other tests' platforms may be registered too: these two must be among the origins.
	allowed := func(csp string) bool {
		_, list, ok := strings.Cut(csp, "frame-ancestors ")
		list, _, _ = strings.Cut(list, ";")
		origins := strings.Fields(list)
		return ok && slices.Contains(origins, s.platform.Issuer) && slices.Contains(origins, other.Issuer) && !slices.Contains(origins, "'none'")
	}
	framed := func(method, path string, body url.Values) *http.Response {
		t.Helper()
		req, _ := http.NewRequest(method, s.env.URL+path, strings.NewReader(body.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Accept", "text/html")
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	login := url.Values{"iss": {s.platform.Issuer}, "login_hint": {"h"}, "target_link_uri": {s.env.Config.BaseURL + "/"}, "client_id": {s.platform.ClientID}}
	for _, r := range []struct {
		name, method, path string
		body               url.Values
	}{
		{"login initiation", "GET", "/lti/login?" + login.Encode(), nil},
		{"login initiation by form", "POST", "/lti/login", login},
		{"refused login initiation", "GET", "/lti/login?iss=https://unknown.example", nil},
		{"launch", "POST", "/lti/launch", url.Values{"id_token": {"x"}, "state": {"y"}}},
		{"landing", "GET", "/lti/signed-in", nil},
	} {
		resp := framed(r.method, r.path, r.body)
		csp := resp.Header.Get("Content-Security-Policy")
		if !allowed(csp) || resp.Header.Get("X-Frame-Options") != "" {
			t.Errorf("%s: CSP %q, X-Frame-Options %q; want both platforms' origins", r.name, csp, resp.Header.Get("X-Frame-Options"))
		}
		if strings.Contains(csp, "unknown.example") {
			t.Errorf("%s: an unregistered origin may frame it: %q", r.name, csp)
		}
	}
	for _, path := range []string{"/", "/lti/deep-links/x", "/modules/clin-data", "/api/v1/lti/jwks.json", "/admin/lti"} {
		resp := framed("GET", path, nil)
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || resp.Header.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s may be framed: %q", path, csp)
		}
	}
	if resp := s.env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/lti/registrations/" + s.regID, Token: s.admin.AccessToken}); resp.Status != http.StatusNoContent {
		t.Fatalf("remove registration: %d %s", resp.Status, resp.Body)
	}
	if csp := framed("GET", "/lti/signed-in", nil).Header.Get("Content-Security-Policy"); strings.Contains(csp, s.platform.Issuer) {
		t.Errorf("a removed platform may still frame the landing: %q", csp)
	}
}

var storageData = regexp.MustCompile(`data-([a-z-]+)="([^"]*)"`)

// storageFlow is one framed launch whose browser refuses Tandem's cookie: the login page's
// values for the platform's storage, and the id_token and state the platform posts.
type storageFlow struct {
	put            map[string]string
	idToken, state string
}

// storageLogin initiates a launch offering the platform's storage, and has the platform answer
// the authentication request the login page goes on to.
func (s *ltiSite) storageLogin(t *testing.T, hint string) storageFlow {
	t.Helper()
	s.platform.Expect(hint, withEmail(teacher))
	q := url.Values{"iss": {s.platform.Issuer}, "login_hint": {hint}, "target_link_uri": {s.env.Config.BaseURL + "/modules/clin-data"},
		"client_id": {s.platform.ClientID}, "lti_storage_target": {"_parent"}}
	resp, err := browser.Get(s.env.URL + "/lti/login?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	put := map[string]string{}
	for _, m := range storageData.FindAllStringSubmatch(string(body), -1) {
		put[m[1]] = html.UnescapeString(m[2])
	}
	if resp.StatusCode != http.StatusOK || put["mode"] != "put" || put["target"] != "_parent" || put["origin"] != s.platform.Issuer || put["origins"] != s.platform.Issuer ||
		!strings.HasPrefix(put["next"], s.platform.Issuer+"/auth?") || put["state-value"] == "" || !strings.Contains(string(body), "/assets/lti-storage.js") {
		t.Fatalf("login page: %d %v", resp.StatusCode, put)
	}
	next, _ := url.Parse(put["next"])
	if put["nonce-value"] != next.Query().Get("nonce") || put["state-key"] != "tandem_state_"+next.Query().Get("state") ||
		put["nonce-key"] != "tandem_nonce_"+next.Query().Get("nonce") {
		t.Fatalf("the values kept are not the state's and nonce's: %v", put)
	}
	fields := platformForm(t, put["next"])
	return storageFlow{put: put, idToken: fields["id_token"], state: fields["state"]}
}

// postFromTandem posts a launch as Tandem's launch page does (from Tandem's origin), with
// what it read from the platform's storage.
func (s *ltiSite) postFromTandem(t *testing.T, f storageFlow, secret, nonce, origin string) launchResult {
	t.Helper()
	form := url.Values{"id_token": {f.idToken}, "state": {f.state}, "lti_storage_secret": {secret}, "lti_storage_nonce": {nonce}}
	return s.postLaunch(t, form, http.Header{"Origin": {origin}})
}

// A framed launch whose browser refuses Tandem's cookie is confirmed through the platform's
// storage: without the cookie the launch answers the page that reads the storage, spending
// nothing; a forged secret or nonce, or a post from another site, is refused and spends
// nothing; the values the login kept launch once; a replay or an expired state is refused.
func TestLTIPlatformStorageLaunch(t *testing.T) {
	s := newLTISite(t)
	f := s.storageLogin(t, "framed")
	own := s.env.URL

	first := s.post(t, f.idToken, f.state, "text/html")
	get := map[string]string{}
	for _, m := range storageData.FindAllStringSubmatch(first.body, -1) {
		get[m[1]] = html.UnescapeString(m[2])
	}
	if first.status != http.StatusOK || get["mode"] != "get" || get["state-key"] != f.put["state-key"] || get["nonce-key"] != f.put["nonce-key"] ||
		get["origin"] != s.platform.Issuer || get["target"] != "_parent" || !strings.Contains(first.body, `name="lti_storage_secret"`) {
		t.Fatalf("a launch without the cookie: %d %v %s", first.status, get, first.body)
	}
	spent := func() string {
		return s.count(t, "SELECT COUNT(*) FROM lti_launch_states WHERE registration_id = ?", s.regID)
	}
	if n := spent(); n != "1" {
		t.Fatalf("%s launch states after the storage page, want the unspent one", n)
	}

	for _, bad := range []struct {
		name, secret, nonce, origin string
		status                      int
		code                        string
	}{
		{"a forged secret", "forged-" + f.put["state-value"], f.put["nonce-value"], own, http.StatusBadRequest, "lti_storage_invalid"},
		{"no secret", "", f.put["nonce-value"], own, http.StatusBadRequest, "lti_storage_invalid"},
		{"another nonce", f.put["state-value"], "another-nonce", own, http.StatusBadRequest, "lti_storage_invalid"},
		{"a post from another site", f.put["state-value"], f.put["nonce-value"], "https://attacker.example", http.StatusForbidden, ""},
		{"a post naming no origin", f.put["state-value"], f.put["nonce-value"], "", http.StatusForbidden, ""},
	} {
		got := s.postFromTandem(t, f, bad.secret, bad.nonce, bad.origin)
		if got.status != bad.status || !strings.Contains(got.body, bad.code) {
			t.Errorf("%s: %d %s", bad.name, got.status, got.body)
		}
		if n := spent(); n != "1" {
			t.Errorf("%s spent the state: %s left", bad.name, n)
		}
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_accounts WHERE issuer = ?", s.platform.Issuer); n != "0" {
		t.Errorf("refused launches made %s accounts", n)
	}

	ok := s.postFromTandem(t, f, f.put["state-value"], f.put["nonce-value"], own)
	if ok.status != http.StatusSeeOther || !strings.HasPrefix(ok.location, "/lti/signed-in#") {
		t.Fatalf("the launch confirmed by the platform's storage: %d %q %s", ok.status, ok.location, ok.body)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_accounts WHERE issuer = ?", s.platform.Issuer); n != "1" {
		t.Errorf("the confirmed launch made %s accounts", n)
	}
	if got := s.postFromTandem(t, f, f.put["state-value"], f.put["nonce-value"], own); got.status != http.StatusBadRequest || !strings.Contains(got.body, "lti_state_invalid") {
		t.Errorf("the confirmed launch replayed: %d %s", got.status, got.body)
	}

	// A state kept in the platform's storage expires like any other.
	late := s.storageLogin(t, "late")
	s.env.Exec("UPDATE lti_launch_states SET expires_at = ? WHERE registration_id = ?", time.Now().UTC().Add(-time.Second), s.regID)
	if got := s.postFromTandem(t, late, late.put["state-value"], late.put["nonce-value"], own); got.status != http.StatusBadRequest || !strings.Contains(got.body, "lti_state_invalid") {
		t.Errorf("an expired state: %d %s", got.status, got.body)
	}
}
