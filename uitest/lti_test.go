package uitest

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"tandem/auth"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// testLTI: a learner opens Tandem from a course of a learning platform. The browser goes
// through the login initiation, the platform's auto-submitting form and the launch, lands
// signed in without a code left in the address bar, is asked its discipline once, and reaches
// the module the course linked to.
func testLTI(t *testing.T, browser context.Context) {
	env, p, admin := registeredPlatform(t, "tandem-ui", "Browser Moodle")
	p.Expect("ui-teacher", ltiplatform.Launch{Subject: "ui-teacher", Name: "Ines Instructor", Email: "ines@school.test",
		Roles: []string{ltiplatform.Instructor}, CourseID: "ward-ai", Course: "Ward AI", TargetLinkURI: env.URL + "/modules/clin-evaluation"})

	tb := newTab(t, browser, env.URL, 1280, 800)
	registerInBrowser(t, env, tb, admin)
	login := url.Values{"iss": {p.Issuer}, "login_hint": {"ui-teacher"}, "target_link_uri": {env.URL + "/modules/clin-evaluation"},
		"client_id": {p.ClientID}}
	tb.do(chromedp.Navigate(env.URL + "/lti/login?" + login.Encode()))
	arrive(t, tb, `location.pathname === '/lti/signed-in' && document.title === 'Welcome · Tandem'`)
	if href := eval[string](tb, `location.href`); href != env.URL+"/lti/signed-in" {
		t.Errorf("the address bar keeps %q", href)
	}
	tb.selectByKeyboard("#lti-discipline", "nursing")
	tb.click("#lti-discipline-form button[type=submit]")
	tb.waitPage("Is the model any good?")
	tb.expectText(".account-name", "Ines Instructor")
	if d := env.Scalar("SELECT discipline FROM users WHERE email = ?", "ines@school.test"); d != "nursing" {
		t.Errorf("the discipline chosen is %q", d)
	}
	if tb.cookie("tandem_refresh") == "" {
		t.Error("the session is not kept in the browser")
	}

	// Selecting content: the instructor picks a quiz and the platform receives it.
	p.Expect("ui-select", ltiplatform.Launch{Subject: "ui-teacher", Name: "Ines Instructor", Email: "ines@school.test",
		Roles: []string{ltiplatform.Instructor}, CourseID: "ward-ai", Course: "Ward AI", TargetLinkURI: env.URL + "/",
		DeepLinkReturn: p.Issuer + "/deep-link-return"})
	login.Set("login_hint", "ui-select")
	tb.do(chromedp.Navigate(env.URL + "/lti/login?" + login.Encode()))
	arrive(t, tb, `document.title === 'Add Tandem to your course · Tandem' && !document.querySelector('main[aria-busy]')`)
	tb.clickLabel("#deep-link-form", "Quiz: Evaluation check")
	tb.click("#deep-link-form button[type=submit]")
	arrive(t, tb, `location.pathname === '/deep-link-return'`)
	if got := p.DeepLinkResponses(); len(got) != 1 || got[0] == "" {
		t.Errorf("the platform received %d responses", len(got))
	}
}

// arrive waits until expr holds while the browser passes through pages that post themselves
// on (each navigation replaces the page the expression runs in).
func arrive(t *testing.T, tb *tab, expr string) {
	t.Helper()
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ok, err := chromedp.Run(tb.ctx, chromedp.Evaluate[bool](expr)); err == nil && ok {
			return
		}
	}
	t.Fatalf("the browser never got to %s", expr)
}

// registerInBrowser: a platform admin registers a second platform from the learning platforms
// page, which names Tandem's URLs for the platform's side; a wrong URL is named, nothing stored.
func registerInBrowser(t *testing.T, env *testenv.Env, tb *tab, admin *testenv.User) {
	t.Helper()
	other := ltiplatform.New(t, "tandem-ui-2")
	logIn(tb, admin)
	tb.open("/admin/lti", "Learning platforms")
	tb.expectText(".tool-urls", env.URL+"/lti/login")
	reg := other.Registration("Second Moodle")
	for _, f := range []string{"name", "issuer", "client_id", "auth_url", "token_url"} {
		tb.fill("#field-"+f, reg[f].(string))
	}
	tb.fill("#field-deployment_ids", other.DeploymentID)
	tb.fill("#field-key_set_url", "ftp://nowhere")
	tb.click("#lti-register-form button[type=submit]")
	tb.until(`document.querySelector('[data-field=key_set_url]').textContent.includes('https URL')`)
	tb.fill("#field-key_set_url", reg["key_set_url"].(string))
	tb.click("#lti-register-form button[type=submit]")
	tb.until(`document.querySelector('#lti-registrations') && document.querySelector('#lti-registrations').textContent.includes('Second Moodle')`)
	if n := env.Scalar("SELECT COUNT(*) FROM lti_registrations WHERE issuer = ?", other.Issuer); n != "1" {
		t.Errorf("%s registrations of the second platform", n)
	}
	tb.click(".lti-registration:last-child button")
	tb.until(`!document.body.textContent.includes('Remove Second Moodle')`)
	tb.clearCookies()
}

// registeredPlatform starts Tandem at its own address and a test learning platform with client
// id clientID, registered in Tandem under name by the platform admin it returns.
func registeredPlatform(t *testing.T, clientID, name string) (*testenv.Env, *ltiplatform.Platform, *testenv.User) {
	t.Helper()
	env := testenv.NewAtOwnURL(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	p := ltiplatform.New(t, clientID)
	registerPlatform(t, env, admin, p, name)
	return env, p, admin
}

// registerPlatform registers p in Tandem under name, as admin.
func registerPlatform(t *testing.T, env *testenv.Env, admin *testenv.User, p *ltiplatform.Platform, name string) {
	t.Helper()
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lti/registrations", Token: admin.AccessToken,
		Body: p.Registration(name)}); resp.Status != http.StatusCreated {
		t.Fatalf("register platform: %d %s", resp.Status, resp.Body)
	}
}
