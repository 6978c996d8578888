// Package spreadsheet writes CSV that opens cleanly in spreadsheet programs and cannot be used
// for formula injection.
package spreadsheet

import (
	"encoding/csv"
	"io"
	"strings"
)

// Writer writes CSV rows, escaping every cell that a spreadsheet would treat as a formula.
type Writer struct{ w *csv.Writer }

// NewWriter returns a Writer on w. It starts with a UTF-8 byte-order mark so that Excel reads
// accented names correctly.
func NewWriter(w io.Writer) (*Writer, error) {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	return &Writer{w: cw}, nil
}

// Write writes one row.
func (w *Writer) Write(cells ...string) error {
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = Escape(c)
	}
	return w.w.Write(row)
}

// Flush writes buffered rows and reports any error.
func (w *Writer) Flush() error {
	w.w.Flush()
	return w.w.Error()
}

// Escape neutralises a cell that starts with a character spreadsheets read as the start of a
// formula (= + - @, tab, carriage return) by prefixing a single quote, as OWASP recommends.
func Escape(cell string) string {
	if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
		return "'" + cell
	}
	return cell
}
