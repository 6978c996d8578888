package handlers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"

	"tandem/auth"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// browser follows no redirects, so each step of a launch can be looked at.
var browser = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

// ltiSite is Tandem with a platform registered by its admin.
type ltiSite struct {
	env      *testenv.Env
	admin    *testenv.User
	platform *ltiplatform.Platform
	regID    string
}

func newLTISite(t *testing.T) *ltiSite {
	t.Helper()
	env := testenv.New(t)
	s := &ltiSite{env: env, admin: env.WithRole(auth.RoleAdmin, "other")}
	s.platform, s.regID = s.register(t, "tandem-client")
	return s
}

// register starts a platform and registers it.
func (s *ltiSite) register(t *testing.T, clientID string) (*ltiplatform.Platform, string) {
	t.Helper()
	p := ltiplatform.New(t, clientID)
	resp := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/registrations", Token: s.admin.AccessToken, Body: p.Registration("Test Moodle")})
	if resp.Status != http.StatusCreated {
		t.Fatalf("register platform: %d %s", resp.Status, resp.Body)
	}
	return p, resp.JSON(t)["id"].(string)
}

// login initiates a launch as the platform does and returns the authentication request.
func (s *ltiSite) login(t *testing.T, p *ltiplatform.Platform, hint string) url.Values {
	t.Helper()
	q := url.Values{"iss": {p.Issuer}, "login_hint": {hint}, "target_link_uri": {s.env.Config.BaseURL + "/modules/clin-data"},
		"client_id": {p.ClientID}, "lti_deployment_id": {p.DeploymentID}}
	resp, err := browser.Get(s.env.URL + "/lti/login?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(loc, p.Issuer+"/auth?") {
		t.Fatalf("login initiation: %d to %q", resp.StatusCode, loc)
	}
	auth, err := ltiplatform.AuthRequest(loc)
	if err != nil {
		t.Fatal(err)
	}
	if auth.Get("redirect_uri") != s.env.Config.BaseURL+"/lti/launch" || auth.Get("response_mode") != "form_post" ||
		auth.Get("nonce") == "" || auth.Get("state") == "" || auth.Get("login_hint") != hint {
		t.Fatalf("authentication request: %v", auth)
	}
	return auth
}

// launchResult is Tandem's answer to a posted launch.
type launchResult struct {
	status   int
	location string
	body     string
	header   http.Header
}

// post posts a launch to Tandem as the platform's auto-submitting form does.
func (s *ltiSite) post(t *testing.T, idToken, state, accept string) launchResult {
	t.Helper()
	h := http.Header{}
	if accept != "" {
		h.Set("Accept", accept)
	}
	return s.postLaunch(t, url.Values{"id_token": {idToken}, "state": {state}}, h)
}

// postLaunch posts form to Tandem's launch URL with header.
func (s *ltiSite) postLaunch(t *testing.T, form url.Values, header http.Header) launchResult {
	t.Helper()
	req, _ := http.NewRequest("POST", s.env.URL+"/lti/launch", strings.NewReader(form.Encode()))
	req.Header = header
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := browser.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return launchResult{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(b), header: resp.Header}
}

var formField = regexp.MustCompile(`name="(id_token|state)" value="([^"]+)"`)

// platformForm opens an authentication request at the platform and returns the fields of the
// form it answers (id_token and state).
func platformForm(t *testing.T, authURL string) map[string]string {
	t.Helper()
	resp, err := http.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fields := map[string]string{}
	for _, m := range formField.FindAllStringSubmatch(string(page), -1) {
		fields[m[1]] = m[2]
	}
	return fields
}

