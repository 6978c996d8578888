package models

import (
	"context"

	"gorm.io/gorm"
)

// txKey marks the transaction a context carries (see InTx).
type txKey struct{}

// InTx runs fn with a context that carries one transaction. Store methods that write with
// that context join it (a method's own transaction becomes a savepoint within it), so writes
// made by different packages, such as a review and the notices announcing it, commit together
// or not at all. Inside fn, call only store methods that write or that say they join it:
// on SQLite the transaction holds the one connection.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return mapErr(s.conn(ctx).Transaction(func(tx *gorm.DB) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	}))
}

// conn is the transaction ctx carries, or the pool when it carries none.
func (s *Store) conn(ctx context.Context) *gorm.DB {
	if tx, ok := ctx.Value(txKey{}).(*gorm.DB); ok {
		return tx.WithContext(ctx)
	}
	return s.db.WithContext(ctx)
}

// reader is for read-only work that need not see the caller's latest writes (statements,
// exports, item analysis, dashboards): the transaction ctx carries, else a replica that is up
// and within the maximum lag, else the primary. Everything else reads through conn, on the
// primary, so that a caller always reads what they wrote.
func (s *Store) reader(ctx context.Context) *gorm.DB {
	if s.readDB == nil || ctx.Value(txKey{}) != nil {
		return s.conn(ctx)
	}
	return s.readDB.WithContext(ctx)
}

// ReplicasInUse counts the database replicas that read-only work goes to now: those that
// answer and are within the maximum lag.
func (s *Store) ReplicasInUse() int {
	if s.replicas == nil {
		return 0
	}
	return s.replicas.inUse()
}
