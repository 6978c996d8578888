package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"tandem/quizzes"
)

func TestImportGIFTPrintsWhatItLeftOut(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "bank.gift")
	gift := "::ok::Fine?{T#No.#Yes.}\n\n::essay::Discuss.{}\n\nA description.\n\n::bad::Q{#abc}\n\n::pick::Which?{=a#A. ~b}\n"
	if err := os.WriteFile(src, []byte(gift), 0o644); err != nil {
		t.Fatal(err)
	}
	var out, report bytes.Buffer
	if err := importGIFT(&out, &report, []string{src, "--module", "clin-data"}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		src + ":3: explanation to add: question essay: write the marking rubric",
		src + ":5: not imported: a description",
		src + ":7: not imported: a numeric answer is written value:tolerance",
		src + ":9: explanation to add: question pick: add an explanation to option b",
		src + ": imported 3 questions, left out 2",
	} {
		if !strings.Contains(report.String(), want) {
			t.Errorf("the report lacks %q:\n%s", want, report.String())
		}
	}
	var q quizzes.Quiz
	if err := yaml.Unmarshal(out.Bytes(), &q); err != nil || len(q.Questions) != 3 || q.Questions[1].Type != quizzes.Reflection || q.Slug != "clin-data-quiz" {
		t.Fatalf("quiz %+v: %v\n%s", q, err, out.String())
	}

	description := filepath.Join(dir, "description.gift")
	if err := os.WriteFile(description, []byte("Only a description.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	report.Reset()
	err := importGIFT(&out, &report, []string{description, "--module", "clin-data"})
	if err == nil || !strings.Contains(report.String(), description+":1: not imported: a description") {
		t.Fatalf("nothing to import: %v\n%s", err, report.String())
	}
}