// launch runs a whole launch of l: login initiation, the platform's form, the post, and the
// code traded for a session. It returns the session and the landing fragment.
func (s *ltiSite) launch(t *testing.T, hint string, l ltiplatform.Launch) (map[string]any, url.Values) {
	t.Helper()
	s.platform.Expect(hint, l)
	auth := s.login(t, s.platform, hint)
	fields := platformForm(t, s.platform.Issuer+"/auth?"+auth.Encode())
	got := s.post(t, fields["id_token"], fields["state"], "text/html")
	frag, ok := strings.CutPrefix(got.location, "/lti/signed-in#")
	if got.status != http.StatusSeeOther || !ok {
		t.Fatalf("launch: %d to %q: %s", got.status, got.location, got.body)
	}
	landing, _ := url.ParseQuery(frag)
	sess := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/exchange", Body: map[string]string{"code": landing.Get("code")}})
	if sess.Status != http.StatusOK {
		t.Fatalf("trade code: %d %s", sess.Status, sess.Body)
	}
	// The former route answers as the new one and says it is deprecated.
	again := s.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/sessions", Body: map[string]string{"code": landing.Get("code")}})
	if again.Status != http.StatusGone || again.Header.Get("Deprecation") != "true" || !strings.Contains(again.Header.Get("Link"), "/api/v1/auth/exchange") {
		t.Errorf("a code traded twice on the former route: %d %v %s", again.Status, again.Header, again.Body)
	}
	return sess.JSON(t), landing
}

func (s *ltiSite) count(t *testing.T, query string, args ...any) string {
	t.Helper()
	return s.env.Scalar(query, args...)
}

var (
	teacher = ltiplatform.Launch{Subject: "u-teacher", Name: "Grace Teacher", Roles: []string{ltiplatform.Instructor},
		CourseID: "course-42", Course: "AI in the ward", Custom: map[string]any{"discipline": "medicine"}}
	student = ltiplatform.Launch{Subject: "u-student", Name: "Sam Student", Roles: []string{ltiplatform.Learner},
		CourseID: "course-42", Course: "AI in the ward", Custom: map[string]any{"tandem_path": "/tracks/clinicians"}}
)

// withEmail gives l an address no other test uses.
func withEmail(l ltiplatform.Launch) ltiplatform.Launch {
	l.Email = l.Subject + "-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "@school.test"
	l.TargetLinkURI = "http://tandem.test/modules/clin-data"
	return l
}

func TestLTILaunchLinksAccountsAndCohort(t *testing.T) {
	s := newLTISite(t)
	env := s.env
	reg := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/registrations/" + s.regID, Token: s.admin.AccessToken}).JSON(t)
	if tool := reg["tool"].(map[string]any); tool["launch_url"] != "http://tandem.test/lti/launch" || tool["key_set_url"] != "http://tandem.test/api/v1/lti/jwks.json" {
		t.Errorf("tool URLs: %v", tool)
	}
	jwks := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/jwks.json"}).JSON(t)
	if k := jwks["keys"].([]any)[0].(map[string]any); k["kty"] != "RSA" || k["alg"] != "RS256" {
		t.Errorf("tool key set: %v", jwks)
	}

	tl := withEmail(teacher)
	sess, landing := s.launch(t, "hint-teacher", tl)
	user := sess["user"].(map[string]any)
	if user["email"] != tl.Email || user["name"] != "Grace Teacher" || user["discipline"] != "medicine" || !strings.Contains(strings.Join(toStrings(user["roles"]), ","), "instructor") {
		t.Errorf("instructor's account: %v", user)
	}
	if landing.Get("next") != "/modules/clin-data" || landing.Get("ask") != "" {
		t.Errorf("instructor lands at %v", landing)
	}
	teacherToken := sess["access_token"].(string)
	cohorts := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts", Token: teacherToken}).JSON(t)["items"].([]any)
	if len(cohorts) != 1 || cohorts[0].(map[string]any)["name"] != "AI in the ward" {
		t.Fatalf("the instructor's cohorts: %v", cohorts)
	}
	cohortID := cohorts[0].(map[string]any)["id"].(string)

	sl := withEmail(student)
	sess, landing = s.launch(t, "hint-student", sl)
	learnerID := sess["user"].(map[string]any)["id"].(string)
	if d := sess["user"].(map[string]any)["discipline"]; d != "other" || landing.Get("ask") != "discipline" || landing.Get("next") != "/tracks/clinicians" {
		t.Errorf("learner without a discipline: %v lands at %v", d, landing)
	}
	members := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/cohorts/" + cohortID + "/members", Token: teacherToken})
	if !strings.Contains(string(members.Body), learnerID) {
		t.Errorf("the learner is not in the course's cohort: %s", members.Body)
	}
	if got := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts", Token: sess["access_token"].(string),
		Body: map[string]any{"name": "Mine", "tracks": []string{"clinicians"}}}); got.Status != http.StatusForbidden {
		t.Errorf("a learner from the platform made a cohort: %d", got.Status)
	}

	sess, landing = s.launch(t, "hint-student", sl)
	if sess["user"].(map[string]any)["id"] != learnerID || landing.Get("ask") != "" {
		t.Errorf("second launch: %v, %v", sess["user"], landing)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM users WHERE email = ?", sl.Email); n != "1" {
		t.Errorf("%s accounts for the learner", n)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_contexts WHERE registration_id = ?", s.regID); n != "1" {
		t.Errorf("%s cohorts for one course", n)
	}
	if v := s.count(t, "SELECT email_verified_at FROM users WHERE id = ?", learnerID); v == "" {
		t.Error("the platform's address is not marked confirmed")
	}
	export := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: sess["access_token"].(string)})
	if !strings.Contains(string(export.Body), `"subject":"u-student"`) || !strings.Contains(string(export.Body), s.platform.Issuer) {
		t.Errorf("the export does not show the platform's link: %.300s", export.Body)
	}
}

func toStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}

// Every forged, replayed or misdirected launch is refused with its own error, and stores
// nothing: no account, no cohort, and the state it carried still works for the real launch.
func TestLTILaunchAttacks(t *testing.T) {
	s := newLTISite(t)
	p := s.platform
	other, _ := s.register(t, "tandem-at-other")
	existing := s.env.Learner("nursing")
	tl := withEmail(teacher)

	type attack struct {
		name   string
		forge  func(auth url.Values) (idToken, state string)
		status int
		code   string
		reason string
	}
	signed := func(auth url.Values, change func(jwt.MapClaims)) string {
		c := p.Claims(tl, auth.Get("nonce"))
		change(c)
		return p.Sign(c)
	}
	const lti = "https://purl.imsglobal.org/spec/lti/claim/"
	attacks := []attack{
		{"bad signature", func(a url.Values) (string, string) {
			return p.SignWith(p.Claims(tl, a.Get("nonce")), p.Unpublished, p.KeyID), a.Get("state")
		}, 401, "lti_token_invalid", "signature"},
		{"unknown kid", func(a url.Values) (string, string) {
			return p.SignWith(p.Claims(tl, a.Get("nonce")), p.Unpublished, "made-up-kid"), a.Get("state")
		}, 401, "lti_token_invalid", "unknown_key"},
		{"wrong audience", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c["aud"] = "someone-else" }), a.Get("state")
		}, 401, "lti_token_invalid", "audience"},
		{"other party authorised", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c["aud"] = []string{p.ClientID, "x"}; c["azp"] = "x" }), a.Get("state")
		}, 401, "lti_token_invalid", "audience"},
		{"expired", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) {
				c["iat"] = time.Now().Add(-time.Hour).Unix()
				c["exp"] = time.Now().Add(-10 * time.Minute).Unix()
			}), a.Get("state")
		}, 401, "lti_token_invalid", "expired"},
		{"no expiry", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { delete(c, "exp") }), a.Get("state")
		}, 401, "lti_token_invalid", "malformed"},
		{"other nonce", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c["nonce"] = "not-the-one" }), a.Get("state")
		}, 401, "lti_token_invalid", "nonce"},
		{"wrong issuer", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c["iss"] = other.Issuer }), a.Get("state")
		}, 401, "lti_token_invalid", "issuer"},
		{"unknown deployment", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c[lti+"deployment_id"] = "deployment-9" }), a.Get("state")
		}, 403, "lti_deployment_unknown", ""},
		{"deep linking message", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c[lti+"message_type"] = "LtiDeepLinkingRequest" }), a.Get("state")
		}, 422, "lti_message_invalid", ""},
		{"version 1.1", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c[lti+"version"] = "1.1" }), a.Get("state")
		}, 422, "lti_message_invalid", ""},
		{"wrong state", func(a url.Values) (string, string) {
			return p.Sign(p.Claims(tl, a.Get("nonce"))), "made-up-state"
		}, 400, "lti_state_invalid", ""},
		{"another platform's launch", func(a url.Values) (string, string) {
			// The other platform's state, with this platform's genuine launch.
			b := s.login(t, other, "hint-other")
			return p.Sign(p.Claims(tl, b.Get("nonce"))), b.Get("state")
		}, 401, "lti_token_invalid", ""},
		{"email of an existing account", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c["email"] = existing.Email; c["sub"] = "u-impostor" }), a.Get("state")
		}, 409, "lti_email_taken", ""},
		{"learner before any instructor", func(a url.Values) (string, string) {
			return signed(a, func(c jwt.MapClaims) { c[lti+"roles"] = []string{ltiplatform.Learner} }), a.Get("state")
		}, 409, "lti_course_not_ready", ""},
	}
	for _, at := range attacks {
		t.Run(at.name, func(t *testing.T) {
			auth := s.login(t, p, "hint-teacher")
			idToken, state := at.forge(auth)
			got := s.post(t, idToken, state, "")
			if got.status != at.status || !strings.Contains(got.body, `"code":"`+at.code+`"`) || !strings.Contains(got.body, at.reason) {
				t.Fatalf("answered %d %s, want %d %s %s", got.status, got.body, at.status, at.code, at.reason)
			}
			if n := s.count(t, "SELECT COUNT(*) FROM lti_accounts WHERE issuer = ?", p.Issuer); n != "0" {
				t.Fatalf("a refused launch linked %s accounts", n)
			}
			if n := s.count(t, "SELECT COUNT(*) FROM lti_contexts WHERE registration_id = ?", s.regID); n != "0" {
				t.Fatalf("a refused launch made %s cohorts", n)
			}
			if at.code == "lti_state_invalid" {
				return
			}
			// The state was not spent: the genuine launch still goes through with it.
			if ok := s.post(t, p.Sign(p.Claims(withEmail(teacher), auth.Get("nonce"))), auth.Get("state"), ""); ok.status != http.StatusSeeOther {
				t.Fatalf("the genuine launch after the refused one: %d %s", ok.status, ok.body)
			}
			s.env.Exec("DELETE FROM lti_contexts WHERE registration_id = ?", s.regID)
			s.env.Exec("DELETE FROM lti_accounts WHERE issuer = ?", p.Issuer)
		})
	}
}

