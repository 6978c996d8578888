package handlers_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"tandem/mail/mailtest"
	"tandem/testenv"
)

// mailEnv starts the app sending through a real SMTP server on loopback.
func mailEnv(t *testing.T) (*testenv.Env, *mailtest.Server) {
	t.Helper()
	srv := mailtest.Start(t, false)
	cfg := testenv.Config(t)
	cfg.SMTPURL, cfg.SMTPCAFile = srv.URL(), srv.CAFile
	return testenv.NewWith(t, cfg), srv
}

// linkToken is the token of the first link in m to the UI page path.
func linkToken(t *testing.T, m *mailtest.Parsed, path string) string {
	t.Helper()
	link := m.Link(path)
	base, token, ok := strings.Cut(link, "#token=")
	if !ok || base != "http://tandem.test"+path || token == "" {
		t.Fatalf("no link to %s in:\n%s", path, m.Text)
	}
	return token
}

func register(env *testenv.Env, email, password string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": email, "password": password, "name": "Grace Hopper", "discipline": "computer_science",
	}})
}

func verify(env *testenv.Env, token string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/verify-email", Body: map[string]string{"token": token}})
}

// Registration mails a link; following it verifies the address, once.
func TestVerificationLinkVerifiesTheAddressOnce(t *testing.T) {
	env, srv := mailEnv(t)
	u := &testenv.User{Email: testenv.UniqueEmail("grace@tandem.test"), Password: "a long enough passphrase"}
	if r := register(env, u.Email, u.Password); r.Status != http.StatusCreated {
		t.Fatalf("register: %d %s", r.Status, r.Body)
	}
	env.Login(u)
	if me := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).JSON(t); me["email_verified"] != false {
		t.Fatalf("a new account is verified already: %v", me)
	}
	m := srv.Await(t, u.Email, 1)
	if m.Header.Get("Subject") != "Confirm your email address for Tandem" || !strings.Contains(m.Text, "Hello Grace Hopper,") {
		t.Fatalf("verification mail: %v\n%s", m.Header, m.Text)
	}
	token := linkToken(t, m, "/verify-email")
	if r := verify(env, "not-a-token"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("a made-up token: %d %s", r.Status, r.Body)
	}
	r := verify(env, token)
	if r.Status != http.StatusOK || r.JSON(t)["email_verified"] != true || r.JSON(t)["changed"] != false {
		t.Fatalf("verify: %d %s", r.Status, r.Body)
	}
	if me := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).JSON(t); me["email_verified"] != true {
		t.Fatalf("after the link: %v", me)
	}
	if r := verify(env, token); r.Status != http.StatusGone || r.ErrorCode() != "token_used" {
		t.Fatalf("the link again: %d %s", r.Status, r.Body)
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/verification-email", Token: u.AccessToken}); r.Status != http.StatusConflict {
		t.Fatalf("resend once verified: %d %s", r.Status, r.Body)
	}
}

// A resent link works; an expired one is 410 and verifies nothing.
func TestResentAndExpiredVerificationLinks(t *testing.T) {
	env, srv := mailEnv(t)
	u := env.UnverifiedLearner("nursing")
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/verification-email", Token: u.AccessToken}); r.Status != http.StatusAccepted {
		t.Fatalf("resend: %d %s", r.Status, r.Body)
	}
	token := linkToken(t, srv.Await(t, u.Email, 2), "/verify-email")
	env.Exec("UPDATE account_tokens SET expires_at = ? WHERE user_id = ?", time.Now().UTC().Add(-time.Minute), u.ID)
	if r := verify(env, token); r.Status != http.StatusGone || r.ErrorCode() != "token_expired" {
		t.Fatalf("expired link: %d %s", r.Status, r.Body)
	}
	if got := env.Scalar("SELECT COUNT(*) FROM users WHERE id = ? AND email_verified_at IS NULL", u.ID); got != "1" {
		t.Fatal("an expired link verified the address")
	}
}

