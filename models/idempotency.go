package models

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// IdempotentRequest remembers the response to a request sent with an Idempotency-Key, so that a
// client retrying after a timeout gets the same answer instead of a second effect. Status 0
// means the first request is still being handled.
type IdempotentRequest struct {
	Key         string `gorm:"primaryKey;size:300"`
	RequestHash string `gorm:"size:64;not null"`
	Status      int    `gorm:"not null"`
	ContentType string `gorm:"size:100;not null;default:''"`
	Body        []byte
	CreatedAt   time.Time `gorm:"index"`
}

// IdempotencyLease is how long a claim may stay in progress before a retry may take it over:
// a request whose server or database failed before it could record or release its claim must
// not block the key until the TTL.
const IdempotencyLease = time.Minute

// ClaimIdempotencyKey records key as in progress. It returns nil, true when this request owns
// the key, or the stored request (possibly still in progress) and false when it was seen
// before. Keys older than ttl, and claims left in progress past IdempotencyLease, are forgotten
// first.
func (s *Store) ClaimIdempotencyKey(ctx context.Context, key, requestHash string, ttl time.Duration) (*IdempotentRequest, bool, error) {
	db := s.db.WithContext(ctx)
	now := time.Now().UTC()
	if err := db.Where("key = ? AND (created_at < ? OR (status = 0 AND created_at < ?))", key, now.Add(-ttl), now.Add(-IdempotencyLease)).
		Delete(&IdempotentRequest{}).Error; err != nil {
		return nil, false, mapErr(err)
	}
	row := &IdempotentRequest{Key: key, RequestHash: requestHash, CreatedAt: now}
	res := db.Clauses(clause.OnConflict{DoNothing: true}).Create(row)
	if res.Error != nil {
		return nil, false, mapErr(res.Error)
	}
	if res.RowsAffected == 1 {
		return nil, true, nil
	}
	var seen IdempotentRequest
	if err := db.Where("key = ?", key).Take(&seen).Error; err != nil {
		return nil, false, mapErr(err)
	}
	return &seen, false, nil
}

// CompleteIdempotencyKey stores the response of the request that owns key.
func (s *Store) CompleteIdempotencyKey(ctx context.Context, key string, status int, contentType string, body []byte) error {
	return mapErr(s.db.WithContext(ctx).Model(&IdempotentRequest{}).Where("key = ?", key).
		Updates(map[string]any{"status": status, "content_type": contentType, "body": body}).Error)
}

// ReleaseIdempotencyKey forgets key, so that a request that failed on our side may be retried.
func (s *Store) ReleaseIdempotencyKey(ctx context.Context, key string) error {
	return mapErr(s.db.WithContext(ctx).Where("key = ?", key).Delete(&IdempotentRequest{}).Error)
}