// A launch is spent by its first post: the same post again, or its id_token with a new
// state, is refused; a browser gets the refusal as a page.
func TestLTILaunchReplay(t *testing.T) {
	s := newLTISite(t)
	p := s.platform
	tl := withEmail(teacher)
	auth := s.login(t, p, "hint-teacher")
	idToken := p.Sign(p.Claims(tl, auth.Get("nonce")))
	if got := s.post(t, idToken, auth.Get("state"), ""); got.status != http.StatusSeeOther {
		t.Fatalf("launch: %d %s", got.status, got.body)
	}
	if got := s.post(t, idToken, auth.Get("state"), ""); got.status != http.StatusBadRequest || !strings.Contains(got.body, "lti_state_invalid") {
		t.Errorf("the same launch again: %d %s", got.status, got.body)
	}
	fresh := s.login(t, p, "hint-teacher")
	// A French browser gets the page in French.
	got := s.postLaunch(t, url.Values{"id_token": {idToken}, "state": {fresh.Get("state")}},
		http.Header{"Accept": {"text/html,application/xhtml+xml"}, "Accept-Language": {"fr-CH, en;q=0.5"}})
	if got.status != http.StatusUnauthorized || !strings.HasPrefix(got.header.Get("Content-Type"), "text/html") ||
		!strings.Contains(got.body, "<code>lti_token_invalid</code>") || !strings.Contains(got.body, `<html lang="fr">`) ||
		!strings.Contains(got.body, "<title>Tandem n’a pas pu s’ouvrir</title>") ||
		!strings.Contains(got.body, "l’administrateur de votre plateforme : erreur <code>") {
		t.Errorf("the id_token replayed with a new state: %d %s %s", got.status, got.header.Get("Content-Type"), got.body)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_launch_states WHERE registration_id = ?", s.regID); n != "1" {
		t.Errorf("%s launch states left, want the unspent one", n)
	}

	// A launch that never came back is pruned once its state expires; the live one stays.
	s.env.Exec("INSERT INTO lti_launch_states (state_hash, registration_id, nonce, expires_at) VALUES (?, ?, 'n', ?)",
		"expired-state-of-"+s.regID, s.regID, time.Now().UTC().Add(-time.Minute))
	if _, err := s.env.App.Store.PruneExpired(context.Background(), time.Now().UTC(), time.Hour, 24*time.Hour); err != nil {
		t.Fatal(err)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_launch_states WHERE registration_id = ?", s.regID); n != "1" {
		t.Errorf("after pruning %s launch states, want the live one", n)
	}
	if got := s.post(t, p.Sign(p.Claims(withEmail(student), fresh.Get("nonce"))), fresh.Get("state"), ""); got.status != http.StatusSeeOther {
		t.Errorf("the live state after pruning: %d %s", got.status, got.body)
	}
}

