package models

import (
	"context"
	"time"
)

// Pruned counts what PruneExpired deleted.
type Pruned struct {
	IdempotencyKeys int64
	RateLimits      int64
	RefreshTokens   int64
}

// PruneExpired deletes rows that can no longer matter: responses kept for Idempotency-Key
// retries older than keyTTL, rate-limit counters whose window started more than window ago,
// and refresh tokens past their expiry (an expired token is refused whatever its family).
func (s *Store) PruneExpired(ctx context.Context, now time.Time, keyTTL, window time.Duration) (Pruned, error) {
	var p Pruned
	db := s.db.WithContext(ctx)
	res := db.Where("created_at < ?", now.Add(-keyTTL)).Delete(&IdempotentRequest{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.IdempotencyKeys = res.RowsAffected
	res = db.Where("window_start < ?", now.Add(-window).Unix()).Delete(&RateLimit{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.RateLimits = res.RowsAffected
	res = db.Where("expires_at < ?", now).Delete(&RefreshToken{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.RefreshTokens = res.RowsAffected
	return p, nil
}
