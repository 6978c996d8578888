package handlers_test

import (
	"context"
	"net/http"
	"sync"
	"testing"
	"time"

	"tandem/auth"
	"tandem/handlers"
	"tandem/testenv"
)

func TestIdempotencyKeyReplaysInsteadOfRepeating(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	key := map[string]string{"Idempotency-Key": "start-0001-abcdef"}
	starts := make([]*testenv.Response, 4)
	var wg sync.WaitGroup
	for i := range starts {
		wg.Go(func() {
			starts[i] = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken, Header: key})
		})
	}
	wg.Wait()
	first := starts[0]
	for _, r := range starts {
		if r.Status != http.StatusCreated || string(r.Body) != string(first.Body) {
			t.Fatalf("concurrent starts with one key: %d %s", r.Status, r.Body)
		}
	}
	retry := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken, Header: key})
	if retry.Status != http.StatusCreated || string(first.Body) != string(retry.Body) || retry.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retried start: %d (%s)", retry.Status, retry.Header.Get("Idempotent-Replayed"))
	}
	if n := env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE user_id = ?", u.ID); n != "1" {
		t.Fatalf("a retried start used %s attempts", n)
	}
	id := first.JSON(t)["id"].(string)
	submitKey := map[string]string{"Idempotency-Key": "submit-0001-abcdef"}
	body := map[string]any{"answers": env.InAttempt(u, id, rightAnswers("wait"))}
	statuses := make([]int, 4)
	for i := range statuses {
		wg.Go(func() {
			statuses[i] = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + id + "/submit", Token: u.AccessToken, Header: submitKey, Body: body}).Status
		})
	}
	wg.Wait()
	for _, s := range statuses {
		if s != http.StatusOK {
			t.Fatalf("concurrent retries of one submission: %v, want all 200", statuses)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM progress_events WHERE user_id = ? AND verb IN ('passed', 'failed')", u.ID); n != "1" {
		t.Fatalf("a retried submission was graded %s times", n)
	}
	// Once the first has finished, every retry gets its 200, never already_submitted.
	replay := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + id + "/submit", Token: u.AccessToken, Header: submitKey, Body: body})
	if replay.Status != http.StatusOK || replay.JSON(t)["percent"] != float64(100) {
		t.Fatalf("replayed submission: %d %s", replay.Status, replay.Body)
	}
	other := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + id + "/submit", Token: u.AccessToken, Header: submitKey,
		Body: map[string]any{"answers": []any{}}})
	if other.Status != http.StatusUnprocessableEntity || other.ErrorCode() != "idempotency_key_reused" {
		t.Fatalf("same key, different body: %d %s", other.Status, other.Body)
	}
	// Without the key, or with another, a second submission is refused as before.
	for _, h := range []map[string]string{nil, {"Idempotency-Key": "submit-0002-abcdef"}} {
		if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + id + "/submit", Token: u.AccessToken, Header: h, Body: body}); resp.ErrorCode() != "already_submitted" {
			t.Fatalf("second submission with %v: %d %s", h, resp.Status, resp.Body)
		}
	}
	// The start key names one attempt: the same key at another quiz is another request.
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/clin-deployment-quiz/attempts", Token: u.AccessToken, Header: key}); resp.Status != http.StatusUnprocessableEntity || resp.ErrorCode() != "idempotency_key_reused" {
		t.Fatalf("start key reused at another quiz: %d %s", resp.Status, resp.Body)
	}
	// Keys are per user: someone else's identical key is a different request.
	v := env.Learner("nursing")
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: v.AccessToken, Header: key}); resp.Status != http.StatusCreated || resp.Header.Get("Idempotent-Replayed") != "" {
		t.Fatalf("another user's key collided: %d", resp.Status)
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: v.AccessToken,
		Header: map[string]string{"Idempotency-Key": "bad key!"}}); resp.Status != http.StatusUnprocessableEntity {
		t.Fatalf("malformed key: %d", resp.Status)
	}
}

