package models_test

import (
	"context"
	"testing"
	"time"
)

// A counter running when the windows move to milliseconds keeps its count and its start.
func TestRateLimitWindowsMoveToMilliseconds(t *testing.T) {
	store := storeAt(t, "202612087001_item_sum_changes")
	started := time.Now().Add(-time.Minute).Unix()
	if err := store.DB().Exec("INSERT INTO rate_limits (key, window_start, hits) VALUES ('login:x', ?, 3)", started).Error; err != nil {
		t.Fatal(err)
	}
	if err := store.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	var row struct {
		WindowStart int64
		Hits        int
	}
	if err := store.DB().Raw("SELECT window_start, hits FROM rate_limits WHERE key = 'login:x'").Scan(&row).Error; err != nil {
		t.Fatal(err)
	}
	if row.WindowStart != started*1000 || row.Hits != 3 {
		t.Fatalf("after the migration: window start %d, hits %d; want %d, 3", row.WindowStart, row.Hits, started*1000)
	}
}

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
