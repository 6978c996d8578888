package uitest

import (
	"context"
	"encoding/json"
	"testing"

	"tandem/testenv"
	"tandem/testenv/oidcop"
)

// testOIDC: a person from the university opens Tandem's log-in page, chooses their
// institution, signs in on the institution's own log-in page (a real OpenID provider on
// loopback), comes back signed in without a code left in the address bar, is asked their
// discipline once, and lands on their dashboard; on the account page, unlinking the
// provider that is their only way in is refused.
func testOIDC(t *testing.T, browser context.Context) {
	op := oidcop.New(t)
	providers, _ := json.Marshal([]map[string]any{{"id": "uni", "name": "University of Example", "issuer": op.Issuer,
		"client_id": "tandem-ui", "client_secret": "ui-secret", "domains": []string{"uni.example"}}})
	cfg := testenv.Config(t)
	cfg.OIDCProviders = string(providers)
	env := testenv.NewAtOwnURLWith(t, cfg)
	op.AddClient("tandem-ui", "ui-secret", env.URL+"/auth/oidc/callback")
	op.AddUser(oidcop.User{ID: "ui-ada", Username: "ada", First: "Ada", Last: "Lovelace", Email: "ada-ui@uni.example", EmailVerified: true})

	tb := newTab(t, browser, env.URL, 1280, 800)
	tb.open("/login", "Log in")
	tb.until(`document.querySelector('.sign-in-providers a') !== null`)
	tb.clickLink(".sign-in-providers", "Sign in with University of Example")
	arrive(t, tb, `location.href.startsWith(`+jsString(op.Issuer+"/login/username")+`) && document.querySelector('#username') !== null`)
	tb.fill("#username", "ada")
	tb.fill("#password", oidcop.Password)
	tb.click("button[type=submit]")
	arrive(t, tb, `location.pathname === '/sign-in/done' && document.title === 'Welcome · Tandem'`)
	if href := eval[string](tb, `location.href`); href != env.URL+"/sign-in/done" {
		t.Errorf("the address bar keeps %q", href)
	}
	tb.selectByKeyboard("#lti-discipline", "medicine")
	tb.click("#lti-discipline-form button[type=submit]")
	arrive(t, tb, `location.pathname === '/dashboard'`)
	tb.expectText(".account-name", "Ada Lovelace")
	if d := env.Scalar("SELECT discipline FROM users WHERE email = ?", "ada-ui@uni.example"); d != "medicine" {
		t.Errorf("the discipline chosen is %q", d)
	}
	tb.open("/account", "Your account")
	tb.expectText("#sign-in-links", "University of Example: linked on")

	// Ada has no password and no other link: unlinking her only way in is refused, and the
	// page says what to do instead.
	tb.click("#sign-in-links button[aria-expanded]")
	tb.until(`document.activeElement && document.activeElement.id === 'unlink-uni-password'`)
	tb.audit("account page with the unlink form open")
	tb.click("#sign-in-links form button[type=submit]")
	tb.expectText("#sign-in .error", "only way into your account")
	if n := env.Scalar("SELECT COUNT(*) FROM oidc_identities i JOIN users u ON u.id = i.user_id WHERE u.email = ?", "ada-ui@uni.example"); n != "1" {
		t.Errorf("after a refused unlink Ada has %s links", n)
	}
}
