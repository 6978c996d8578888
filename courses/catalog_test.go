package courses

import (
	"os"
	"slices"
	"testing"
	"testing/fstest"

	"tandem/quizzes"
)

func TestSampleLoads(t *testing.T) {
	c := mustLoad(t, os.DirFS("testdata/sample"))
	counts := map[string][2]int{
		"tracks":       {len(c.Tracks), 2},
		"modules":      {len(c.Modules()), 4},
		"lessons":      {len(c.Lessons()), 8},
		"quizzes":      {len(c.Quizzes()), 4},
		"glossary":     {len(c.Glossary()), 4},
		"case studies": {len(c.CaseStudies()), 1},
		"exercises":    {len(c.Exercises()), 1},
	}
	for what, n := range counts {
		if n[0] != n[1] {
			t.Errorf("%s: got %d, want %d", what, n[0], n[1])
		}
	}
	if c.Tracks[0].Slug != "clinicians" || c.Tracks[0].Modules[1].Slug != "clin-deployment" {
		t.Errorf("tracks and modules out of order: %s, %s", c.Tracks[0].Slug, c.Tracks[0].Modules[1].Slug)
	}
	if m, _ := c.Module("clin-evaluation"); m.Minutes != 3 || len(m.Objectives) != 2 || m.Track != c.Tracks[0] {
		t.Errorf("clin-evaluation: minutes %d, objectives %d", m.Minutes, len(m.Objectives))
	}
	for _, name := range []string{"auroc", "early-warning-spec", "sepsis-model", "tech-safety-quiz", "technologists"} {
		_, t1 := c.Term(name)
		_, t2 := c.Exercise(name)
		_, t3 := c.CaseStudy(name)
		_, t4 := c.Quiz(name)
		_, t5 := c.Track(name)
		if !(t1 || t2 || t3 || t4 || t5) {
			t.Errorf("lookup %s found nothing", name)
		}
	}
	if _, ok := c.Lesson("nope"); ok {
		t.Error("Lesson(nope) found something")
	}
	var terms []string
	for _, term := range c.Glossary() {
		terms = append(terms, term.Slug)
	}
	if want := []string{"auroc", "calibration", "sensitivity", "specificity"}; !slices.Equal(terms, want) {
		t.Errorf("glossary order %v, want %v (by term, ignoring case)", terms, want)
	}
}

func TestCounterpartsPointBack(t *testing.T) {
	c := mustLoad(t, os.DirFS("testdata/sample"))
	for _, m := range c.Modules() {
		if m.Counterpart == nil || m.Counterpart.Counterpart != m || m.Counterpart.Track == m.Track {
			t.Errorf("%s: counterpart %v does not pair back across tracks", m.Slug, m.Counterpart)
		}
	}
}

func TestLessonsChainAcrossModules(t *testing.T) {
	c := mustLoad(t, os.DirFS("testdata/sample"))
	les, _ := c.Lesson("clin-evaluation-part-2")
	if les.Next == nil || les.Next.Slug != "clin-deployment-part-1" || les.Next.Prev != les {
		t.Errorf("next of clin-evaluation-part-2 is %v", les.Next)
	}
	first, _ := c.Lesson("clin-evaluation-part-1")
	last, _ := c.Lesson("clin-deployment-part-2")
	if first.Prev != nil || last.Next != nil {
		t.Error("the chain must stop at the ends of the track")
	}
	if want := []string{"auroc", "sensitivity", "specificity", "calibration"}; !slices.Equal(first.Glossary, want) {
		t.Errorf("lesson glossary %v, want %v in first-use order", first.Glossary, want)
	}
	if len(first.References) != 1 || first.References[0].DOI != "10.1177/0272989X06295361" {
		t.Errorf("references %+v", first.References)
	}
}

func TestQuizzesCoverEveryType(t *testing.T) {
	c := mustLoad(t, os.DirFS("testdata/sample"))
	seen := map[quizzes.Type]bool{}
	for _, q := range c.Quizzes() {
		if q.Module.Quiz != q || q.Hash == "" {
			t.Errorf("%s: module link or hash missing", q.Slug)
		}
		for _, qu := range q.Questions {
			seen[qu.Type] = true
			if qu.Points == 0 {
				t.Errorf("%s %s: not normalised (points 0)", q.Slug, qu.ID)
			}
			if q.PromptHTML[qu.ID] == "" {
				t.Errorf("%s %s: prompt not rendered", q.Slug, qu.ID)
			}
		}
	}
	for _, typ := range quizzes.Types {
		if !seen[typ] {
			t.Errorf("the sample uses no %s question", typ)
		}
	}
	q, _ := c.Quiz("clin-evaluation-quiz")
	if got := q.ExplanationHTML["q1"]; got != "<p>Held-out data shows how it generalises.</p>\n" {
		t.Errorf("explanation HTML %q", got)
	}
	if _, ok := q.ExplanationHTML["q2"]; ok {
		t.Error("a question without explanation has explanation HTML")
	}
}

func TestHashes(t *testing.T) {
	a := mustLoad(t, sampleFS(t))
	b := mustLoad(t, sampleFS(t))
	la, _ := a.Lesson("clin-evaluation-part-1")
	lb, _ := b.Lesson("clin-evaluation-part-1")
	if la.Hash != lb.Hash || a.Hash() != b.Hash() {
		t.Fatalf("not stable across loads: %s %s", la.Hash, lb.Hash)
	}

	changed := sampleFS(t)
	edit(t, changed, evalLesson, "Lesson 1 of", "Lesson one of")
	c := mustLoad(t, changed)
	lc, _ := c.Lesson("clin-evaluation-part-1")
	if lc.Hash == la.Hash || c.Hash() == a.Hash() {
		t.Error("editing a lesson must change its hash and the catalogue hash")
	}
	ma, _ := a.Module("clin-evaluation")
	mc, _ := c.Module("clin-evaluation")
	if ma.Hash == mc.Hash {
		t.Error("editing a lesson must change its module's hash")
	}

	renamed := sampleFS(t)
	edit(t, renamed, "glossary/more.yaml", "term: Specificity", "term: Specificity (TNR)")
	lr, _ := mustLoad(t, renamed).Lesson("clin-evaluation-part-1")
	if lr.Hash != la.Hash || lr.HTML == la.HTML {
		t.Error("renaming a term must change the lesson's HTML (and so its response's ETag) but not the file hash")
	}
}

func TestCheck(t *testing.T) {
	if ps := Check(os.DirFS("testdata/sample")); ps != nil {
		t.Errorf("Check(sample) = %v, want nil", ps)
	}
	if ps := Check(fstest.MapFS{}); len(ps) == 0 {
		t.Error("an empty catalogue must have problems")
	}
}

func BenchmarkLoadSample(b *testing.B) {
	fsys := sampleFS(b)
	for b.Loop() {
		if _, err := Load(fsys); err != nil {
			b.Fatal(err)
		}
	}
}
