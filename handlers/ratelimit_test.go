package handlers_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
	"testing"
	"time"

	"tandem/config"
	"tandem/testenv"
)

func TestRegistrationIsRateLimitedPerAddress(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.RegisterPerHour = 3
	env := testenv.NewWith(t, cfg)
	register := func(addr string) *testenv.Response {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Header: map[string]string{"X-Forwarded-For": addr},
			Body: map[string]any{"email": testenv.UniqueEmail("signup@tandem.test"), "password": "a long enough passphrase", "name": "S", "discipline": "other"}})
	}
	addr := testenv.ClientAddress()
	for i := range 3 {
		if resp := register(addr); resp.Status != http.StatusCreated {
			t.Fatalf("registration %d: %d", i, resp.Status)
		}
	}
	if resp := register(addr); resp.Status != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" {
		t.Fatalf("fourth registration from one address: %d", resp.Status)
	}
	if resp := register(testenv.ClientAddress()); resp.Status != http.StatusCreated {
		t.Fatalf("another address: %d", resp.Status)
	}
}

// The limits on a client address count an IPv6 client by its /64, which one subscriber holds
// whole: guesses spread over many addresses of one /64 (written any way) share one count, and
// a client in another /64 keeps its own.
func TestAddressLimitsCountIPv6ClientsPerNetwork(t *testing.T) {
	cases := []struct {
		name string
		set  func(cfg *config.Config)
		ok   int // the status of a request within the limit
		hit  func(env *testenv.Env, addr string) *testenv.Response
	}{
		{"failed logins", func(cfg *config.Config) { cfg.LoginIPMaxFails = 3 }, http.StatusUnauthorized,
			func(env *testenv.Env, addr string) *testenv.Response {
				return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/login", Header: map[string]string{"X-Forwarded-For": addr},
					Body: map[string]string{"email": testenv.UniqueEmail("rotator@tandem.test"), "password": "guessing passwords"}})
			}},
		{"registrations", func(cfg *config.Config) { cfg.RegisterPerHour = 3 }, http.StatusCreated,
			func(env *testenv.Env, addr string) *testenv.Response {
				return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/register", Header: map[string]string{"X-Forwarded-For": addr},
					Body: map[string]any{"email": testenv.UniqueEmail("rotator@tandem.test"), "password": "a long enough passphrase", "name": "R", "discipline": "other"}})
			}},
		{"password-reset requests", func(cfg *config.Config) { cfg.ResetsPerIP = 3 }, http.StatusAccepted,
			func(env *testenv.Env, addr string) *testenv.Response {
				return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Header: map[string]string{"X-Forwarded-For": addr},
					Body: map[string]string{"email": testenv.UniqueEmail("rotator@tandem.test")}})
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testenv.Config(t)
			tc.set(&cfg)
			env := testenv.NewWith(t, cfg)
			network := testenv.ClientAddress()
			for i := range 3 {
				addr := inNetwork(network, i)
				if resp := tc.hit(env, addr); resp.Status != tc.ok {
					t.Fatalf("request %d, from %s: %d %s", i+1, addr, resp.Status, resp.Body)
				}
			}
			addr := inNetwork(network, 3)
			if resp := tc.hit(env, addr); resp.Status != http.StatusTooManyRequests || resp.ErrorCode() != "rate_limited" {
				t.Fatalf("request 4, from %s of the same /64: %d %s", addr, resp.Status, resp.Body)
			}
			if resp := tc.hit(env, testenv.ClientAddress()); resp.Status != tc.ok {
				t.Fatalf("a client in another /64: %d %s", resp.Status, resp.Body)
			}
		})
	}
}

