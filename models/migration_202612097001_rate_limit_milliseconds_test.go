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
