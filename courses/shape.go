package courses

import (
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// shape is the structure of a Markdown text that a translation keeps: its headings' levels in
// order, and how many tables, lists and links it has.
type shape struct {
	headings []int
	tables   int
	lists    int
	links    int
}

// shapeOf measures a parsed document.
func shapeOf(doc ast.Node) shape {
	var s shape
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch h := n.(type) {
		case *ast.Heading:
			s.headings = append(s.headings, h.Level)
		case *east.Table:
			s.tables++
		case *ast.List:
			s.lists++
		case *ast.Link, *ast.AutoLink:
			s.links++
		}
		return ast.WalkContinue, nil
	})
	return s
}

// headingOutline writes heading levels as Markdown would start them: "## ### ##".
func headingOutline(levels []int) string {
	parts := make([]string, len(levels))
	for i, lv := range levels {
		parts[i] = strings.Repeat("#", lv)
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, " ")
}

// differences lists how a translation's shape t departs from its source's s. Headings and
// tables are the lesson's skeleton (problems); lists and links may be rewritten by a careful
// translator (warnings).
func (s shape) differences(t shape) (problems, warnings []string) {
	if !slices.Equal(s.headings, t.headings) {
		problems = append(problems, fmt.Sprintf("headings differ from the source: the source has %s, the translation %s",
			headingOutline(s.headings), headingOutline(t.headings)))
	}
	if s.tables != t.tables {
		problems = append(problems, fmt.Sprintf("the source has %d table(s), the translation %d", s.tables, t.tables))
	}
	if s.lists != t.lists {
		warnings = append(warnings, fmt.Sprintf("the source has %d list(s), the translation %d", s.lists, t.lists))
	}
	if s.links != t.links {
		warnings = append(warnings, fmt.Sprintf("the source has %d link(s), the translation %d", s.links, t.links))
	}
	return problems, warnings
}