// inNetwork returns a distinct address (for i below 240) of the /64 that addr is in, written in
// one of the ways an address may be written.
func inNetwork(addr string, i int) string {
	b := netip.MustParseAddr(addr).As16()
	b[8], b[15] = byte(i)<<5, byte(i)+0x10
	a := netip.AddrFrom16(b)
	if i%2 == 1 {
		return strings.ToUpper(a.StringExpanded())
	}
	return a.String()
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

// Every rate limit follows its setting: with a small maximum set, the next request over it is
// refused with 429 rate_limited and a Retry-After.
func TestRateLimitsFollowTheirSettings(t *testing.T) {
	resetter := testenv.ClientAddress()
	cases := []struct {
		name string
		set  func(cfg *config.Config)
		// allowed is how many requests pass; hit sends request i as u.
		allowed int
		hit     func(env *testenv.Env, u *testenv.User, i int) *testenv.Response
	}{
		{"attempt starts per learner (TANDEM_ATTEMPT_STARTS_MAX)", func(cfg *config.Config) { cfg.StartsMax = 2 }, 2,
			func(env *testenv.Env, u *testenv.User, _ int) *testenv.Response {
				return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/clin-deployment-quiz/attempts", Token: u.AccessToken})
			}},
		{"feedback writes per learner (TANDEM_FEEDBACK_MAX)", func(cfg *config.Config) { cfg.FeedbackMax = 2 }, 2,
			func(env *testenv.Env, u *testenv.User, i int) *testenv.Response {
				return giveFeedback(env, u, env.App.Catalog.Lessons()[0].Slug, 1+i, "suggestion", "")
			}},
		{"join-code tries per user (TANDEM_JOIN_CODE_MAX_TRIES)", func(cfg *config.Config) { cfg.JoinCodeMax = 2 }, 2,
			func(env *testenv.Env, u *testenv.User, i int) *testenv.Response {
				resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/join-codes/redeem", Token: u.AccessToken,
					Body: map[string]string{"code": fmt.Sprintf("AAAA-AAAA-%04d", i)}})
				if resp.Status == http.StatusNotFound {
					resp.Status = http.StatusOK // an unknown code, counted
				}
				return resp
			}},
		{"password-reset requests per client address (TANDEM_PASSWORD_RESETS_PER_IP)", func(cfg *config.Config) { cfg.ResetsPerIP = 2 }, 2,
			func(env *testenv.Env, u *testenv.User, i int) *testenv.Response {
				return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/password-reset", Header: map[string]string{"X-Forwarded-For": resetter},
					Body: map[string]string{"email": testenv.UniqueEmail(fmt.Sprintf("nobody%d@tandem.test", i))}})
			}},
		// Registration mailed the address once already.
		{"mails to one address (TANDEM_MAILS_PER_ADDRESS)", func(cfg *config.Config) { cfg.MailsPerAddress = 2 }, 1,
			func(env *testenv.Env, u *testenv.User, _ int) *testenv.Response {
				return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/me/verification-email", Token: u.AccessToken})
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := testenv.Config(t)
			tc.set(&cfg)
			env := testenv.NewWith(t, cfg)
			u := env.UnverifiedLearner("medicine")
			for i := range tc.allowed {
				if resp := tc.hit(env, u, i); resp.Status >= 300 {
					t.Fatalf("request %d of %d allowed: %d %s", i+1, tc.allowed, resp.Status, resp.Body)
				}
			}
			resp := tc.hit(env, u, tc.allowed)
			if resp.Status != http.StatusTooManyRequests || resp.ErrorCode() != "rate_limited" || resp.Header.Get("Retry-After") == "" {
				t.Fatalf("request %d, over the limit: %d %q, Retry-After %q", tc.allowed+1, resp.Status, resp.ErrorCode(), resp.Header.Get("Retry-After"))
			}
		})
	}
}

// A limit's window follows its setting too: once TANDEM_ATTEMPT_STARTS_WINDOW has passed, the
// learner may start again.
func TestAttemptStartsWindowFollowsItsSetting(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.StartsMax, cfg.StartsWindow = 1, 2*time.Second
	env := testenv.NewWith(t, cfg)
	u := env.Learner("medicine")
	start := func() int {
		return env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/clin-deployment-quiz/attempts", Token: u.AccessToken}).Status
	}
	first := start()
	counted := time.Now() // the window began before this
	if second := start(); first != http.StatusCreated || second != http.StatusTooManyRequests {
		t.Fatalf("two starts in a two-second window: %d, %d", first, second)
	}
	time.Sleep(time.Until(counted.Add(cfg.StartsWindow + 100*time.Millisecond)))
	if got := start(); got != http.StatusCreated {
		t.Fatalf("a start after the window: %d", got)
	}
}
