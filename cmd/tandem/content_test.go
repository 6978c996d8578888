package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestContentCheckWarnsAndFailsOnOverdueReview: warnings are printed per file without failing
// the check; a module past its next review fails it.
func TestContentCheckWarnsAndFailsOnOverdueReview(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("../../testenv/catalog")); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := contentCheckOn(&out, []string{dir}, time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatalf("content check: %v\n%s", err, &out)
	}
	lesson := "tracks/clinicians/clin-evaluation/02-part-2.md:4: warning: minutes: 15 stated, but the text takes about 1"
	if !strings.Contains(out.String(), lesson) || !strings.Contains(out.String(), "8 warning(s)\n") || !strings.Contains(out.String(), " is valid: ") {
		t.Errorf("output:\n%s", &out)
	}

	out.Reset()
	err := contentCheckOn(&out, []string{dir}, time.Date(2027, 12, 5, 0, 0, 0, 0, time.UTC))
	module := filepath.Join("tracks", "clinicians", "clin-evaluation", "module.yaml") + ":16: review overdue: the next review was due on 2027-12-05"
	if err == nil || !strings.Contains(err.Error(), "has 4 problem(s) and 8 warning(s)") || !strings.Contains(out.String(), module) {
		t.Errorf("an overdue review: %v\n%s", err, &out)
	}
}