func TestLTIRegistrations(t *testing.T) {
	s := newLTISite(t)
	env, admin, p := s.env, s.admin, s.platform
	bad := p.Registration("")
	bad["issuer"], bad["key_set_url"], bad["deployment_ids"] = "http://platform.example.org", "ftp://x", []string{}
	got := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/registrations", Token: admin.AccessToken, Body: bad})
	fields, _ := got.JSON(t)["error"].(map[string]any)["details"].(map[string]any)["fields"].(map[string]any)
	for _, f := range []string{"name", "issuer", "key_set_url", "deployment_ids"} {
		if _, ok := fields[f]; got.Status != http.StatusUnprocessableEntity || !ok {
			t.Errorf("invalid %s: %d %s", f, got.Status, got.Body)
		}
	}
	if got := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/registrations", Token: admin.AccessToken, Body: p.Registration("Again")}); got.Status != http.StatusConflict {
		t.Errorf("the same issuer and client id twice: %d %s", got.Status, got.Body)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_registrations WHERE issuer = ?", p.Issuer); n != "1" {
		t.Errorf("%s registrations after refused ones", n)
	}

	change := p.Registration("Renamed Moodle")
	change["deployment_ids"] = []string{p.DeploymentID, "deployment-2"}
	got = env.Do(testenv.Request{Method: "PUT", Path: "/api/v1/lti/registrations/" + s.regID, Token: admin.AccessToken, Body: change})
	if got.Status != http.StatusOK || got.JSON(t)["name"] != "Renamed Moodle" || len(got.JSON(t)["deployment_ids"].([]any)) != 2 {
		t.Errorf("update: %d %s", got.Status, got.Body)
	}
	list := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/registrations", Token: admin.AccessToken})
	if !strings.Contains(string(list.Body), "Renamed Moodle") {
		t.Errorf("list: %s", list.Body)
	}

	// The login initiation names what it cannot take.
	for name, q := range map[string]url.Values{
		"unknown platform": {"iss": {"https://unknown.example.org"}, "login_hint": {"x"}, "target_link_uri": {"http://tandem.test/"}},
		"foreign target":   {"iss": {p.Issuer}, "login_hint": {"x"}, "target_link_uri": {"https://elsewhere.example.org/"}},
		"no login hint":    {"iss": {p.Issuer}, "target_link_uri": {"http://tandem.test/"}},
		"other deployment": {"iss": {p.Issuer}, "login_hint": {"x"}, "target_link_uri": {"http://tandem.test/"}, "lti_deployment_id": {"deployment-9"}},
	} {
		resp, err := browser.PostForm(env.URL+"/lti/login", q)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode < 400 || resp.StatusCode >= 500 || !strings.Contains(string(body), `"code":"lti_`) {
			t.Errorf("%s: %d %s", name, resp.StatusCode, body)
		}
	}
	before := s.count(t, "SELECT COUNT(*) FROM lti_launch_states WHERE registration_id = ?", s.regID)
	if before != "0" {
		t.Errorf("refused login initiations stored %s states", before)
	}

	if got := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/lti/registrations/" + s.regID, Token: admin.AccessToken}); got.Status != http.StatusNoContent {
		t.Fatalf("delete: %d %s", got.Status, got.Body)
	}
	resp, err := browser.Get(env.URL + "/lti/login?" + url.Values{"iss": {p.Issuer}, "login_hint": {"x"}, "target_link_uri": {"http://tandem.test/"}}.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("login from a removed platform: %d", resp.StatusCode)
	}
}

