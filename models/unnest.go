package models

import (
	"strings"

	"github.com/jackc/pgx/v5/pgtype"
	"gorm.io/gorm"
)

// pgArray is a column of values sent to PostgreSQL as one array parameter. It is a struct, so
// that gorm passes it on as one value instead of spreading it into a list, around an array
// pgx encodes.
type pgArray[T any] struct{ pgtype.FlatArray[T] }

// column is one column of the rows unnest makes: its name, its PostgreSQL type and its values,
// one per row.
type column struct {
	name, sqlType string
	values        any // a pgArray
}

// columnOf builds a column from n rows, reading row i's value with value.
func columnOf[T any](name, sqlType string, n int, value func(i int) T) column {
	values := make(pgtype.FlatArray[T], n)
	for i := range values {
		values[i] = value(i)
	}
	return column{name: name, sqlType: sqlType, values: pgArray[T]{values}}
}

// insertRows inserts rows into table on PostgreSQL in one statement whose text does not depend
// on how many rows there are: each column is one array, and unnest makes the rows of them. Its
// text is parsed once per connection and its plan reused, where a VALUES list of n rows is a
// statement of its own for every n, parsed and planned afresh nearly every time it is used.
// suffix follows the SELECT (an ON CONFLICT clause, say).
func insertRows(tx *gorm.DB, table, suffix string, columns ...column) error {
	names, rows, args := unnest(columns...)
	return tx.Exec("INSERT INTO "+table+" ("+names+") "+rows+suffix, args...).Error
}

// unnest gives the columns' names, a SELECT of the rows they make, and its arguments.
func unnest(columns ...column) (names, rows string, args []any) {
	list, arrays := make([]string, len(columns)), make([]string, len(columns))
	args = make([]any, len(columns))
	for i, c := range columns {
		list[i], arrays[i], args[i] = c.name, "CAST(? AS "+c.sqlType+"[])", c.values
	}
	return strings.Join(list, ", "), "SELECT * FROM unnest(" + strings.Join(arrays, ", ") + ")", args
}

// oneOf is the condition that expr is one of values, and its argument: on PostgreSQL one array,
// so that the statement's text is the same however many values there are (see insertRows);
// on SQLite a list.
func oneOf(tx *gorm.DB, expr string, values []string) (string, any) {
	if isPostgres(tx) {
		return expr + " = ANY(CAST(? AS text[]))", pgArray[string]{values}
	}
	return expr + " IN ?", values
}

func isPostgres(tx *gorm.DB) bool { return tx.Dialector.Name() == "postgres" }
