package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

// cookieMode is what the web UI sends on its session requests.
var cookieMode = map[string]string{"X-Tandem-Session": "cookie"}

// setCookie returns the Set-Cookie of name in r, parsed.
func setCookie(t *testing.T, r *testenv.Response, name string) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no %s cookie in %v", name, r.Header.Values("Set-Cookie"))
	return nil
}

func cookieLogin(t *testing.T, env *testenv.Env, u *testenv.User, header map[string]string) *testenv.Response {
	t.Helper()
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Header: header,
		Body: map[string]string{"email": u.Email, "password": u.Password}})
}

func cookieRefresh(env *testenv.Env, token string, header map[string]string) *testenv.Response {
	h := map[string]string{"Cookie": "tandem_refresh=" + token}
	for k, v := range header {
		h[k] = v
	}
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Header: h, Body: map[string]string{}})
}

// In cookie mode the refresh token lives in an HttpOnly, SameSite=Strict cookie sent only to
// the refresh route, never in a body a script could read; each refresh rotates it, and
// presenting a spent one ends the whole session.
func TestCookieSessionRotatesAndDetectsReuse(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("nursing")
	r := cookieLogin(t, env, u, cookieMode)
	if r.Status != http.StatusOK || strings.Contains(string(r.Body), "refresh_token") {
		t.Fatalf("login: %d %s", r.Status, r.Body)
	}
	c := setCookie(t, r, "tandem_refresh")
	if !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/api/v1/auth/refresh" || c.MaxAge <= 0 || c.Value == "" {
		t.Errorf("refresh cookie: %+v", c)
	}
	// The test server is plain HTTP on 127.0.0.1: a development address, so no Secure flag.
	if c.Secure {
		t.Error("a loopback HTTP cookie is Secure; the browser would drop it")
	}
	if hint := setCookie(t, r, "tandem_signed_in"); hint.HttpOnly || hint.Value != "1" || hint.Path != "/" {
		t.Errorf("signed-in cookie: %+v", hint)
	}
	first := c.Value
	r = cookieRefresh(env, first, cookieMode)
	if r.Status != http.StatusOK || strings.Contains(string(r.Body), "refresh_token") {
		t.Fatalf("refresh: %d %s", r.Status, r.Body)
	}
	second := setCookie(t, r, "tandem_refresh").Value
	if second == first {
		t.Fatal("the refresh token was not rotated")
	}
	var s struct {
		AccessToken string `json:"access_token"`
	}
	r.Decode(t, &s)
	if got := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: s.AccessToken}); got.Status != http.StatusOK {
		t.Fatalf("the new access token: %d", got.Status)
	}
	// The first token again: reuse. It is refused, the cookie cleared, and the rotated token
	// is dead too.
	r = cookieRefresh(env, first, cookieMode)
	if r.Status != http.StatusUnauthorized || setCookie(t, r, "tandem_refresh").MaxAge >= 0 {
		t.Fatalf("reused token: %d %v", r.Status, r.Header.Values("Set-Cookie"))
	}
	if r = cookieRefresh(env, second, cookieMode); r.Status != http.StatusUnauthorized {
		t.Fatalf("the rotated token after reuse: %d", r.Status)
	}
}

// Behind TLS, or a proxy that says it terminated TLS, the cookie is Secure.
func TestCookieSecureOutsideLocalDevelopment(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("nursing")
	for _, h := range []map[string]string{
		{"X-Tandem-Session": "cookie", "X-Forwarded-Proto": "https"},
	} {
		r := cookieLogin(t, env, u, h)
		if r.Status != http.StatusOK {
			t.Fatalf("login %v: %d %s", h, r.Status, r.Body)
		}
		if !setCookie(t, r, "tandem_refresh").Secure || !setCookie(t, r, "tandem_signed_in").Secure {
			t.Errorf("with %v the cookies are not Secure", h)
		}
	}
}

// A page on another site cannot use the cookie: without the session header, or with another
// Origin or a cross-site fetch, the refresh is refused and nothing rotates.
func TestCookieRefreshRefusesCrossSiteRequests(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("medicine")
	token := setCookie(t, cookieLogin(t, env, u, cookieMode), "tandem_refresh").Value
	for name, h := range map[string]map[string]string{
		"no header":        nil,
		"another origin":   {"X-Tandem-Session": "cookie", "Origin": "https://evil.example"},
		"cross-site fetch": {"X-Tandem-Session": "cookie", "Sec-Fetch-Site": "cross-site"},
		"an opaque origin": {"X-Tandem-Session": "cookie", "Origin": "null"},
	} {
		r := cookieRefresh(env, token, h)
		if r.Status == http.StatusOK {
			t.Errorf("%s: refreshed", name)
		}
		if h != nil && (r.Status != http.StatusForbidden || r.ErrorCode() != "forbidden") {
			t.Errorf("%s: %d %s", name, r.Status, r.Body)
		}
	}
	if r := cookieLogin(t, env, u, map[string]string{"X-Tandem-Session": "cookie", "Origin": "https://evil.example"}); r.Status != http.StatusForbidden {
		t.Errorf("a cross-site cookie login: %d", r.Status)
	}
	// Same origin, as the UI sends it: the untouched token still works.
	if r := cookieRefresh(env, token, map[string]string{"X-Tandem-Session": "cookie", "Origin": env.URL, "Sec-Fetch-Site": "same-origin"}); r.Status != http.StatusOK {
		t.Fatalf("same-origin refresh: %d %s", r.Status, r.Body)
	}
}

// Logging out in cookie mode ends the session of the access token and clears both cookies;
// API clients that send the token in the body keep the contract of API.md.
func TestCookieLogoutAndBodyClients(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("engineering")
	r := cookieLogin(t, env, u, cookieMode)
	token := setCookie(t, r, "tandem_refresh").Value
	var s struct {
		AccessToken string `json:"access_token"`
	}
	r.Decode(t, &s)
	out := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: s.AccessToken, Header: cookieMode, Body: map[string]string{}})
	if out.Status != http.StatusNoContent || setCookie(t, out, "tandem_refresh").MaxAge >= 0 || setCookie(t, out, "tandem_signed_in").MaxAge >= 0 {
		t.Fatalf("logout: %d %v", out.Status, out.Header.Values("Set-Cookie"))
	}
	if r := cookieRefresh(env, token, cookieMode); r.Status != http.StatusUnauthorized {
		t.Errorf("refresh after logout: %d", r.Status)
	}

	// A body client: the pair in the body, no cookie, and a missing token is a 422 as before.
	env.Login(u)
	if u.RefreshToken == "" {
		t.Fatal("login without the session header has no refresh_token")
	}
	r = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}})
	if r.Status != http.StatusOK || len(r.Header.Values("Set-Cookie")) != 0 || !strings.Contains(string(r.Body), `"refresh_token"`) {
		t.Fatalf("body refresh: %d %v %s", r.Status, r.Header.Values("Set-Cookie"), r.Body)
	}
	if r = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{}}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("refresh without a token: %d %s", r.Status, r.Body)
	}
	if r = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/logout", Token: u.AccessToken, Body: map[string]string{}}); r.Status != http.StatusUnprocessableEntity {
		t.Errorf("logout without a token: %d %s", r.Status, r.Body)
	}
}
