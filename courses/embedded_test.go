package courses

import (
	"testing"

	"tandem/quizzes"
)

// TestEmbeddedCatalogLoads checks that the shipped curricula load and have the size the
// course design asks for. It fails while the authors are still writing them.
func TestEmbeddedCatalogLoads(t *testing.T) {
	c, err := Load(Embedded())
	if err != nil {
		t.Fatalf("the embedded catalogue does not load:\n%v", err)
	}
	if len(c.Tracks) != 2 {
		t.Errorf("%d tracks, want 2", len(c.Tracks))
	}
	for _, tr := range c.Tracks {
		if len(tr.Modules) != 8 {
			t.Errorf("track %s: %d modules, want 8", tr.Slug, len(tr.Modules))
		}
		for _, m := range tr.Modules {
			if n := len(m.Lessons); n < 3 || n > 5 {
				t.Errorf("module %s: %d lessons, want 3 to 5", m.Slug, n)
			}
			checkQuizSize(t, m.Quiz)
		}
	}
	if n := len(c.Glossary()); n < 60 {
		t.Errorf("%d glossary terms, want at least 60", n)
	}
	if n := len(c.CaseStudies()); n < 8 {
		t.Errorf("%d case studies, want at least 8", n)
	}
	if n := len(c.Exercises()); n < 4 {
		t.Errorf("%d exercises, want at least 4", n)
	}
}

// checkQuizSize wants at least 8 questions of at least 4 types, one of them a judgement.
func checkQuizSize(t *testing.T, q *Quiz) {
	t.Helper()
	types := map[quizzes.Type]bool{}
	for _, qu := range q.Questions {
		types[qu.Type] = true
	}
	if len(q.Questions) < 8 || len(types) < 4 || !types[quizzes.Judgement] {
		t.Errorf("quiz %s: %d questions of %d types (judgement: %v), want >= 8 of >= 4 types with a judgement",
			q.Slug, len(q.Questions), len(types), types[quizzes.Judgement])
	}
}
