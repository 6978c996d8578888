package handlers_test

import (
	"net/http"
	"strconv"
	"testing"

	"tandem/testenv"
)

func TestRegistrationIsRateLimitedPerAddress(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.RegisterPerHour = 3
	env := testenv.NewWith(t, cfg)
	register := func(i int, addr string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Header: map[string]string{"X-Forwarded-For": addr},
			Body: map[string]any{"email": "signup" + strconv.Itoa(i) + "-" + addr + "@tandem.test", "password": "a long enough passphrase", "name": "S", "discipline": "other"}})
	}
	for i := range 3 {
		if resp := register(i, "192.0.2.10"); resp.Status != http.StatusCreated {
			t.Fatalf("registration %d: %d", i, resp.Status)
		}
	}
	if resp := register(3, "192.0.2.10"); resp.Status != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("fourth registration from one address: %d", resp.Status)
	}
	if resp := register(4, "192.0.2.11"); resp.Status != http.StatusCreated {
		t.Fatalf("another address: %d", resp.Status)
	}
}

func TestAttemptStartsAreRateLimited(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	for i := range 30 {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/clin-deployment-quiz/attempts", Token: u.AccessToken}); resp.Status != http.StatusCreated {
			t.Fatalf("start %d: %d %s", i, resp.Status, resp.Body)
		}
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/clin-deployment-quiz/attempts", Token: u.AccessToken}); resp.Status != http.StatusTooManyRequests {
		t.Fatalf("31st start in ten minutes: %d", resp.Status)
	}
}
