package courses

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"
)

// checkTableHeaders reports every table of a parsed text whose header row has a cell with
// nothing to read: a screen reader announces that column's header as blank, so a learner
// listening cannot tell what the column holds. A first column of row labels needs a header
// too ("Measure", "Test result"). lineAt maps a line of src (0 for the first) to the file.
func (l *loader) checkTableHeaders(file string, doc ast.Node, src []byte, lineAt func(line int) int) {
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		header, ok := n.(*east.TableHeader)
		if !entering || !ok {
			return ast.WalkContinue, nil
		}
		var blank []string
		column := 0
		for c := header.FirstChild(); c != nil; c = c.NextSibling() {
			column++
			if !readable(plainText(c, src)) {
				blank = append(blank, fmt.Sprint(column))
			}
		}
		if len(blank) > 0 {
			l.problem(file, lineAt(bytes.Count(src[:max(header.Pos(), 0)], []byte("\n"))),
				"table header: %s empty; screen readers announce it as a blank column header, so label every column (row labels too)",
				columnList(blank))
		}
		return ast.WalkSkipChildren, nil
	})
}

// readable reports whether a cell's text has something to read aloud once its entities are
// resolved: a visible character that is not a space (&nbsp; or &#8203; alone labels nothing).
func readable(s string) bool {
	s = string(util.ResolveNumericReferences(util.ResolveEntityNames([]byte(s))))
	return strings.IndexFunc(s, func(r rune) bool { return unicode.IsGraphic(r) && !unicode.IsSpace(r) }) >= 0
}

// columnList names columns by number: "column 1 is", "columns 1 and 3 are".
func columnList(cols []string) string {
	if len(cols) == 1 {
		return "column " + cols[0] + " is"
	}
	return "columns " + strings.Join(cols[:len(cols)-1], ", ") + " and " + cols[len(cols)-1] + " are"
}
