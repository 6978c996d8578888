package testenv

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"

	"tandem/auth"
)

// User is a registered, logged-in test user.
type User struct {
	ID           string
	Email        string
	Password     string
	Name         string
	Discipline   string
	AccessToken  string
	RefreshToken string
}

// Password is every test user's password.
const Password = "a long enough passphrase"

var seq atomic.Int64

// UniqueEmail returns address with a random tag before its @ ("grace@tandem.test" becomes
// "grace-1f2e3d4c5b6a@tandem.test"): an address no other test, and no other run of the same
// test, uses. The package's database outlives each run (go test -count), so a fixed address
// would meet the account, invitations and mail limit an earlier run left behind.
func UniqueEmail(address string) string {
	local, domain, _ := strings.Cut(address, "@")
	return local + "-" + randomHex(6) + "@" + domain
}

// Learner registers a learner of discipline through the API and logs them in.
func (e *Env) Learner(discipline string) *User {
	e.T.Helper()
	n := seq.Add(1)
	u := &User{Email: UniqueEmail("learner@tandem.test"), Password: Password, Name: "Learner " + string(rune('A'+n%26)), Discipline: discipline}
	resp := e.Do(Request{Method: "POST", Path: "/api/v1/auth/register", Body: map[string]any{
		"email": u.Email, "password": u.Password, "name": u.Name, "discipline": discipline, "institution": "Test University",
	}})
	if resp.Status != http.StatusCreated {
		e.T.Fatalf("register learner: %d %s", resp.Status, resp.Body)
	}
	var body struct {
		User struct {
			ID string `json:"id"`
		} `json:"user"`
	}
	resp.Decode(e.T, &body)
	u.ID = body.User.ID
	e.VerifyEmail(u)
	e.Login(u)
	return u
}

// UnverifiedLearner registers a learner of discipline who has not followed the link that
// verifies their address, and logs them in.
func (e *Env) UnverifiedLearner(discipline string) *User {
	e.T.Helper()
	u := e.Learner(discipline)
	e.Exec("UPDATE users SET email_verified_at = NULL WHERE id = ?", u.ID)
	return u
}

// VerifyEmail marks u's address verified, as following the link mailed at registration does
// (tests of that link follow it themselves).
func (e *Env) VerifyEmail(u *User) {
	e.T.Helper()
	if err := e.App.Store.MarkEmailVerified(context.Background(), u.ID); err != nil {
		e.T.Fatalf("verify %s: %v", u.Email, err)
	}
}

// WithRole creates a user with a platform role (instructor, admin) and logs them in.
func (e *Env) WithRole(role, discipline string) *User {
	e.T.Helper()
	u := &User{Email: UniqueEmail(role + "@tandem.test"), Password: Password, Name: "Test " + role, Discipline: discipline}
	created, err := e.App.Accounts.CreateUser(context.Background(), auth.Registration{
		Email: u.Email, Password: u.Password, Name: u.Name, Discipline: discipline,
	}, role)
	if err != nil {
		e.T.Fatalf("create %s: %v", role, err)
	}
	u.ID = created.ID
	e.Login(u)
	return u
}

// Login logs u in and stores its tokens on it.
func (e *Env) Login(u *User) {
	e.T.Helper()
	resp := e.Do(Request{Method: "POST", Path: "/api/v1/auth/login", Body: map[string]string{"email": u.Email, "password": u.Password}})
	if resp.Status != http.StatusOK {
		e.T.Fatalf("login %s: %d %s", u.Email, resp.Status, resp.Body)
	}
	var s struct {
		AccessToken  string `json:"access_token"`
		RefreshToken string `json:"refresh_token"`
	}
	resp.Decode(e.T, &s)
	u.AccessToken, u.RefreshToken = s.AccessToken, s.RefreshToken
}
