package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"tandem/models"
	"tandem/testenv"
)

// benchAccounts stores n accounts straight in the store and returns their addresses.
func benchAccounts(b *testing.B, env *testenv.Env, n int) []string {
	b.Helper()
	emails := make([]string, n)
	for i := range emails {
		u := &models.User{Email: "known-" + models.NewID() + "@tandem.test", Name: "Known", Discipline: "nursing", Role: "learner", PasswordHash: "!"}
		if err := env.App.Store.CreateUser(context.Background(), u); err != nil {
			b.Fatal(err)
		}
		emails[i] = u.Email
	}
	return emails
}

// post sends body to path as client i (its own address behind the trusted proxy, so per-address
// limits stay out of the way) and fails unless the answer is want.
func post(b *testing.B, env *testenv.Env, path string, i int, body any, want int) {
	raw, _ := json.Marshal(body)
	req := httptest.NewRequest(http.MethodPost, path, bytes.NewReader(raw))
	req.RemoteAddr = "127.0.0.1:40000"
	req.Header.Set("X-Forwarded-For", fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255))
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	env.App.Handler().ServeHTTP(rec, req)
	if rec.Code != want {
		b.Fatalf("%s: %d %s", path, rec.Code, rec.Body)
	}
}

// BenchmarkPasswordResetRequest compares a reset request for an address with an account and one
// without: the answers are the same, and so should the time be (one row looked up, one mail
// queued either way).
func BenchmarkPasswordResetRequest(b *testing.B) {
	env := testenv.New(b)
	for _, known := range []bool{true, false} {
		b.Run(map[bool]string{true: "known", false: "unknown"}[known], func(b *testing.B) {
			emails := benchAccounts(b, env, b.N)
			b.ResetTimer()
			for i := range b.N {
				email := "unknown-" + models.NewID() + "@tandem.test"
				if known {
					email = emails[i]
				}
				post(b, env, "/api/v1/auth/password-reset", i, map[string]string{"email": email}, http.StatusAccepted)
			}
		})
	}
}

// BenchmarkRegister compares registering a new address with registering a taken one: the
// answers are the same, and both hash the password and queue one mail.
func BenchmarkRegister(b *testing.B) {
	env := testenv.New(b)
	for _, taken := range []bool{false, true} {
		b.Run(map[bool]string{false: "new", true: "taken"}[taken], func(b *testing.B) {
			emails := benchAccounts(b, env, b.N)
			b.ResetTimer()
			for i := range b.N {
				email := "new-" + models.NewID() + "@tandem.test"
				if taken {
					email = emails[i]
				}
				post(b, env, "/api/v1/auth/register", i, map[string]string{"email": email, "password": "a long enough passphrase",
					"name": "Bench", "discipline": "nursing"}, http.StatusCreated)
			}
		})
	}
}