// No certificate is issued to an unverified account; once verified, the claim succeeds.
func TestUnverifiedAccountsAreIssuedNoCertificate(t *testing.T) {
	env := testenv.New(t)
	_, programme, _ := society(t, env, env.WithRole("admin", "other"), "Society of Anaesthesia")
	u := env.UnverifiedLearner("medicine")
	finishClinicians(t, env, u)
	claim := testenv.Request{Method: "POST", Path: "/api/v1/programmes/" + programme + "/claim", Token: u.AccessToken}
	if r := env.Do(claim); r.Status != http.StatusUnprocessableEntity || r.ErrorCode() != "email_unverified" {
		t.Fatalf("claim unverified: %d %s", r.Status, r.Body)
	}
	if got := env.Scalar("SELECT COUNT(*) FROM certificates WHERE user_id = ?", u.ID); got != "0" {
		t.Fatalf("%s certificates stored", got)
	}
	env.VerifyEmail(u)
	if r := env.Do(claim); r.Status != http.StatusCreated {
		t.Fatalf("claim verified: %d %s", r.Status, r.Body)
	}
}

func resetRequest(env *testenv.Env, email string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Body: map[string]string{"email": email}})
}

func resetConfirm(env *testenv.Env, token, password string) *testenv.Response {
	return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/password-reset/confirm",
		Body: map[string]string{"token": token, "password": password}})
}

// A reset request answers the same for a known and an unknown address; the known one gets a
// link, the unknown one a note. The link sets a password once, ends every session, and a bad
// password changes nothing.
func TestPasswordResetByMail(t *testing.T) {
	env, srv := mailEnv(t)
	u, nobody := env.Learner("medicine"), testenv.UniqueEmail("nobody@tandem.test")
	known, unknown := resetRequest(env, strings.ToUpper(u.Email)), resetRequest(env, nobody)
	if known.Status != http.StatusAccepted || unknown.Status != http.StatusAccepted || string(known.Body) != string(unknown.Body) {
		t.Fatalf("known %d %s; unknown %d %s", known.Status, known.Body, unknown.Status, unknown.Body)
	}
	if m := srv.Await(t, nobody, 1); !strings.Contains(m.Text, "no Tandem account uses it") {
		t.Fatalf("the unknown address was told: %s", m.Text)
	}
	m := srv.Await(t, u.Email, 2) // the verification mail came first
	token := linkToken(t, m, "/reset-password")
	if r := resetConfirm(env, token, "short"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("weak password: %d %s", r.Status, r.Body)
	}
	if r := resetConfirm(env, "made-up", "another long passphrase"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("made-up token: %d %s", r.Status, r.Body)
	}
	statuses := make([]int, 4)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Go(func() { statuses[i] = resetConfirm(env, token, "another long passphrase").Status })
	}
	wg.Wait()
	if ok := countStatus(statuses, http.StatusNoContent); ok != 1 || countStatus(statuses, http.StatusGone) != 3 {
		t.Fatalf("one link used four times at once: %v", statuses)
	}
	sessionEnded(t, env, u)
	old := *u
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": u.Email, "password": old.Password}}); r.Status != http.StatusUnauthorized {
		t.Fatalf("the old password still works: %d", r.Status)
	}
	u.Password = "another long passphrase"
	env.Login(u)
	if m := srv.Await(t, u.Email, 3); m.Header.Get("Subject") != "Your Tandem password was changed" {
		t.Fatalf("no notice of the change: %v", m.Header)
	}
}

// An expired reset link is 410 and the password stays.
func TestExpiredResetLinkChangesNothing(t *testing.T) {
	env, srv := mailEnv(t)
	u := env.Learner("nursing")
	resetRequest(env, u.Email)
	token := linkToken(t, srv.Await(t, u.Email, 2), "/reset-password")
	env.Exec("UPDATE account_tokens SET expires_at = ? WHERE user_id = ?", time.Now().UTC().Add(-time.Second), u.ID)
	if r := resetConfirm(env, token, "another long passphrase"); r.Status != http.StatusGone || r.ErrorCode() != "token_expired" {
		t.Fatalf("expired: %d %s", r.Status, r.Body)
	}
	env.Login(u) // the old password still works, and so do the sessions
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("me: %d", r.Status)
	}
}

func countStatus(statuses []int, want int) int {
	n := 0
	for _, s := range statuses {
		if s == want {
			n++
		}
	}
	return n
}

// sessionEnded checks that u's access and refresh tokens are both refused.
func sessionEnded(t *testing.T, env *testenv.Env, u *testenv.User) {
	t.Helper()
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}); r.Status != http.StatusUnauthorized || r.ErrorCode() != "session_ended" {
		t.Fatalf("the access token still works: %d %s", r.Status, r.Body)
	}
	if r := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}}); r.Status != http.StatusUnauthorized {
		t.Fatalf("the refresh token still works: %d %s", r.Status, r.Body)
	}
}

