package testenv

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

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

// FoldItemSums adds every queued item-sum change to the item sums, waiting for a fold the
// server has in flight, so that a test may read the sums' tables themselves.
func (e *Env) FoldItemSums() {
	e.T.Helper()
	for e.Scalar("SELECT COUNT(*) FROM item_sum_changes") != "0" {
		if _, err := e.App.Store.FoldItemSums(context.Background(), 1000); err != nil {
			e.T.Fatalf("testenv: fold item sums: %v", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
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

// Cell is one stored value: its table, its column and the value as text.
type Cell struct {
	Table, Column, Value string
}

// Dump reads every column of every row of every table of the app's database, the tables
// listed from the database's own catalogue, and returns each value that is not NULL as text
// (bytes as they are, times in RFC 3339). Tests of erasure search it.
func (e *Env) Dump() []Cell {
	e.T.Helper()
	list := "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
	if e.Config.DatabaseURL != "" {
		list = "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
	}
	db, list := e.open(list)
	defer db.Close()
	rows, err := db.Query(list)
	if err != nil {
		e.T.Fatalf("testenv: list tables: %v", err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			e.T.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	var out []Cell
	for _, table := range tables {
		out = append(out, e.dumpTable(db, table)...)
	}
	return out
}

func (e *Env) dumpTable(db *sql.DB, table string) []Cell {
	e.T.Helper()
	rows, err := db.Query(`SELECT * FROM "` + table + `"`)
	if err != nil {
		e.T.Fatalf("testenv: read %s: %v", table, err)
	}
	defer rows.Close()
	columns, err := rows.Columns()
	if err != nil {
		e.T.Fatal(err)
	}
	var out []Cell
	for rows.Next() {
		values := make([]any, len(columns))
		ptrs := make([]any, len(columns))
		for i := range values {
			ptrs[i] = &values[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			e.T.Fatalf("testenv: read %s: %v", table, err)
		}
		for i, v := range values {
			var text string
			switch v := v.(type) {
			case nil:
				continue
			case []byte:
				text = string(v)
			case string:
				text = v
			case time.Time:
				text = v.Format(time.RFC3339Nano)
			default:
				text = fmt.Sprint(v)
			}
			out = append(out, Cell{Table: table, Column: columns[i], Value: text})
		}
	}
	if err := rows.Err(); err != nil {
		e.T.Fatalf("testenv: read %s: %v", table, err)
	}
	return out
}
