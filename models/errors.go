package models

import (
	"context"
	"database/sql/driver"
	"errors"
	"net"
	"strings"

	"gorm.io/gorm"
)

// Sentinel errors the store returns on both PostgreSQL and SQLite.
var (
	ErrNotFound    = errors.New("not found")
	ErrConflict    = errors.New("conflict")
	ErrUnavailable = errors.New("database unavailable")
)

// mapErr turns driver and gorm errors into the store's sentinels, keeping the cause.
func mapErr(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrNotFound), errors.Is(err, ErrConflict), errors.Is(err, ErrUnavailable):
		return err
	case errors.Is(err, gorm.ErrRecordNotFound):
		return errors.Join(ErrNotFound, err)
	case errors.Is(err, gorm.ErrDuplicatedKey), errors.Is(err, gorm.ErrForeignKeyViolated),
		strings.Contains(err.Error(), "UNIQUE constraint failed"):
		return errors.Join(ErrConflict, err)
	case isConnectionError(err):
		return errors.Join(ErrUnavailable, err)
	}
	return err
}

func isConnectionError(err error) bool {
	if errors.Is(err, driver.ErrBadConn) || errors.Is(err, net.ErrClosed) || errors.Is(err, context.DeadlineExceeded) {
		return true
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{"sql: database is closed", "connection refused", "failed to connect", "conn closed",
		"the database system is shutting down", "the database system is starting up", "terminating connection",
		"unexpected EOF", "broken pipe"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
