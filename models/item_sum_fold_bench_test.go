package models_test

import (
	"context"
	"testing"
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
		addLearner(b, store, u)
	}
	round := 0
	// fill submits rounds of attempts until at least a batch of changes is queued.
	fill := func() {
		for queuedChanges(b, store) < batch {
			round++
			for u := range learners {
				if _, err := store.SubmitAttempt(ctx, openAttempt(b, store, u, round)); err != nil {
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
