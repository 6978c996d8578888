package handlers_test

import (
	"net/http"
	"sync"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

func TestIdempotencyKeyReplaysInsteadOfRepeating(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	key := map[string]string{"Idempotency-Key": "start-0001-abcdef"}
	first := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken, Header: key})
	retry := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken, Header: key})
	if first.Status != http.StatusCreated || retry.Status != http.StatusCreated || string(first.Body) != string(retry.Body) ||
		retry.Header.Get("Idempotent-Replayed") != "true" {
		t.Fatalf("retried start: %d then %d (%s)", first.Status, retry.Status, retry.Header.Get("Idempotent-Replayed"))
	}
	if n := env.Scalar("SELECT COUNT(*) FROM quiz_attempts WHERE user_id = ?", u.ID); n != "1" {
		t.Fatalf("a retried start used %s attempts", n)
	}
	id := first.JSON(t)["id"].(string)
	submitKey := map[string]string{"Idempotency-Key": "submit-0001-abcdef"}
	body := map[string]any{"answers": rightAnswers("wait")}
	var wg sync.WaitGroup
	statuses := make([]int, 4)
	for i := range statuses {
		wg.Go(func() {
			statuses[i] = env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + id + "/submit", Token: u.AccessToken, Header: submitKey, Body: body}).Status
		})
	}
	wg.Wait()
	for _, s := range statuses {
		if s != http.StatusOK && s != http.StatusConflict {
			t.Fatalf("concurrent retries: %v", statuses)
		}
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

func TestTeamSubmissionRetryDoesNotAddAVersion(t *testing.T) {
	env := testenv.New(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	a, b := env.Learner("medicine"), env.Learner("engineering")
	id := newCohort(t, env, instructor, a, b)
	var formed teamsBody
	env.Do(testenv.Request{Method: "POST", Path: "/api/v1/cohorts/" + id + "/teams/form", Token: instructor.AccessToken,
		Body: map[string]any{"team_size": 2, "seed": 3}}).Decode(t, &formed)
	req := testenv.Request{Method: "POST", Path: "/api/v1/teams/" + formed.Teams[0].ID + "/submissions", Token: a.AccessToken,
		Header: map[string]string{"Idempotency-Key": "team-work-v1-0001"},
		Body:   map[string]any{"exercise": env.App.Catalog.Exercises()[0].Slug, "body_markdown": "Our specification."}}
	for range 3 {
		if resp := env.Do(req); resp.Status != http.StatusCreated {
			t.Fatalf("submission: %d %s", resp.Status, resp.Body)
		}
	}
	if n := env.Scalar("SELECT COUNT(*) FROM submissions WHERE team_id = ?", formed.Teams[0].ID); n != "1" {
		t.Fatalf("three retries stored %s versions", n)
	}
}

func TestAbandonedIdempotencyClaimExpires(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("medicine")
	key := map[string]string{"Idempotency-Key": "abandoned-0001-abcdef"}
	// A claim left in progress by a request that died with its database.
	env.Exec("INSERT INTO idempotent_requests (key, request_hash, status, content_type, created_at) VALUES (?, ?, 0, '', ?)",
		u.ID+":abandoned-0001-abcdef", "whatever", mustPast())
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken, Header: key})
	if resp.Status != http.StatusCreated {
		t.Fatalf("retry after an abandoned claim: %d %s", resp.Status, resp.Body)
	}
}
