package testenv

import (
	"database/sql"
	"path/filepath"
	"strconv"
	"strings"

	_ "github.com/glebarez/go-sqlite" // database/sql driver "sqlite" for fixtures on SQLite
)

// Exec runs a statement on the app's database through a connection of its own, for fixtures
// the API cannot create (a deadline in the past). Placeholders are written `?`; on PostgreSQL
// they become $1, $2, ...
func (e *Env) Exec(query string, args ...any) {
	e.T.Helper()
	db, query := e.open(query)
	defer db.Close()
	if _, err := db.Exec(query, args...); err != nil {
		e.T.Fatalf("testenv: exec %q: %v", query, err)
	}
}

// Scalar runs a query that returns one value and returns it as text, to check what is stored.
func (e *Env) Scalar(query string, args ...any) string {
	e.T.Helper()
	db, query := e.open(query)
	defer db.Close()
	var v sql.NullString
	if err := db.QueryRow(query, args...).Scan(&v); err != nil {
		e.T.Fatalf("testenv: query %q: %v", query, err)
	}
	return v.String
}

func (e *Env) open(query string) (*sql.DB, string) {
	driver, dsn := "pgx", e.Config.DatabaseURL
	if dsn == "" {
		driver, dsn = "sqlite", "file:"+filepath.Join(e.Config.DataDir, "tandem.db")+"?_pragma=busy_timeout(10000)"
	} else {
		var b strings.Builder
		n := 0
		for _, r := range query {
			if r == '?' {
				n++
				b.WriteString("$" + strconv.Itoa(n))
				continue
			}
			b.WriteRune(r)
		}
		query = b.String()
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		e.T.Fatalf("testenv: open %s: %v", driver, err)
	}
	return db, query
}
