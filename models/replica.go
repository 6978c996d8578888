package models

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/plugin/dbresolver"
)

// replicas sends the reads that ask for it (Store.reader) to PostgreSQL streaming replicas
// that answer and are caught up, and to the primary when none is. It is the dbresolver
// Policy of the reader handle: dbresolver offers it every replica and, last, the primary.
type replicas struct {
	primary *sql.DB
	pools   []*replicaPool
	maxLag  time.Duration
	every   time.Duration
	next    atomic.Uint64
	log     *slog.Logger
	stop    context.CancelFunc
	done    chan struct{}
}

// openReplicas opens a pool for each of opts.ReplicaURLs (no connection is made yet: a
// replica that is down at start is skipped, not fatal) and, with cfg, the reader handle of
// the primary that routes reads to them; and starts checking them.
func openReplicas(primary *sql.DB, cfg *gorm.Config, opts Options) (*replicas, *gorm.DB, error) {
	maxLag := opts.ReplicaMaxLag
	if maxLag <= 0 {
		maxLag = 5 * time.Second
	}
	r := &replicas{primary: primary, maxLag: maxLag, every: min(max(maxLag/4, 50*time.Millisecond), time.Second),
		log: baseLogger(opts.Logger), done: make(chan struct{})}
	dialectors := make([]gorm.Dialector, 0, len(opts.ReplicaURLs)+1)
	for _, u := range opts.ReplicaURLs {
		conf, err := pgx.ParseConfig(u)
		if err != nil {
			r.closePools()
			return nil, nil, fmt.Errorf("replica URL: %w", err)
		}
		if conf.ConnectTimeout == 0 {
			// A replica that does not answer costs a read this long before the primary runs it.
			conf.ConnectTimeout = 2 * time.Second
		}
		db := stdlib.OpenDB(*conf)
		db.SetMaxOpenConns(max(opts.MaxConns, 1))
		db.SetMaxIdleConns(max(opts.MaxConns, 1))
		db.SetConnMaxIdleTime(5 * time.Minute)
		p := &replicaPool{name: replicaName(u), db: db, primary: primary, set: r}
		r.pools = append(r.pools, p)
		dialectors = append(dialectors, postgres.New(postgres.Config{Conn: p}))
	}
	// The primary is offered last so that dbresolver asks the policy even with one replica.
	dialectors = append(dialectors, postgres.New(postgres.Config{Conn: primary}))
	reader, err := gorm.Open(postgres.New(postgres.Config{Conn: primary}), cfg)
	if err == nil {
		err = reader.Use(dbresolver.Register(dbresolver.Config{Replicas: dialectors, Policy: r}))
	}
	if err != nil {
		r.closePools()
		return nil, nil, fmt.Errorf("replica resolver: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	r.stop = cancel
	go r.watch(ctx)
	return r, reader.Clauses(dbresolver.Read).Session(&gorm.Session{}), nil
}

// replicaName is a replica's host and port, which logs name it by (never its password).
func replicaName(u string) string {
	if parsed, err := url.Parse(u); err == nil {
		return parsed.Host
	}
	return "replica"
}

// Resolve picks the next healthy replica in turn, or the primary when none is.
func (r *replicas) Resolve(pools []gorm.ConnPool) gorm.ConnPool {
	start := r.next.Add(1)
	for i := range pools {
		if p, ok := pools[(int(start)+i)%len(pools)].(*replicaPool); ok && p.healthy.Load() {
			return p
		}
	}
	return r.primary
}

// inUse counts the replicas reads go to now.
func (r *replicas) inUse() int {
	n := 0
	for _, p := range r.pools {
		if p.healthy.Load() {
			n++
		}
	}
	return n
}

// watch checks the replicas now and then every r.every until ctx ends.
func (r *replicas) watch(ctx context.Context) {
	defer close(r.done)
	tick := time.NewTicker(r.every)
	defer tick.Stop()
	for {
		r.check(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// checkTimeout bounds each question a check asks, so that a busy server is not taken for a
// replica that is down, nor a replica that hangs holds up the others' checks for long.
const checkTimeout = 5 * time.Second

// check samples the primary's WAL position, then asks each replica how far it has replayed.
// A replica is caught up enough when it has replayed what the primary had written maxLag ago.
// When the primary does not answer, the replicas keep their state: there is nothing to
// compare them with.
func (r *replicas) check(ctx context.Context) {
	now := time.Now() // before asking: the position read is at least the one at now
	primaryCtx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	var lsn int64
	if err := r.primary.QueryRowContext(primaryCtx, "SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::bigint").Scan(&lsn); err != nil {
		return
	}
	for _, p := range r.pools {
		p.observe(ctx, walSample{at: now, lsn: lsn}, r.maxLag)
	}
}

// close stops the checks and closes the replicas' pools.
func (r *replicas) close() {
	r.stop()
	<-r.done
	r.closePools()
}

func (r *replicas) closePools() {
	for _, p := range r.pools {
		_ = p.db.Close()
	}
}

// walSample is the primary's WAL position at a moment.
type walSample struct {
	at  time.Time
	lsn int64
}

// observe records the primary's position and decides whether the replica may serve reads:
// it must answer, be a standby, and have replayed the oldest position sampled within
// maxLag. Only watch calls it, so samples needs no lock.
func (p *replicaPool) observe(ctx context.Context, s walSample, maxLag time.Duration) {
	p.samples = append(p.samples, s)
	for len(p.samples) > 1 && s.at.Sub(p.samples[0].at) > maxLag {
		p.samples = p.samples[1:]
	}
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	var replayed sql.NullInt64
	err := p.db.QueryRowContext(ctx, "SELECT (pg_last_wal_replay_lsn() - '0/0'::pg_lsn)::bigint").Scan(&replayed)
	switch {
	case errors.Is(err, context.Canceled):
		return // the server is stopping
	case err != nil:
		p.mark(false, "down", err)
	case !replayed.Valid:
		p.mark(false, "not a standby", nil)
	case replayed.Int64 < p.samples[0].lsn:
		p.mark(false, "lagging more than "+maxLag.String(), nil)
	default:
		p.mark(true, "caught up", nil)
	}
}

// mark records whether the replica serves reads and logs each change.
func (p *replicaPool) mark(healthy bool, why string, err error) {
	if p.healthy.Swap(healthy) == healthy {
		return
	}
	attrs := []any{"replica", p.name, "state", why}
	if err != nil {
		attrs = append(attrs, "err", err.Error())
	}
	if healthy {
		p.set.log.Info("database replica serves reads", attrs...)
		return
	}
	p.set.log.Warn("database replica skipped: reads go to the primary", attrs...)
}
