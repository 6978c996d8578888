package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"sort"
	"strings"
	"testing"

	"tandem/testenv"
)

func TestHealthAndReadiness(t *testing.T) {
	env := testenv.New(t)
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/healthz"}); resp.Status != 200 || resp.JSON(t)["status"] != "ok" {
		t.Fatalf("healthz: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/readyz"}); resp.Status != 200 {
		t.Fatalf("readyz: %d %s", resp.Status, resp.Body)
	}
	if err := env.App.Store.Close(); err != nil {
		t.Fatal(err)
	}
	resp := env.Do(testenv.Request{Method: "GET", Path: "/readyz"})
	if resp.Status != http.StatusServiceUnavailable || resp.ErrorCode() != "database_unavailable" {
		t.Fatalf("readyz with the database closed: %d %s", resp.Status, resp.Body)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/healthz"}); resp.Status != 200 {
		t.Fatalf("healthz with the database closed: %d", resp.Status)
	}
}

func TestBodyOverOneMiBIs413(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	big := `{"email":"x@tandem.test","password":"` + strings.Repeat("p", 1<<20) + `","name":"X","discipline":"other"}`
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: big})
	if resp.Status != http.StatusRequestEntityTooLarge || resp.ErrorCode() != "body_too_large" {
		t.Fatalf("got %d %s", resp.Status, resp.Body)
	}
	// Nothing was half-written: the address is still free.
	ok := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": "x@tandem.test", "password": "a sensible passphrase", "name": "X", "discipline": "other"}})
	if ok.Status != http.StatusCreated {
		t.Fatalf("register after refused body: %d %s", ok.Status, ok.Body)
	}
}

func TestUnknownRouteAndMethodAreJSON(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	for _, tc := range []struct {
		method, path string
		status       int
		code         string
	}{
		{"GET", "/api/v1/nothing-here", 404, "route_not_found"},
		{"DELETE", "/healthz", 405, "method_not_allowed"},
		{"PUT", "/api/v1/auth/login", 405, "method_not_allowed"},
	} {
		resp := env.Do(testenv.Request{Method: tc.method, Path: tc.path})
		if resp.Status != tc.status || resp.ErrorCode() != tc.code || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
			t.Errorf("%s %s: %d %s", tc.method, tc.path, resp.Status, resp.Body)
		}
	}
}

func TestRequestIDAndSecurityHeaders(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	resp := env.Do(testenv.Request{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-Id": "trace-abc.123"}})
	if got := resp.Header.Get("X-Request-Id"); got != "trace-abc.123" {
		t.Fatalf("request id not echoed: %q", got)
	}
	resp = env.Do(testenv.Request{Method: "GET", Path: "/healthz", Header: map[string]string{"X-Request-Id": "bad id\twith spaces"}})
	if got := resp.Header.Get("X-Request-Id"); got == "" || strings.Contains(got, " ") {
		t.Fatalf("malformed request id kept or missing: %q", got)
	}
	for h, want := range map[string]string{
		"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "strict-origin-when-cross-origin",
	} {
		if got := resp.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "default-src 'self'") {
		t.Errorf("CSP: %q", csp)
	}
}

// TestOpenAPIDocumentsEveryRoute keeps the document and the router in step both ways.
func TestOpenAPIDocumentsEveryRoute(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	doc := env.OpenAPI()
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("served document is invalid: %v", err)
	}
	documented := map[string]bool{}
	for path, item := range doc.Paths.Map() {
		for method := range item.Operations() {
			documented[method+" "+path] = true
		}
	}
	routed := map[string]bool{}
	for _, r := range env.App.Server.Routes() {
		p := r[1]
		parts := strings.Split(p, "/")
		for i, s := range parts {
			if strings.HasPrefix(s, ":") || strings.HasPrefix(s, "*") {
				parts[i] = "{" + s[1:] + "}"
			}
		}
		routed[r[0]+" "+strings.Join(parts, "/")] = true
	}
	var missing, extra []string
	for k := range routed {
		if !documented[k] {
			missing = append(missing, k)
		}
	}
	for k := range documented {
		if !routed[k] {
			extra = append(extra, k)
		}
	}
	sort.Strings(missing)
	sort.Strings(extra)
	if len(missing) > 0 || len(extra) > 0 {
		raw, _ := json.Marshal(map[string][]string{"routed but undocumented": missing, "documented but not routed": extra})
		t.Fatalf("OpenAPI drift: %s", raw)
	}
}

func TestDrainingServerIsNotReadyAndClosesConnections(t *testing.T) {
	env := testenv.New(t)
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/readyz"}); resp.Status != http.StatusOK || resp.Close {
		t.Fatalf("before draining: %d, connection closed %v", resp.Status, resp.Close)
	}
	env.App.Server.Drain()
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/readyz"}); resp.Status != http.StatusServiceUnavailable || resp.ErrorCode() != "shutting_down" {
		t.Fatalf("readyz while draining: %d %s", resp.Status, resp.Body)
	}
	// Requests are still served, each on a connection closed after its response.
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/tracks"})
	if resp.Status != http.StatusOK || !resp.Close {
		t.Fatalf("a request while draining: %d, connection closed %v", resp.Status, resp.Close)
	}
}
