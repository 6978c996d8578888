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
	AccountTokens   int64
	Mails           int64
	LTIStates       int64
	OIDCStates      int64 // sign-in states and link offers
}

// MailKeep is how long a sent or failed mail's row (address, subject, outcome; never its
// body) is kept for diagnosis.
const MailKeep = 7 * 24 * time.Hour

// PruneExpired deletes rows that can no longer matter: responses kept for Idempotency-Key
// retries older than keyTTL, rate-limit counters whose window started more than window ago,
// refresh tokens past their expiry (an expired token is refused whatever its family), account
// tokens past theirs, outbox rows sent or failed more than MailKeep ago, and LTI launch states
// past their expiry (a launch that never came back), and institutional sign-in states and link
// offers past theirs.
func (s *Store) PruneExpired(ctx context.Context, now time.Time, keyTTL, window time.Duration) (Pruned, error) {
	var p Pruned
	db := s.db.WithContext(ctx)
	res := db.Where("created_at < ?", now.Add(-keyTTL)).Delete(&IdempotentRequest{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.IdempotencyKeys = res.RowsAffected
	res = db.Where("window_start < ?", now.Add(-window).UnixMilli()).Delete(&RateLimit{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.RateLimits = res.RowsAffected
	res = db.Where("expires_at < ?", now).Delete(&RefreshToken{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.RefreshTokens = res.RowsAffected
	res = db.Where("expires_at < ?", now).Delete(&AccountToken{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.AccountTokens = res.RowsAffected
	old := now.Add(-MailKeep)
	res = db.Where("sent_at < ? OR failed_at < ?", old, old).Delete(&OutboxMail{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.Mails = res.RowsAffected
	res = db.Where("expires_at < ?", now).Delete(&LTILaunchState{})
	if res.Error != nil {
		return p, mapErr(res.Error)
	}
	p.LTIStates = res.RowsAffected
	for _, table := range []any{&OIDCSignInState{}, &OIDCLinkOffer{}} {
		res = db.Where("expires_at < ?", now).Delete(table)
		if res.Error != nil {
			return p, mapErr(res.Error)
		}
		p.OIDCStates += res.RowsAffected
	}
	return p, nil
}
