package models

import (
	"context"
	"time"
)

// ClaimUnforwarded leases up to limit learning events that have not reached the Learning
// Record Store yet, for lease; events leased by another server whose lease has not run out are
// skipped, so servers share the work without sending an event twice at once. A server may
// always take back its own leased events, to retry them after a failure.
func (s *Store) ClaimUnforwarded(ctx context.Context, owner string, limit int, lease time.Duration) ([]ProgressEvent, error) {
	now := time.Now().UTC()
	db := s.db.WithContext(ctx)
	res := db.Exec(`UPDATE progress_events SET forward_owner = ?, forward_lease_until = ?
WHERE id IN (SELECT id FROM progress_events
             WHERE forwarded_at IS NULL AND (forward_lease_until IS NULL OR forward_lease_until < ? OR forward_owner = ?)
             ORDER BY id LIMIT ?)`, owner, now.Add(lease), now, owner, limit)
	if res.Error != nil {
		return nil, mapErr(res.Error)
	}
	var out []ProgressEvent
	if res.RowsAffected == 0 {
		return out, nil
	}
	err := db.Where("forward_owner = ? AND forwarded_at IS NULL AND forward_lease_until > ?", owner, now).Order("id").Find(&out).Error
	return out, mapErr(err)
}

// MarkForwarded records that the events reached the Learning Record Store.
func (s *Store) MarkForwarded(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return mapErr(s.db.WithContext(ctx).Model(&ProgressEvent{}).Where("id IN ?", ids).
		Updates(map[string]any{"forwarded_at": time.Now().UTC(), "forward_lease_until": nil}).Error)
}
