package models

import (
	"context"
	"time"
)

// ClaimUnforwarded leases up to limit learning events that have not reached the Learning
// Record Store yet and were not set aside, for lease; events leased by another server whose
// lease has not run out are skipped, so servers share the work without sending an event twice
// at once. A server may always take back its own leased events, to retry them after a failure.
// The lease condition is checked again on the row being updated, so of two servers claiming
// at once each gets the rows the other did not.
func (s *Store) ClaimUnforwarded(ctx context.Context, owner string, limit int, lease time.Duration) ([]ProgressEvent, error) {
	now := time.Now().UTC()
	db := s.db.WithContext(ctx)
	const claimable = `forwarded_at IS NULL AND lrs_refused_at IS NULL AND (forward_lease_until IS NULL OR forward_lease_until < ? OR forward_owner = ?)`
	res := db.Exec(`UPDATE progress_events SET forward_owner = ?, forward_lease_until = ?
WHERE id IN (SELECT id FROM progress_events WHERE `+claimable+` ORDER BY id LIMIT ?) AND `+claimable,
		owner, now.Add(lease), now, owner, limit, now, owner)
	if res.Error != nil {
		return nil, mapErr(res.Error)
	}
	var out []ProgressEvent
	if res.RowsAffected == 0 {
		return out, nil
	}
	err := db.Where("forward_owner = ? AND forwarded_at IS NULL AND lrs_refused_at IS NULL AND forward_lease_until > ?", owner, now).
		Order("id").Limit(limit).Find(&out).Error
	return out, mapErr(err)
}

// MarkForwarded records that the LRS stored the events' statements.
func (s *Store) MarkForwarded(ctx context.Context, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	return mapErr(s.db.WithContext(ctx).Model(&ProgressEvent{}).Where("id IN ?", ids).
		Updates(map[string]any{"forwarded_at": time.Now().UTC(), "forward_lease_until": nil}).Error)
}

// SetAside records that the LRS refused an event's statement, with its status and reason, so
// that forwarding passes over it and an operator can see why.
func (s *Store) SetAside(ctx context.Context, id string, status int, reason string) error {
	return mapErr(s.db.WithContext(ctx).Model(&ProgressEvent{}).Where("id = ? AND forwarded_at IS NULL", id).
		Updates(map[string]any{"lrs_refused_at": time.Now().UTC(), "lrs_status": status, "lrs_reason": reason, "forward_lease_until": nil}).Error)
}

// SetAsideCount counts the events whose statements the LRS refused.
func (s *Store) SetAsideCount(ctx context.Context) (int64, error) {
	var n int64
	err := s.db.WithContext(ctx).Model(&ProgressEvent{}).Where("lrs_refused_at IS NOT NULL AND forwarded_at IS NULL").Count(&n).Error
	return n, mapErr(err)
}