// Changing the password needs the current one, ends every session and gives this device a new
// one.
func TestChangePasswordEndsEverySession(t *testing.T) {
	env, srv := mailEnv(t)
	u := env.Learner("data_science")
	laptop := *u
	env.Login(&laptop)
	change := func(current string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/password", Token: u.AccessToken,
			Body: map[string]string{"current_password": current, "new_password": "a brand new passphrase"}})
	}
	if r := change("not my password"); r.Status != http.StatusUnprocessableEntity || !strings.Contains(string(r.Body), "current_password") {
		t.Fatalf("wrong current password: %d %s", r.Status, r.Body)
	}
	r := change(u.Password)
	if r.Status != http.StatusOK {
		t.Fatalf("change: %d %s", r.Status, r.Body)
	}
	sessionEnded(t, env, u)
	sessionEnded(t, env, &laptop)
	var fresh struct {
		AccessToken string `json:"access_token"`
	}
	r.Decode(t, &fresh)
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: fresh.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("the new session: %d %s", r.Status, r.Body)
	}
	u.Password = "a brand new passphrase"
	env.Login(u)
	srv.Await(t, u.Email, 2)
	if n := env.Scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'user.password_changed' AND subject = ?", "user:"+u.ID); n != "1" {
		t.Fatalf("%s audit entries for the change", n)
	}
}

// Moving to a new address takes effect only once a link sent there is followed; an address
// with an account of its own is told so, and the caller gets the same answer.
func TestEmailChangeVerifiesTheNewAddressFirst(t *testing.T) {
	env, srv := mailEnv(t)
	u, other, newEmail := env.Learner("engineering"), env.Learner("medicine"), testenv.UniqueEmail("new@tandem.test")
	ask := func(email, password string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/email", Token: u.AccessToken,
			Body: map[string]string{"email": email, "password": password}})
	}
	if r := ask(newEmail, "wrong password"); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("wrong password: %d %s", r.Status, r.Body)
	}
	free, taken := ask(newEmail, u.Password), ask(other.Email, u.Password)
	if free.Status != http.StatusAccepted || string(free.Body) != string(taken.Body) {
		t.Fatalf("free %d %s; taken %d %s", free.Status, free.Body, taken.Status, taken.Body)
	}
	if m := srv.Await(t, other.Email, 2); m.Header.Get("Subject") != "Tandem: this address already has an account" {
		t.Fatalf("the taken address was told: %v", m.Header)
	}
	if got := env.Scalar("SELECT email FROM users WHERE id = ?", u.ID); got != u.Email {
		t.Fatalf("the address changed before the link was followed: %s", got)
	}
	r := verify(env, linkToken(t, srv.Await(t, newEmail, 1), "/verify-email"))
	if r.Status != http.StatusOK || r.JSON(t)["changed"] != true {
		t.Fatalf("follow: %d %s", r.Status, r.Body)
	}
	if m := srv.Await(t, u.Email, 2); !strings.Contains(m.Text, "now uses "+newEmail) {
		t.Fatalf("the old address was not told: %s", m.Text)
	}
	u.Email = newEmail
	env.Login(u)
	if me := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).JSON(t); me["email"] != u.Email || me["email_verified"] != true {
		t.Fatalf("me: %v", me)
	}
}

// A mail server that stops answering holds no request up: mail waits in the outbox.
func TestStalledMailServerHoldsNoRequest(t *testing.T) {
	env, srv := mailEnv(t)
	first, second := testenv.UniqueEmail("first@tandem.test"), testenv.UniqueEmail("second@tandem.test")
	srv.Hold()
	if r := register(env, first, "a long enough passphrase"); r.Status != http.StatusCreated {
		t.Fatalf("register: %d", r.Status)
	}
	deadline := time.Now().Add(15 * time.Second)
	for srv.Holding() == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if srv.Holding() == 0 {
		t.Fatal("the first mail never reached the server")
	}
	// While the server holds that mail, requests that queue mail are answered.
	if r := register(env, second, "a long enough passphrase"); r.Status != http.StatusCreated {
		t.Fatalf("register while the server stalls: %d", r.Status)
	}
	if r := resetRequest(env, first); r.Status != http.StatusAccepted {
		t.Fatalf("reset while the server stalls: %d", r.Status)
	}
	if len(srv.Messages()) != 0 {
		t.Fatal("a mail arrived while the server held it")
	}
	srv.Release()
	srv.Await(t, first, 2)
	srv.Await(t, second, 1)
}
