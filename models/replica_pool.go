package models

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"strings"
	"sync/atomic"

	"github.com/jackc/pgx/v5/pgconn"
	"gorm.io/gorm"
)

// replicaPool is one replica's connections as gorm sees them. A statement the replica cannot
// run because it is unreachable, shutting down or cancelled the read to replay WAL is run
// once more on the primary, and the replica is skipped until the next check finds it well:
// a read never fails because a replica did.
type replicaPool struct {
	name    string
	db      *sql.DB
	primary *sql.DB
	set     *replicas
	healthy atomic.Bool
	samples []walSample
}

var _ gorm.ConnPool = (*replicaPool)(nil)

// PrepareContext prepares on the replica; Tandem does not prepare statements through gorm.
func (p *replicaPool) PrepareContext(ctx context.Context, query string) (*sql.Stmt, error) {
	return p.db.PrepareContext(ctx, query)
}

// ExecContext runs a statement that returns no rows, on the primary if the replica fails.
func (p *replicaPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	res, err := p.db.ExecContext(ctx, query, args...)
	if p.failedOver(err) {
		return p.primary.ExecContext(ctx, query, args...)
	}
	return res, err
}

// QueryContext runs a query, on the primary if the replica fails.
func (p *replicaPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	rows, err := p.db.QueryContext(ctx, query, args...)
	if p.failedOver(err) {
		return p.primary.QueryContext(ctx, query, args...)
	}
	return rows, err
}

// QueryRowContext runs a query for one row, on the primary if the replica fails.
func (p *replicaPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	row := p.db.QueryRowContext(ctx, query, args...)
	if p.failedOver(row.Err()) {
		return p.primary.QueryRowContext(ctx, query, args...)
	}
	return row
}

// BeginTx begins a transaction on the replica, on the primary if the replica fails (see
// readSnapshot for one that fails later).
func (p *replicaPool) BeginTx(ctx context.Context, opts *sql.TxOptions) (*sql.Tx, error) {
	tx, err := p.db.BeginTx(ctx, opts)
	if p.failedOver(err) {
		return p.primary.BeginTx(ctx, opts)
	}
	return tx, err
}

// failedOver reports whether err is the replica's failure rather than the statement's, and
// then takes the replica out of use.
func (p *replicaPool) failedOver(err error) bool {
	if err == nil || !isReplicaFailure(err) {
		return false
	}
	p.mark(false, "failed a read", err)
	return true
}

// isReplicaFailure reports whether err says the server could not run the statement rather
// than that the statement is wrong: no connection, a connection lost, a server shutting down
// or starting (SQLSTATE class 08, 57P01-57P03), or a read cancelled for a conflict with
// recovery (40001 on a standby).
func isReplicaFailure(err error) bool {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return strings.HasPrefix(pgErr.Code, "08") || pgErr.Code == "40001" ||
			pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	}
	var connectErr *pgconn.ConnectError
	var netErr net.Error
	return errors.As(err, &connectErr) || errors.As(err, &netErr) || errors.Is(err, driver.ErrBadConn) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || pgconn.SafeToRetry(err)
}
