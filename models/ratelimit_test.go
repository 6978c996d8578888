package models_test

import (
	"context"
	"testing"
	"time"
)

// A window lasts its whole length from the first hit, even when the clock's second turns
// between two hits: a window counted in whole seconds would have ended at that turn.
func TestRateLimitWindowOutlastsTheTurnOfTheSecond(t *testing.T) {
	store := storeAt(t, "202612097001_rate_limit_milliseconds")
	ctx := context.Background()
	now := time.Now()
	time.Sleep(now.Truncate(time.Second).Add(time.Second - 20*time.Millisecond).Sub(now))
	first, _, err := store.HitRateLimit(ctx, "attempts:u1", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	time.Sleep(40 * time.Millisecond)
	second, reset, err := store.HitRateLimit(ctx, "attempts:u1", time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if first != 1 || second != 2 {
		t.Fatalf("hits across the turn of a second in a one-second window: %d, %d; want 1, 2", first, second)
	}
	if left := time.Until(reset); left <= 0 || left > time.Second {
		t.Fatalf("the window ends in %v; want within the second after the first hit", left)
	}
}
