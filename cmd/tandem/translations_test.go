package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// translatedCatalog copies the test catalogue and the small translations of courses/testdata.
func translatedCatalog(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, src := range []string{"../../testenv/catalog", "../../courses/testdata/overlays"} {
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestContentCheckReportsTranslations: missing translations are counted per language and kind
// without failing the check; --translations lists each missing or stale file; a malformed
// overlay fails the check.
func TestContentCheckReportsTranslations(t *testing.T) {
	dir := translatedCatalog(t)
	quiz := filepath.Join(dir, "tracks/clinicians/clin-evaluation/quiz.yaml")
	src, _ := os.ReadFile(quiz)
	if err := os.WriteFile(quiz, bytes.Replace(src, []byte("Evaluation check"), []byte("Evaluation checkpoint"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	day := time.Date(2027, 1, 4, 0, 0, 0, 0, time.UTC)
	var out bytes.Buffer
	if err := contentCheckOn(&out, []string{"--translations", dir}, day); err != nil {
		t.Fatalf("content check: %v\n%s", err, &out)
	}
	for _, want := range []string{
		"fr     track        2        1      0        1",
		"fr      quiz        4        0      1        3",
		"de    module        4        1      0        3",
		"it  glossary        2        0      0        2",
		"fr stale   tracks/clinicians/clin-evaluation/quiz.yaml (tracks/clinicians/clin-evaluation/quiz.fr.yaml)",
		"de missing tracks/clinicians/clin-evaluation/01-part-1.md",
		"warning: stale translation",
		"is valid",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("missing %q in\n%s", want, &out)
		}
	}
	out.Reset()
	if err := contentCheckOn(&out, []string{dir}, day); err != nil || strings.Contains(out.String(), "de missing") {
		t.Errorf("without --translations: %v\n%s", err, &out)
	}
	lesson := filepath.Join(dir, "tracks/clinicians/clin-evaluation/01-part-1.fr.md")
	src, _ = os.ReadFile(lesson)
	if err := os.WriteFile(lesson, bytes.Replace(src, []byte("## "), []byte("### "), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	err := contentCheckOn(&out, []string{dir}, day)
	if err == nil || !strings.Contains(out.String(), "01-part-1.fr.md: headings differ from the source") {
		t.Errorf("malformed overlay: %v\n%s", err, &out)
	}
}
