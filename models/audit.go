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

// AuditQuery selects audit events: by the actor's id, an action or the start of one
// ("certificate." for every certificate action), text found in the subject, a time range
// [From, To), and Before (an event id) to page back. Zero values select everything.
type AuditQuery struct {
	Actor, Action, Subject, Before string
	From, To                       *time.Time
	Limit                          int
}

// AuditEvents returns the events that match q, newest first, at most q.Limit of them.
func (s *Store) AuditEvents(ctx context.Context, q AuditQuery) ([]AuditEvent, error) {
	db := s.db.WithContext(ctx).Order("id DESC").Limit(q.Limit)
	if q.Before != "" {
		db = db.Where("id < ?", q.Before)
	}
	if q.Actor != "" {
		db = db.Where("actor_id = ?", q.Actor)
	}
	if q.Action != "" {
		db = db.Where(`action LIKE ? ESCAPE '\'`, escapeLike(q.Action)+"%")
	}
	if q.Subject != "" {
		db = db.Where(`subject LIKE ? ESCAPE '\'`, "%"+escapeLike(q.Subject)+"%")
	}
	if q.From != nil {
		db = db.Where("created_at >= ?", *q.From)
	}
	if q.To != nil {
		db = db.Where("created_at < ?", *q.To)
	}
	var events []AuditEvent
	return events, mapErr(db.Find(&events).Error)
}
