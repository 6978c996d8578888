package handlers_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"tandem/auth"
	"tandem/models"
	"tandem/testenv"
)

// benchLearners makes learners straight in the store (no password hashing) and returns their
// access tokens; attempt starts are rate-limited per learner, so benchmarks rotate through them.
func benchLearners(b *testing.B, env *testenv.Env, n int) []string {
	b.Helper()
	tokens := make([]string, n)
	for i := range tokens {
		u := &models.User{Email: "bench-" + models.NewID() + "@tandem.test", Name: "Bench", Discipline: "medicine", Role: "learner", PasswordHash: "!"}
		if err := env.App.Store.CreateUser(context.Background(), u); err != nil {
			b.Fatal(err)
		}
		tok, err := env.App.Tokens.Issue(context.Background(), auth.Grant{UserID: u.ID, Roles: []string{"learner"}})
		if err != nil {
			b.Fatal(err)
		}
		tokens[i] = tok
	}
	return tokens
}

func serve(b *testing.B, h http.Handler, method, path, token string, body []byte) *httptest.ResponseRecorder {
	req := httptest.NewRequest(method, path, bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code >= 300 {
		b.Fatalf("%s %s: %d %s", method, path, rec.Code, rec.Body.String())
	}
	return rec
}

// BenchmarkAttempt measures starting an attempt and submitting a full set of answers to the
// test quiz with one question of every type, through the router.
func BenchmarkAttempt(b *testing.B) {
	env := testenv.New(b)
	h := env.App.Handler()
	b.Run("Start", func(b *testing.B) {
		tokens := benchLearners(b, env, b.N/25+1)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			serve(b, h, http.MethodPost, "/api/v1/quizzes/clin-deployment-quiz/attempts", tokens[i/25], nil)
		}
	})
	b.Run("Submit", func(b *testing.B) {
		b.ReportAllocs()
		ids := make([]string, b.N)
		answers := make([][]byte, b.N)
		tokens := benchLearners(b, env, b.N/3+1)
		b.StopTimer()
		for i := range ids {
			rec := serve(b, h, http.MethodPost, "/api/v1/quizzes/"+evalQuiz+"/attempts", tokens[i/3], nil)
			var a struct{ ID string }
			_ = json.Unmarshal(rec.Body.Bytes(), &a)
			ids[i] = a.ID
			answers[i], _ = json.Marshal(map[string]any{"answers": env.AnswersFor(rec.Body.Bytes(), rightAnswers("wait"))})
		}
		b.StartTimer()
		for i := 0; i < b.N; i++ {
			serve(b, h, http.MethodPost, "/api/v1/attempts/"+ids[i]+"/submit", tokens[i/3], answers[i])
		}
	})
}
