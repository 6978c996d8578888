package uitest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"tandem/mail/mailtest"
	"tandem/testenv"
)

// Widths the account pages are checked at: a common phone and a common laptop.
var accountViewports = []viewport{{"390", 390, 844}, {"1366", 1366, 768}}

// checkAccountPage checks the page at both account widths (see checkPage).
func checkAccountPage(tb *tab, name string) {
	tb.t.Helper()
	checkPageAt(tb, name, accountViewports)
}

// openLink opens, in tb, the UI address a mail links to.
func openLink(tb *tab, m *mailtest.Parsed, page, title string) {
	tb.t.Helper()
	link := m.Link(page)
	path, ok := strings.CutPrefix(link, "http://tandem.test")
	if !ok || path == "" {
		tb.t.Fatalf("no link to %s in the mail:\n%s", page, m.Text)
	}
	tb.open(path, title)
	if eval[string](tb, `location.hash`) != "" {
		tb.t.Errorf("the token stays in the address bar of %s", page)
	}
}

// testAccount: a learner registers (the password rules shown first), confirms the address from
// the mail a real SMTP server received, edits the profile, changes the password, signs another
// device out, downloads their data, moves to a new address, forgets the password and sets a new
// one from the mailed link, signs out everywhere, and deletes the account. Every page is checked
// at 390 and 1,366 px.
func testAccount(t *testing.T, browser context.Context) {
	requireAxe(t)
	srv := mailtest.Start(t, false)
	cfg := testenv.OwnDatabase(t, testenv.Config(t)) // the suite's other app would log this app's mail
	cfg.SMTPURL, cfg.SMTPCAFile = srv.URL(), srv.CAFile
	env := testenv.NewWith(t, cfg)
	u := &testenv.User{Name: "Ada Lovelace", Email: "ada.account@tandem.test", Password: testenv.Password}

	tb := newTab(t, browser, env.URL, 390, 844)
	tb.open("/register", "Register")
	tb.expectText("#field-password-hint", "Use 10 to 128 characters")
	checkAccountPage(tb, "register")
	tb.fill("#field-name", u.Name)
	tb.fill("#field-email", u.Email)
	tb.fill("#field-password", u.Password)
	tb.selectByKeyboard("#field-discipline", "medicine")
	tb.click("#register-form button[type=submit]")
	tb.waitPage("Courses")
	tb.expectText(".unconfirmed-banner", "Please confirm "+u.Email)

	openLink(tb, srv.Await(t, u.Email, 1), "/verify-email", "Address confirmed")
	tb.expectText(".verify-result", u.Email+" is confirmed")
	if eval[bool](tb, `Boolean(document.querySelector('.unconfirmed-banner'))`) {
		t.Error("the banner still asks to confirm a confirmed address")
	}
	checkAccountPage(tb, "verify-email")

	accountPages(t, env, srv, tb, u)
	recoverPassword(t, env, srv, browser, u)

	tb = newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, u)
	tb.open("/account", "Your account")
	tb.click("#sign-out-everywhere")
	tb.waitPage("Log in")
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Errorf("after signing out everywhere another session's token answers %d", r.Status)
	}

	logIn(tb, u)
	tb.open("/account", "Your account")
	tb.fill("#delete-password", "not the password")
	tb.click("#delete-form button[type=submit]")
	tb.expectText("#delete-form .field-error", "is not correct")
	tb.fill("#delete-password", u.Password)
	tb.click("#delete-form button[type=submit]")
	tb.waitPage("Account deleted")
	tb.expectText(".site-header", "Log in")
	checkAccountPage(tb, "goodbye")
}

// accountPages walks the account page: profile, password, sessions, export and a new address.
func accountPages(t *testing.T, env *testenv.Env, srv *mailtest.Server, tb *tab, u *testenv.User) {
	t.Helper()
	laptop := *u
	env.Login(&laptop)
	tb.click(".site-header a.account-name")
	tb.waitPage("Your account")
	tb.expectText("#email .notice-good", "This address is confirmed.")
	tb.expectText("#session-list", "Another device")
	checkAccountPage(tb, "account")

	tb.fill("#profile-name", "Ada King")
	tb.selectByKeyboard("#profile-discipline", "data_science")
	tb.click("#profile-form button[type=submit]")
	tb.expectText("#profile .form-status", "Your profile is saved.")
	tb.expectText(".account-name", "Ada King")
	if got := env.Scalar("SELECT discipline FROM users WHERE email = ?", u.Email); got != "data_science" {
		t.Errorf("discipline stored %q", got)
	}

	tb.fill("#password-current", u.Password)
	tb.fill("#password-new", "a fresh and longer passphrase")
	tb.click("#password-form button[type=submit]")
	tb.expectText("#password .form-status", "Every other device has been signed out.")
	u.Password = "a fresh and longer passphrase"
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: laptop.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Errorf("the laptop's token after the password change: %d", r.Status)
	}
	tb.open("/account", "Your account") // this device carries on with its new tokens

	env.Login(u)
	tb.open("/account", "Your account")
	tb.click(`#session-list .session button`)
	tb.expectText("#sessions .form-status", "That device is signed out.")
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); r.Status != http.StatusUnauthorized {
		t.Errorf("a signed-out device's token answers %d", r.Status)
	}

	tb.click("#export-data")
	tb.expectText("#data .form-status", "Downloaded")

	tb.fill("#email-new", "ada.new@tandem.test")
	tb.fill("#email-password", u.Password)
	tb.click("#email-form button[type=submit]")
	tb.expectText("#email .form-status", "A confirmation link is on its way")
	openLink(tb, srv.Await(t, "ada.new@tandem.test", 1), "/verify-email", "Address confirmed")
	tb.expectText(".verify-result", "Your account now uses ada.new@tandem.test")
	u.Email, u.Name = "ada.new@tandem.test", "Ada King"
}

// recoverPassword: a visitor asks for a link, opens it and chooses a new password, then signs in
// with it.
func recoverPassword(t *testing.T, env *testenv.Env, srv *mailtest.Server, browser context.Context, u *testenv.User) {
	t.Helper()
	visitor := newTab(t, browser, env.URL, 390, 844)
	visitor.open("/login", "Log in")
	visitor.clickLink("main", "Forgotten your password?")
	visitor.waitPage("Forgotten password")
	visitor.fill("#field-email", u.Email)
	visitor.click("#forgot-form button[type=submit]")
	visitor.expectText("#forgot-form .form-status", "If an account uses this address")
	checkAccountPage(visitor, "forgot-password")
	openLink(visitor, srv.Await(t, u.Email, 2), "/reset-password", "Choose a new password")
	checkAccountPage(visitor, "reset-password")
	visitor.fill("#field-password", "short")
	visitor.click("#reset-form button[type=submit]")
	visitor.expectText("#reset-form .field-error", "at least 10 characters")
	visitor.fill("#field-password", "the passphrase after the reset")
	visitor.click("#reset-form button[type=submit]")
	visitor.expectText("#reset-done", "Your password is changed")
	u.Password = "the passphrase after the reset"
	logIn(visitor, u)
}
