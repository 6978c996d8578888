package main

import (
	"database/sql"
	"time"
)

// vacuum stands in for autovacuum when the server's PostgreSQL has it turned off, as some test
// machines do: before a phase that writes, it runs VACUUM (ANALYZE) on the server's database,
// as pgbench vacuums its tables before its run. Otherwise the row versions one phase leaves
// behind slow the next, which never happens on a PostgreSQL with autovacuum on (the default).
// With autovacuum on, or no -db, it does nothing.
func (r *Runner) vacuum(before string) {
	if r.cfg.DB == "" || r.autovacuum == "on" {
		return
	}
	db, err := sql.Open("pgx", r.cfg.DB)
	if err != nil {
		r.logf("vacuum before %s: %v", before, err)
		return
	}
	defer db.Close()
	if r.autovacuum == "" {
		if err := db.QueryRowContext(r.ctx, "SHOW autovacuum").Scan(&r.autovacuum); err != nil {
			r.logf("vacuum before %s: %v", before, err)
			return
		}
		if r.autovacuum == "on" {
			return
		}
		r.report.Notes = append(r.report.Notes, "autovacuum is off on this PostgreSQL: the load tool ran VACUUM (ANALYZE) on the server's database before each writing phase, as autovacuum would have")
	}
	start := time.Now()
	if _, err := db.ExecContext(r.ctx, "VACUUM (ANALYZE)"); err != nil {
		r.logf("vacuum before %s: %v", before, err)
		return
	}
	r.logf("vacuumed the server's database before %s in %.1f s (autovacuum is off)", before, time.Since(start).Seconds())
}
