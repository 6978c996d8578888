package handlers_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"tandem/auth"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// A platform registers Tandem itself with a link a Tandem admin made (LTI Dynamic
// Registration): Tandem reads its configuration, posts its client registration with the
// platform's token, stores what the platform answers, tells the platform to close the window,
// and the platform's launches then work. The link works once; a learner cannot make one.
func TestLTIDynamicRegistration(t *testing.T) {
	env := testenv.New(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	if got := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/registration-links", Token: env.Learner("nursing").AccessToken}); got.Status != http.StatusForbidden {
		t.Errorf("a learner makes a registration link: %d", got.Status)
	}
	newLink := func() string {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/registration-links", Token: admin.AccessToken})
		if resp.Status != http.StatusCreated {
			t.Fatalf("registration link: %d %s", resp.Status, resp.Body)
		}
		return resp.JSON(t)["url"].(string)
	}
	p := ltiplatform.New(t, "dynamic-client")
	open := func(link, configURL, token, lang string) (int, string, http.Header) {
		u, _ := url.Parse(link)
		q := u.Query()
		q.Set("openid_configuration", configURL)
		q.Set("registration_token", token)
		req, _ := http.NewRequest("GET", env.URL+"/lti/register?"+q.Encode(), nil)
		req.Header.Set("Accept", "text/html")
		req.Header.Set("Accept-Language", lang)
		resp, err := browser.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), resp.Header
	}

	link := newLink()
	if status, body, _ := open(link, p.ConfigurationURL(), "wrong-token", ""); status != http.StatusBadGateway || !strings.Contains(body, "lti_registration_failed") {
		t.Errorf("a refused registration: %d %s", status, body)
	}
	if status, _, _ := open(link, p.ConfigurationURL(), ltiplatform.RegistrationToken, ""); status != http.StatusGone {
		t.Errorf("a spent link registers: %d", status)
	}
	// Another server that claims to be the platform cannot register under its issuer.
	impostor := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"issuer":%q,"authorization_endpoint":"%[1]s/auth","token_endpoint":"%[1]s/token","jwks_uri":"%[1]s/jwks","registration_endpoint":"%[1]s/register"}`, p.Issuer)
	}))
	defer impostor.Close()
	if status, body, _ := open(newLink(), impostor.URL+"/.well-known/openid-configuration", ltiplatform.RegistrationToken, ""); status != http.StatusBadGateway ||
		!strings.Contains(body, "issuer does not match") || len(p.ToolRegistrations()) != 0 {
		t.Errorf("a configuration claiming another platform's issuer: %d %s", status, body)
	}

	// The administrator's browser asks for French, and gets the page in French.
	status, body, header := open(newLink(), p.ConfigurationURL(), ltiplatform.RegistrationToken, "fr")
	if status != http.StatusOK || !strings.Contains(body, "/assets/lti-close.js") || !strings.Contains(header.Get("Content-Security-Policy"), "frame-ancestors "+p.Issuer) ||
		!strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "<h1>Tandem est enregistré</h1>") ||
		!strings.Contains(body, "identifiant client "+p.ClientID+"). Vous pouvez fermer cette fenêtre.") {
		t.Fatalf("registration: %d %s %v", status, body, header)
	}
	regs := p.ToolRegistrations()
	if len(regs) != 1 || regs[0]["initiate_login_uri"] != "http://tandem.test/lti/login" || regs[0]["jwks_uri"] != "http://tandem.test/api/v1/lti/jwks.json" ||
		!strings.Contains(regs[0]["scope"].(string), "lti-ags/scope/score") {
		t.Errorf("what Tandem registered at the platform: %v", regs)
	}
	var regID string
	for _, r := range env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lti/registrations", Token: admin.AccessToken}).JSON(t)["items"].([]any) {
		if r := r.(map[string]any); r["issuer"] == p.Issuer && r["client_id"] == p.ClientID && fmt.Sprint(r["deployment_ids"]) == "[deployment-1]" {
			regID = r["id"].(string)
		}
	}
	if regID == "" {
		t.Fatal("the platform's registration is not stored")
	}
	s := &ltiSite{env: env, admin: admin, platform: p, regID: regID}
	if sess, _ := s.launch(t, "hint-teacher", withEmail(teacher)); sess["access_token"] == "" {
		t.Error("the registered platform's launch did not sign in")
	}
}
