package courses

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// sampleFS copies testdata/sample into memory so that a test can change it.
func sampleFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	root := os.DirFS("testdata/sample")
	err := fs.WalkDir(root, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(root, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// edit replaces old with new in a file of m, failing if old is not there.
func edit(t testing.TB, m fstest.MapFS, file, old, new string) {
	t.Helper()
	f, ok := m[file]
	if !ok {
		t.Fatalf("no file %s", file)
	}
	if !strings.Contains(string(f.Data), old) {
		t.Fatalf("%s does not contain %q", file, old)
	}
	m[file] = &fstest.MapFile{Data: []byte(strings.Replace(string(f.Data), old, new, 1))}
}

// mustLoad loads fsys and fails the test with every problem if it does not load.
func mustLoad(t testing.TB, fsys fs.FS) *Catalog {
	t.Helper()
	c, err := Load(fsys)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c
}

// lessonHTML loads m and returns the HTML of one lesson.
func lessonHTML(t testing.TB, m fstest.MapFS, slug string) string {
	t.Helper()
	les, ok := mustLoad(t, m).Lesson(slug)
	if !ok {
		t.Fatalf("no lesson %s", slug)
	}
	return les.HTML
}

const (
	evalLesson = "tracks/clinicians/clin-evaluation/01-part-1.md"
	evalModule = "tracks/clinicians/clin-evaluation/module.yaml"
	evalQuiz   = "tracks/clinicians/clin-evaluation/quiz.yaml"
	exercise   = "exercises/early-warning-spec.md"
	caseStudy  = "case-studies/sepsis-model.md"
)
