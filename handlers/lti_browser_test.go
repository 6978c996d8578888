package handlers_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The login initiation gives the browser a binding cookie: a launch carrying another
// browser's cookie is refused and spends nothing; the browser that began it launches.
func TestLTILaunchIsBoundToTheBrowser(t *testing.T) {
	s := newLTISite(t)
	s.platform.Expect("bound", withEmail(teacher))
	q := url.Values{"iss": {s.platform.Issuer}, "login_hint": {"bound"}, "target_link_uri": {s.env.Config.BaseURL + "/modules/clin-data"},
		"client_id": {s.platform.ClientID}}
	resp, err := browser.Get(s.env.URL + "/lti/login?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var mine *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "tandem_lti" {
			mine = c
		}
	}
	if mine == nil || !mine.HttpOnly || mine.Path != "/lti/" {
		t.Fatalf("the login initiation set no binding cookie: %v", resp.Header.Values("Set-Cookie"))
	}
	fields := platformForm(t, resp.Header.Get("Location"))
	launch := func(cookie string) *http.Response {
		t.Helper()
		req, _ := http.NewRequest("POST", s.env.URL+"/lti/launch", strings.NewReader(url.Values{"id_token": {fields["id_token"]}, "state": {fields["state"]}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.AddCookie(&http.Cookie{Name: "tandem_lti", Value: cookie})
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if got := launch(strings.Repeat("x", 43)); got.StatusCode != http.StatusBadRequest {
		t.Errorf("a launch with another browser's cookie: %d", got.StatusCode)
	}
	if got := launch(mine.Value); got.StatusCode != http.StatusSeeOther || !strings.HasPrefix(got.Header.Get("Location"), "/lti/signed-in#") {
		t.Errorf("the launch from its own browser: %d to %q", got.StatusCode, got.Header.Get("Location"))
	}
}
