package handlers

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"tandem/courses"
)

// copyFS copies the embedded catalogue into a map that a test can edit.
func copyFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(courses.Embedded(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(courses.Embedded(), path)
		m[path] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func pagesOf(t *testing.T, fsys fs.FS) catalogPages {
	t.Helper()
	cat, err := courses.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	p, err := buildCatalogPages(cat)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func editFile(t *testing.T, m fstest.MapFS, path, old, new string) {
	t.Helper()
	s := string(m[path].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s does not contain %q", path, old)
	}
	m[path] = &fstest.MapFile{Data: []byte(strings.Replace(s, old, new, 1))}
}

// A quiz's key must not show in any public catalogue answer, not even in an ETag: moving the
// right answer of a question to another option changes no page and no entity tag.
func TestCatalogPagesSayNothingOfQuizKeys(t *testing.T) {
	before := pagesOf(t, copyFS(t))
	rekeyed := copyFS(t)
	const quiz = "tracks/clinicians/clin-data/quiz.yaml"
	editFile(t, rekeyed, quiz, "so under-served patients look healthier\n        correct: true\n", "so under-served patients look healthier\n")
	editFile(t, rekeyed, quiz, "the team should collect a larger training sample first\n", "the team should collect a larger training sample first\n        correct: true\n")
	after := pagesOf(t, rekeyed)
	if len(before) != len(after) {
		t.Fatalf("%d pages before, %d after", len(before), len(after))
	}
	for key, p := range before {
		q := after[key]
		if string(p.body) != string(q.body) || p.etag != q.etag {
			t.Errorf("page %s changed when only a quiz key did", key)
		}
	}
}

// A lesson's entity tag follows what its answer shows, its neighbours included.
func TestLessonETagFollowsItsAnswer(t *testing.T) {
	before := pagesOf(t, copyFS(t))
	retitled := copyFS(t)
	editFile(t, retitled, "tracks/clinicians/clin-data/02-labels-ground-truth.md", "title: Labels", "title: Revised labels")
	after := pagesOf(t, retitled)
	prev := pageKey{"en", "lesson", "clin-data-sources"} // pages are keyed by language
	if _, ok := before[prev]; !ok {
		t.Fatalf("no page %s", prev)
	}
	if before[prev].etag == after[prev].etag {
		t.Error("the previous lesson shows the next one's title, so retitling it must change its ETag")
	}
}
