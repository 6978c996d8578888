package courses

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestTableHeadersAreLabelled: a table whose header row has an empty cell is a problem at the
// header's line, in a lesson and in its translations alike; a labelled table, and a table
// shown as code, are not.
func TestTableHeadersAreLabelled(t *testing.T) {
	const fenced = "```\n| | Sensitivity | Specificity |\n| --- | --- | --- |\n| A | 0.9 | 0.8 |\n```\n\n## What your counterparts learn"
	for _, tc := range []struct {
		name           string
		catalogue      func(testing.TB) fstest.MapFS
		file, old, new string
		want           string // the problem, or "" for none about table headers
	}{
		{"empty first header cell", sampleFS, evalLesson, "| measure |", "| |",
			evalLesson + ":15: table header: column 1 is empty; screen readers announce it as a blank column header"},
		{"non-breaking space and nothing", sampleFS, evalLesson, "| measure | question it answers |", "| &nbsp; | |",
			evalLesson + ":15: table header: columns 1 and 2 are empty"},
		{"translated lesson", overlayFS, frLesson, "| mesure |", "|   |",
			frLesson + ":10: table header: column 1 is empty"},
		{"labelled table", sampleFS, evalLesson, "| measure |", "| Measure |", ""},
		{"table inside a code fence", sampleFS, evalLesson, "## What your counterparts learn", fenced, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := tc.catalogue(t)
			edit(t, m, tc.file, tc.old, tc.new)
			var got []string
			for _, p := range Check(m) {
				if strings.Contains(p.Message, "table header") {
					got = append(got, p.String())
				}
			}
			switch {
			case tc.want == "" && len(got) > 0:
				t.Errorf("want no table header problem, got %q", got)
			case tc.want != "" && (len(got) != 1 || !strings.HasPrefix(got[0], tc.want)):
				t.Errorf("want exactly one problem starting\n  %s\ngot %q", tc.want, got)
			}
		})
	}
}
