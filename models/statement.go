package models

import (
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"tandem/locale"
)

// StatementBuilder builds the xAPI statement a learning event is stored with. The store calls
// it inside the event's transaction, once the ids the event refers to are known.
type StatementBuilder interface {
	Statement(ev ProgressEvent) (string, error)
}

// errNoStatements stops a store opened without a StatementBuilder from writing events that
// could never be exported.
var errNoStatements = errors.New("models: the store was opened without a statement builder")

// insertEvents builds each event's statement and inserts the events in tx: on PostgreSQL as
// arrays (see insertRows).
func (s *Store) insertEvents(tx *gorm.DB, events ...ProgressEvent) error {
	if len(events) == 0 {
		return nil
	}
	if s.statements == nil {
		return errNoStatements
	}
	for i := range events {
		if events[i].Language == "" {
			events[i].Language = locale.From(tx.Statement.Context)
		}
		st, err := s.statements.Statement(events[i])
		if err != nil {
			return fmt.Errorf("statement of %s %s: %w", events[i].Verb, events[i].ObjectType, err)
		}
		events[i].Statement = st
	}
	if !s.postgres {
		return tx.Create(&events).Error
	}
	// What gorm's insert gives a zero field: the time of the insert, the column's default.
	now := time.Now()
	for i := range events {
		if events[i].CreatedAt.IsZero() {
			events[i].CreatedAt = now
		}
		if events[i].Result == "" {
			events[i].Result = "{}"
		}
	}
	n := len(events)
	return insertRows(tx, "progress_events", "",
		columnOf("id", "text", n, func(i int) string { return events[i].ID }),
		columnOf("user_id", "text", n, func(i int) string { return events[i].UserID }),
		columnOf("verb", "text", n, func(i int) string { return events[i].Verb }),
		columnOf("object_type", "text", n, func(i int) string { return events[i].ObjectType }),
		columnOf("object_id", "text", n, func(i int) string { return events[i].ObjectID }),
		columnOf("track_slug", "text", n, func(i int) string { return events[i].TrackSlug }),
		columnOf("team_id", "text", n, func(i int) string { return events[i].TeamID }),
		columnOf("result", "text", n, func(i int) string { return events[i].Result }),
		columnOf("statement", "text", n, func(i int) string { return events[i].Statement }),
		columnOf("created_at", "timestamptz", n, func(i int) time.Time { return events[i].CreatedAt }))
}
