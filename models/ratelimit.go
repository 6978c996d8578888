package models

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"

	"gorm.io/gorm"
)

// RateLimit counts hits for one key within a fixed window. It lives in the database so that
// every server behind a load balancer shares the count. Keys are stored keyed-hashed (see
// limitKey): what they count (an email address, a client address, a user id) never is.
type RateLimit struct {
	Key         string `gorm:"primaryKey;size:200"`
	WindowStart int64  `gorm:"not null"` // milliseconds since the Unix epoch
	Hits        int    `gorm:"not null"`
}

// Limit is a rate limit an operator sets: at most Max hits on one key within Window.
type Limit struct {
	Max    int
	Window time.Duration
}

// hitSQL counts one hit on a key (its stored form, the window's start now, and the start of
// the oldest window still running, twice); a RETURNING clause follows.
const hitSQL = `INSERT INTO rate_limits (key, window_start, hits) VALUES (?, ?, 1)
ON CONFLICT (key) DO UPDATE SET
  hits = CASE WHEN rate_limits.window_start <= ? THEN 1 ELSE rate_limits.hits + 1 END,
  window_start = CASE WHEN rate_limits.window_start <= ? THEN excluded.window_start ELSE rate_limits.window_start END
`

// HitRateLimit records one hit on key and returns the hits in the current window and when that
// window ends. The increment is a single upsert, so concurrent hits are all counted.
func (s *Store) HitRateLimit(ctx context.Context, key string, window time.Duration) (int, time.Time, error) {
	now := time.Now().UTC()
	expired := now.Add(-window).UnixMilli()
	var row struct {
		Hits        int
		WindowStart int64
	}
	err := rawInto(s.db.WithContext(ctx), &row, hitSQL+"RETURNING hits, window_start", s.limitKey(key), now.UnixMilli(), expired, expired)
	if err != nil {
		return 0, time.Time{}, mapErr(err)
	}
	return row.Hits, time.UnixMilli(row.WindowStart).Add(window), nil
}

// ResetRateLimit forgets the hits on key.
func (s *Store) ResetRateLimit(ctx context.Context, key string) error {
	return mapErr(s.db.WithContext(ctx).Where("key = ?", s.limitKey(key)).Delete(&RateLimit{}).Error)
}

// UnhitRateLimit takes one hit back from key (never below zero).
func (s *Store) UnhitRateLimit(ctx context.Context, key string) error {
	return mapErr(s.db.WithContext(ctx).Model(&RateLimit{}).Where("key = ? AND hits > 0", s.limitKey(key)).
		Update("hits", gorm.Expr("hits - 1")).Error)
}

// limitKey is the stored form of a rate-limit key: its kind (the text before the first colon,
// such as "login") in clear for operators, then an HMAC-SHA256 of the whole key under the
// store's secret. Without the secret nobody can tell from the table whose counts it holds,
// nor test a guessed email address against it.
func (s *Store) limitKey(key string) string {
	mac := hmac.New(sha256.New, s.limitSecret)
	mac.Write([]byte(key))
	kind, _, _ := strings.Cut(key, ":")
	return kind + ":" + hex.EncodeToString(mac.Sum(nil)[:20])
}
