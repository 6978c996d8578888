package handlers_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

// Paths that are neither API routes nor the UI's own (Caliper, xAPI, OAuth, anything under
// /api/) answer a JSON 404; the UI's routes answer its page, and a browser asking for a
// page that does not exist gets the page with a 404, so that the UI says so.
func TestOnlyUIRoutesServeThePage(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	get := func(path, accept string) (int, string, string) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, env.URL+path, nil)
		if accept != "" {
			req.Header.Set("Accept", accept)
		}
		resp, err := env.Client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header.Get("Content-Type"), string(body)
	}
	const browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	for _, path := range []string{"/caliper", "/xapi/statements", "/xapi/", "/oauth2/token", "/api/v2/tracks", "/api/v1/nothing", "/favicon.ico"} {
		for _, accept := range []string{"", "application/json", "*/*"} {
			status, ct, body := get(path, accept)
			if status != http.StatusNotFound || !strings.HasPrefix(ct, "application/json") || !strings.Contains(body, `"route_not_found"`) {
				t.Errorf("GET %s (Accept %q): %d %s %.80s", path, accept, status, ct, body)
			}
		}
		resp := env.Do(testenv.Request{Method: http.MethodPost, Path: path, Body: map[string]any{}})
		if resp.Status != http.StatusNotFound || resp.ErrorCode() != "route_not_found" {
			t.Errorf("POST %s: %d %s", path, resp.Status, resp.Body)
		}
	}
	for _, path := range []string{"/api/v1/nothing", "/.well-known/openid-configuration"} {
		if status, ct, _ := get(path, browser); status != http.StatusNotFound || !strings.HasPrefix(ct, "application/json") {
			t.Errorf("a browser at %s: %d %s", path, status, ct)
		}
	}
	for _, path := range []string{"/", "/lessons/clin-data-1", "/verify/TND-0000-0000-0000", "/teach/cohorts/abc/reviews", "/teams/c/t/x", "/account", "/labs/"} {
		for _, accept := range []string{"", browser} {
			if status, ct, body := get(path, accept); status != http.StatusOK || !strings.HasPrefix(ct, "text/html") || !strings.Contains(body, "<html") {
				t.Errorf("GET %s (Accept %q): %d %s", path, accept, status, ct)
			}
		}
	}
	if status, ct, body := get("/no/such/page", browser); status != http.StatusNotFound || !strings.HasPrefix(ct, "text/html") || !strings.Contains(body, "<html") {
		t.Errorf("a browser at /no/such/page: %d %s", status, ct)
	}
}