// Two first launches of one instructor at the same moment (two tabs) make one account and
// one cohort, and both sign in.
func TestLTIConcurrentFirstLaunches(t *testing.T) {
	s := newLTISite(t)
	p := s.platform
	tl := withEmail(teacher)
	var tokens [2]string
	for i := range tokens {
		a := s.login(t, p, "hint-teacher")
		tokens[i] = p.Sign(p.Claims(tl, a.Get("nonce"))) + " " + a.Get("state")
	}
	var wg sync.WaitGroup
	results := make([]launchResult, len(tokens))
	for i, tok := range tokens {
		idToken, state, _ := strings.Cut(tok, " ")
		wg.Go(func() { results[i] = s.post(t, idToken, state, "") })
	}
	wg.Wait()
	for i, r := range results {
		if r.status != http.StatusSeeOther {
			t.Errorf("launch %d: %d %s", i, r.status, r.body)
		}
	}
	if n := s.count(t, "SELECT COUNT(*) FROM users WHERE email = ?", tl.Email); n != "1" {
		t.Errorf("%s accounts", n)
	}
	if n := s.count(t, "SELECT COUNT(*) FROM lti_contexts WHERE registration_id = ?", s.regID); n != "1" {
		t.Errorf("%s cohorts", n)
	}
}

