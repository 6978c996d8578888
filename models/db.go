// Package models holds Tandem's gorm models, opens the database (PostgreSQL or embedded
// SQLite) and runs the versioned migrations. Store methods are the only place that builds
// queries.
package models

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
)

// Options says which database to open and how.
type Options struct {
	// URL is a postgres:// or postgresql:// URL; empty opens SQLite at SQLitePath.
	URL        string
	SQLitePath string
	MaxConns   int
	// ReplicaURLs are PostgreSQL streaming replicas of URL that read-only work may use (see
	// Store.reader); ReplicaMaxLag is how far behind the primary one may be and still serve.
	ReplicaURLs   []string
	ReplicaMaxLag time.Duration
	// Logger receives slow and failed statements of work that no request started; a
	// request's own logger (package logs) receives its own.
	Logger *slog.Logger
	// SlowQuery is how long a statement may take before it is logged; 0 logs none.
	SlowQuery time.Duration
	// BaseURL is the instance's base URL, which the statements of learning events name.
	BaseURL string
	// Statements builds the statement of each event the store records; a store that records
	// none (tandem migrate) may leave it nil.
	Statements StatementBuilder
	// LimitSecret keys the hashes that rate-limit keys are stored as. Servers sharing a
	// database must share it to share their counts; empty, a random one is made, which suits
	// a store that counts nothing (tandem migrate).
	LimitSecret []byte
}

// Store is Tandem's data access layer. It is safe for concurrent use.
type Store struct {
	db       *gorm.DB
	postgres bool
	// readDB routes reads through replicas (nil without them); see reader.
	readDB     *gorm.DB
	replicas   *replicas
	baseURL    string
	statements StatementBuilder
	// limitSecret keys the stored form of rate-limit keys (see limitKey).
	limitSecret []byte
	// starts and submits group concurrent quiz starts and submissions (see groupMax).
	starts  groupQueue[*startJob]
	submits groupQueue[*submitJob]
}

func baseLogger(l *slog.Logger) *slog.Logger {
	if l == nil {
		return slog.New(slog.DiscardHandler)
	}
	return l
}

// Open connects to the database named by opts. It does not migrate.
func Open(ctx context.Context, opts Options) (*Store, error) {
	cfg := gormConfig(opts)
	var (
		dial     gorm.Dialector
		postgres bool
	)
	switch {
	case isPostgresURL(opts.URL):
		dial, postgres = postgresDialector(opts.URL), true
	case opts.URL != "":
		return nil, fmt.Errorf("database URL must start with postgres:// or postgresql://")
	case len(opts.ReplicaURLs) > 0:
		return nil, fmt.Errorf("database replicas need a PostgreSQL primary: the embedded SQLite has none")
	default:
		if dir := filepath.Dir(opts.SQLitePath); dir != "" {
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return nil, fmt.Errorf("create data directory: %w", err)
			}
		}
		dial = sqlite.Open(sqliteDSN(opts.SQLitePath))
	}
	db, err := gorm.Open(dial, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	if postgres {
		sqlDB.SetMaxOpenConns(max(opts.MaxConns, 1))
		sqlDB.SetMaxIdleConns(max(opts.MaxConns, 1))
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
	} else {
		// SQLite allows one writer; one connection serialises writes without SQLITE_BUSY.
		sqlDB.SetMaxOpenConns(1)
	}
	pingCtx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	if err := sqlDB.PingContext(pingCtx); err != nil {
		_ = sqlDB.Close()
		return nil, fmt.Errorf("reach database: %w", err)
	}
	secret := opts.LimitSecret
	if len(secret) == 0 {
		secret = make([]byte, 32)
		_, _ = rand.Read(secret)
	}
	s := &Store{db: db, postgres: postgres, baseURL: opts.BaseURL, statements: opts.Statements, limitSecret: secret}
	if len(opts.ReplicaURLs) > 0 {
		if s.replicas, s.readDB, err = openReplicas(sqlDB, gormConfig(opts), opts); err != nil {
			_ = sqlDB.Close()
			return nil, err
		}
	}
	return s, nil
}

// gormConfig is how Tandem uses gorm (see STYLE.md: no default transaction).
func gormConfig(opts Options) *gorm.Config {
	return &gorm.Config{
		SkipDefaultTransaction: true,
		TranslateError:         true,
		Logger:                 queryLog{base: baseLogger(opts.Logger), slow: opts.SlowQuery},
		NowFunc:                func() time.Time { return time.Now().UTC() },
	}
}

func isPostgresURL(u string) bool {
	return strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://")
}

func postgresDialector(dsn string) gorm.Dialector {
	return postgres.New(postgres.Config{DSN: dsn})
}

// sqliteDSN opens the embedded database in WAL mode, and begins every transaction with the
// write lock (BEGIN IMMEDIATE), waiting up to the busy timeout for it: another process on the
// same file (a second server in a test, `tandem rebuild-summaries` beside a server) then makes a
// transaction wait its turn, where one that read first and wrote later would be refused at once.
// Within a process the one connection serialises transactions anyway.
func sqliteDSN(path string) string {
	q := url.Values{}
	for _, p := range []string{"journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)", "busy_timeout(10000)"} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Dialect names the database engine: "postgres" or "sqlite".
func (s *Store) Dialect() string {
	if s.postgres {
		return "postgres"
	}
	return "sqlite"
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	if err := sqlDB.PingContext(ctx); err != nil {
		return errors.Join(ErrUnavailable, err)
	}
	return nil
}

// Close closes the connection pools.
func (s *Store) Close() error {
	if s.replicas != nil {
		s.replicas.close()
	}
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

// tx runs fn in one transaction, or in a savepoint of the one ctx carries (see InTx); the
// error of fn rolls it back.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return mapErr(s.conn(ctx).Transaction(fn))
}

// rawInto runs a raw statement and reads what it returns into dest, as Raw(query,
// args...).Scan(dest) does, without what gorm's Scan adds to every call: it spells the statement
// out with its values for its log, whether or not anything is logged.
func rawInto(db *gorm.DB, dest any, query string, args ...any) error {
	return db.Raw(query, args...).Find(dest).Error
}

// scanRows runs q and calls each for every row.
func scanRows(q *gorm.DB, each func(*sql.Rows) error) error {
	rows, err := q.Rows()
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}