// teamWork returns a test database with a team of two and a keyed submission of its work by
// its first member.
func teamWork(t *testing.T, key string) (*testenv.Env, *testenv.User, string, testenv.Request) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	a, b := env.Learner("medicine"), env.Learner("engineering")
	id := newCohort(t, env, instructor, a, b)
	formed := formPairs(t, env, instructor, id, 3)
	team := formed.Teams[0].ID
	return env, a, team, testenv.Request{Method: "POST", Path: "/api/v1/teams/" + team + "/submissions", Token: a.AccessToken,
		Header: map[string]string{"Idempotency-Key": key},
		Body:   map[string]any{"exercise": env.App.Catalog.Exercises()[0].Slug, "body_markdown": "Our specification."}}
}

func TestTeamSubmissionRetryDoesNotAddAVersion(t *testing.T) {
	env, _, team, req := teamWork(t, "team-work-v1-0001")
	for range 3 {
		if resp := env.Do(req); resp.Status != http.StatusCreated {
			t.Fatalf("submission: %d %s", resp.Status, resp.Body)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM submissions WHERE team_id = ?", team); n != "1" {
		t.Fatalf("three retries stored %s versions", n)
	}
}

func TestAbandonedIdempotencyClaimExpires(t *testing.T) {
	env, a, _, req := teamWork(t, "abandoned-0001-abcdef")
	// A claim left in progress by a request that died with its database.
	env.Exec("INSERT INTO idempotent_requests (key, request_hash, status, content_type, created_at) VALUES (?, ?, 0, '', ?)",
		a.ID+":abandoned-0001-abcdef", "whatever", mustPast())
	if resp := env.Do(req); resp.Status != http.StatusCreated {
		t.Fatalf("retry after an abandoned claim: %d %s", resp.Status, resp.Body)
	}
}

// Pruning deletes what can no longer matter and keeps the rest: a key inside its TTL still
// replays, a counter inside its window still counts, a live refresh token still refreshes.
func TestPruneExpiredKeepsLiveRows(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	now := time.Now().UTC()
	env.Exec("DELETE FROM idempotent_requests")
	env.Exec("DELETE FROM rate_limits")
	env.Exec("INSERT INTO idempotent_requests (key, request_hash, status, content_type, created_at) VALUES (?, 'h', 201, '', ?), (?, 'h', 201, '', ?)",
		u.ID+":old-key-0001", now.Add(-handlers.IdempotencyTTL-time.Minute), u.ID+":new-key-0001", now.Add(-time.Minute))
	env.Exec("INSERT INTO rate_limits (key, window_start, hits) VALUES ('login:address:old', ?, 3), ('login:address:new', ?, 3)",
		now.Add(-25*time.Hour).UnixMilli(), now.Add(-time.Minute).UnixMilli())
	env.Exec("INSERT INTO refresh_tokens (id, user_id, family_id, token_hash, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		"expiredtoken0000000000000000001", u.ID, "expiredfamily00000000000000001", "expired-hash", now.Add(-time.Hour), now.Add(-31*24*time.Hour))
	p, err := env.App.Store.PruneExpired(context.Background(), now, handlers.IdempotencyTTL, 24*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if p.IdempotencyKeys != 1 || p.RateLimits != 1 || p.RefreshTokens != 1 {
		t.Fatalf("pruned %+v, want one of each", p)
	}
	if n := env.Scalar("SELECT COUNT(*) FROM idempotent_requests WHERE key = ?", u.ID+":new-key-0001"); n != "1" {
		t.Fatalf("a live key was pruned")
	}
	if n := env.Scalar("SELECT COUNT(*) FROM rate_limits WHERE key = 'login:address:new'"); n != "1" {
		t.Fatalf("a live counter was pruned")
	}
	if resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/auth/refresh", Body: map[string]string{"refresh_token": u.RefreshToken}}); resp.Status != http.StatusOK {
		t.Fatalf("the learner's live refresh token after pruning: %d %s", resp.Status, resp.Body)
	}
}
