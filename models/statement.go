package models

import (
	"errors"
	"fmt"

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

// insertEvents builds each event's statement and inserts the events in tx.
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
	return tx.Create(&events).Error
}
