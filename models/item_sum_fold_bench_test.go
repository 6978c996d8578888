package models_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"tandem/models"
)

// BenchmarkFoldItemSums folds 1,000 queued item-sum changes at a time, as a busy cohort's
// submissions fill the fold's batches, after enough folds of that size for PostgreSQL to
// settle on how it plans the statements. Each round of submissions is 400 learners' next
// attempt at a quiz of four questions.
func BenchmarkFoldItemSums(b *testing.B) {
	ctx := context.Background()
	store := storeAt(b, "202612097001_rate_limit_milliseconds")
	if err := store.Migrate(ctx); err != nil {
		b.Fatal(err)
	}
	itemQuiz(b, store)
	const learners, batch = 400, 1000
	for u := range learners {
		if err := store.DB().Exec("INSERT INTO users (id, email, name, discipline, institution, role, password_hash, dashboard, created_at, updated_at) VALUES (?, ?, 'L', 'medicine', '', 'learner', '!', '{}', ?, ?)",
			fmt.Sprintf("u%03d", u), fmt.Sprintf("u%03d@tandem.test", u), time.Now(), time.Now()).Error; err != nil {
			b.Fatal(err)
		}
	}
	round := 0
	// fill submits rounds of attempts until at least a batch of changes is queued.
	fill := func() {
		for queuedChanges(b, store) < batch {
			round++
			for u := range learners {
				a, responses := gradedAttempt(u, round, scoresOf(u, round))
				open := *a
				open.SubmittedAt, open.Score, open.Percent, open.Passed = nil, 0, 0, false
				if err := store.DB().Create(&open).Error; err != nil {
					b.Fatal(err)
				}
				if _, err := store.SubmitAttempt(ctx, models.GradedAttempt{Attempt: a, Responses: responses}); err != nil {
					b.Fatal(err)
				}
			}
		}
	}
	fold := func() {
		if n, err := store.FoldItemSums(ctx, batch); err != nil || n != batch {
			b.Fatalf("folded %d changes, want %d: %v", n, batch, err)
		}
	}
	for range 8 {
		fill()
		fold()
	}
	for b.Loop() {
		b.StopTimer()
		fill()
		b.StartTimer()
		fold()
	}
}
