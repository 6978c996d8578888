package models

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEvent records who did what to which subject, for administrators.
type AuditEvent struct {
	ID        string    `gorm:"primaryKey;size:32"`
	ActorID   *string   `gorm:"size:32;index"`
	Action    string    `gorm:"size:64;not null;index"`
	Subject   string    `gorm:"size:200;not null;index"`
	Details   string    `gorm:"type:text;not null;default:'{}'"`
	CreatedAt time.Time `gorm:"index"`
}

func newAudit(actorID, action, subject string, details map[string]any) *AuditEvent {
	b, _ := json.Marshal(details)
	e := &AuditEvent{ID: NewID(), Action: action, Subject: subject, Details: string(b)}
	if actorID != "" {
		e.ActorID = &actorID
	}
	return e
}

// AuditEvents returns the newest events first, at most limit of them, older than before when
// before is not empty (an event id, for paging).
func (s *Store) AuditEvents(ctx context.Context, before string, limit int) ([]AuditEvent, error) {
	q := s.db.WithContext(ctx).Order("id DESC").Limit(limit)
	if before != "" {
		q = q.Where("id < ?", before)
	}
	var events []AuditEvent
	return events, mapErr(q.Find(&events).Error)
}