// An instructor's deep-linking launch lands on the picker; the picked quiz and module go back
// to the platform in a response signed with Tandem's published tool key, once.
func TestLTIDeepLinking(t *testing.T) {
	s := newLTISite(t)
	env, p := s.env, s.platform
	tl := withEmail(teacher)
	returnURL := p.Issuer + "/deep-link-return"
	launchAs := func(l ltiplatform.Launch) launchResult {
		a := s.login(t, p, "hint-dl")
		c := p.Claims(l, a.Get("nonce"))
		ltiplatform.DeepLinking(c, returnURL)
		return s.post(t, p.Sign(c), a.Get("state"), "")
	}
	if got := launchAs(withEmail(student)); got.status != http.StatusForbidden {
		t.Errorf("a learner's deep-linking launch: %d %s", got.status, got.body)
	}
	got := launchAs(tl)
	frag, _ := strings.CutPrefix(got.location, "/lti/signed-in#")
	landing, _ := url.ParseQuery(frag)
	id, ok := strings.CutPrefix(landing.Get("next"), "/lti/deep-links/")
	if got.status != http.StatusSeeOther || !ok {
		t.Fatalf("deep-linking launch: %d %q %s", got.status, got.location, got.body)
	}
	sess := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/sessions", Body: map[string]string{"code": landing.Get("code")}}).JSON(t)
	token := sess["access_token"].(string)
	if other := env.WithRole(auth.RoleInstructor, "medicine"); env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/deep-links/" + id, Token: other.AccessToken}).Status != http.StatusNotFound {
		t.Error("another instructor sees the request")
	}
	view := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/deep-links/" + id, Token: token}).JSON(t)
	if !strings.Contains(fmt.Sprint(view["items"]), "clin-evaluation-quiz") {
		t.Errorf("pickable items: %v", view["items"])
	}
	path := "/api/v1/lti/deep-links/" + id + "/response"
	if bad := env.Do(testenv.Request{Method: "POST", Path: path, Token: token, Body: map[string]any{"items": []map[string]string{{"kind": "quiz", "slug": "no-such-quiz"}}}}); bad.Status != http.StatusUnprocessableEntity {
		t.Errorf("an unknown quiz: %d %s", bad.Status, bad.Body)
	}
	answer := env.Do(testenv.Request{Method: "POST", Path: path, Token: token, Body: map[string]any{"items": []map[string]string{
		{"kind": "quiz", "slug": "clin-evaluation-quiz"}, {"kind": "module", "slug": "clin-evaluation"}}}})
	if answer.Status != http.StatusOK || answer.JSON(t)["return_url"] != returnURL {
		t.Fatalf("answer: %d %s", answer.Status, answer.Body)
	}
	signed := answer.JSON(t)["jwt"].(string)

	// The platform checks the answer with nothing but Tandem's published key set.
	set, err := keyfunc.NewJWKSetJSON(env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/jwks.json"}).Body)
	if err != nil {
		t.Fatal(err)
	}
	claims := jwt.MapClaims{}
	if _, err := jwt.ParseWithClaims(signed, claims, set.Keyfunc, jwt.WithValidMethods([]string{"RS256"}), jwt.WithIssuer(p.ClientID),
		jwt.WithAudience(p.Issuer), jwt.WithExpirationRequired()); err != nil {
		t.Fatalf("the platform cannot verify the answer: %v", err)
	}
	const dl = "https://purl.imsglobal.org/spec/lti-dl/claim/"
	items, _ := claims[dl+"content_items"].([]any)
	first, _ := items[0].(map[string]any)
	if len(items) != 2 || first["type"] != "ltiResourceLink" || first["url"] != "http://tandem.test/quizzes/clin-evaluation-quiz" ||
		claims[dl+"data"] != "course:course-42" || claims["https://purl.imsglobal.org/spec/lti/claim/message_type"] != "LtiDeepLinkingResponse" ||
		claims["https://purl.imsglobal.org/spec/lti/claim/deployment_id"] != p.DeploymentID {
		t.Errorf("answer claims: %v", claims)
	}
	if again := env.Do(testenv.Request{Method: "POST", Path: path, Token: token, Body: map[string]any{"items": []map[string]string{{"kind": "module", "slug": "clin-evaluation"}}}}); again.Status != http.StatusGone {
		t.Errorf("a second answer: %d %s", again.Status, again.Body)
	}

	// Tandem's page hands the answer on to the platform, and may post only there.
	resp, err := browser.PostForm(env.URL+"/lti/deep-links/"+id+"/return", url.Values{"jwt": {signed}})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), `action="`+returnURL+`"`) ||
		!strings.Contains(resp.Header.Get("Content-Security-Policy"), "form-action "+p.Issuer) {
		t.Errorf("return page: %d %s %s", resp.StatusCode, resp.Header.Get("Content-Security-Policy"), page)
	}
	forged := p.Sign(jwt.MapClaims{"https://purl.imsglobal.org/spec/lti/claim/deployment_id": p.DeploymentID, "exp": time.Now().Add(time.Minute).Unix()})
	if resp, err := browser.PostForm(env.URL+"/lti/deep-links/"+id+"/return", url.Values{"jwt": {forged}}); err != nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("a response Tandem did not sign is handed on: %v %v", err, resp.StatusCode)
	}
}
