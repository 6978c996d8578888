package models

import (
	"context"
	"database/sql"

	"gorm.io/gorm"
	"gorm.io/plugin/dbresolver"
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

// readSnapshot runs fn in one read-only transaction of reader's, so that its reads see one
// snapshot: on PostgreSQL a REPEATABLE READ one, on a replica when reader would choose one (the
// replica is chosen as the transaction begins, not when the handle was made). When the replica
// fails partway, fn runs again on the primary, so it must start afresh each time. Inside the
// transaction ctx carries, fn runs in a savepoint of it.
func (s *Store) readSnapshot(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if !s.postgres || ctx.Value(txKey{}) != nil {
		return s.conn(ctx).Transaction(fn)
	}
	opts := &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
	if s.readDB == nil {
		return s.db.WithContext(ctx).Transaction(fn, opts)
	}
	err := s.readDB.WithContext(ctx).Clauses(dbresolver.Read).Transaction(fn, opts)
	if isReplicaFailure(err) {
		return s.db.WithContext(ctx).Transaction(fn, opts)
	}
	return err
}

// readPlanned is readSnapshot for reads whose best plan depends on their arguments (a
// cohort's size, a page's limit and offset): on PostgreSQL each statement is planned for its
// own. A plan made once for any arguments, the generic plan PostgreSQL may keep for a prepared
// statement after five runs on a connection, has to guess (a tenth of the rows for any LIMIT, a
// few for any quiz) and can read every learner for a page of a hundred, or join every attempt
// to every member one pair at a time: seconds where the planned read takes milliseconds.
func (s *Store) readPlanned(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.readSnapshot(ctx, func(tx *gorm.DB) error {
		if s.postgres {
			if err := tx.Exec("SET LOCAL plan_cache_mode = force_custom_plan").Error; err != nil {
				return err
			}
		}
		return fn(tx)
	})
}

// ReplicasInUse counts the database replicas that read-only work goes to now: those that
// answer and are within the maximum lag.
func (s *Store) ReplicasInUse() int {
	if s.replicas == nil {
		return 0
	}
	return s.replicas.inUse()
}
