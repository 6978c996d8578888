package courses

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// checkDay is the day content checks are run as of in these tests: well before the sample's
// next review.
var checkDay = time.Date(2027, 3, 1, 9, 0, 0, 0, time.UTC)

// TestContentCheck changes one thing in the valid sample and expects the error or warning it
// causes, checked as of the given day (checkDay when none).
func TestContentCheck(t *testing.T) {
	const block = "accreditation:\n  authors:\n    - role: Tandem clinical editor\n      conflicts: none declared\n"
	cases := []struct {
		name    string
		change  func(t *testing.T, m fstest.MapFS)
		day     time.Time
		want    string // a whole problem as printed
		warning bool
	}{
		{name: "no accreditation", change: cutToEnd(evalModule, "accreditation:"),
			want: evalModule + ":1: missing accreditation: give authors, reviewers, reviewed, next_review and competencies (see the catalogue README)"},
		{name: "no authors", change: ed(evalModule, block, "accreditation:\n  authors: []\n"),
			want: evalModule + ":9: accreditation: no authors: name at least one, by role"},
		{name: "author without a role", change: ed(evalModule, "    - role: Tandem clinical editor\n", "    - name: A. Author\n"),
			want: evalModule + ":10: accreditation: authors 1 needs a role (such as Tandem clinical editor)"},
		{name: "reviewer without conflicts", change: ed(evalModule, "    - role: Tandem technical editor\n      conflicts: none declared\n", "    - role: Tandem technical editor\n"),
			want: evalModule + `:13: accreditation: reviewers 1 needs a conflicts statement (write "none declared" when there are none)`},
		{name: "missing review date", change: ed(evalModule, "  reviewed: 2026-12-05\n", ""),
			want: evalModule + ":8: accreditation: missing reviewed (a date such as 2026-12-05)"},
		{name: "review date in words", change: ed(evalModule, "reviewed: 2026-12-05", "reviewed: 5 December 2026"),
			want: evalModule + `:15: accreditation: reviewed "5 December 2026" is not a date: write it as 2026-12-05`},
		{name: "next review before the last", change: ed(evalModule, "next_review: 2027-12-05", "next_review: 2026-06-01"),
			want: evalModule + ":16: next_review 2026-06-01 must be after reviewed 2026-12-05"},
		{name: "unknown domain", change: ed(evalModule, "domain: 4", "domain: 7"),
			want: evalModule + ":18: accreditation: competency 1: domain must be 1 to 6, not 7"},
		{name: "domain twice", change: ed(evalModule, "      objectives: [1, 2]\n", "      objectives: [1]\n    - domain: 4\n      objectives: [2]\n"),
			want: evalModule + ":20: accreditation: competency 2: domain 4 is listed twice"},
		{name: "objective that does not exist", change: ed(evalModule, "objectives: [1, 2]", "objectives: [1, 2, 3]"),
			want: evalModule + ":18: accreditation: competency 1: objective 3 does not exist: the module has 2"},
		{name: "no competencies", change: cutToEnd(evalModule, "  competencies:"),
			want: evalModule + ":8: accreditation: no competencies: map the objectives to the domains of Russell et al. 2023 (1 to 6)"},
		{name: "objective mapped to nothing", change: ed(evalModule, "objectives: [1, 2]", "objectives: [1]"),
			want: evalModule + ":7: warning: objective 2 is mapped to no competency domain", warning: true},
		{name: "review overdue", change: ed(evalModule, "next_review: 2027-12-05", "next_review: 2027-06-01"), day: time.Date(2027, 6, 1, 8, 0, 0, 0, time.UTC),
			want: evalModule + ":16: review overdue: the next review was due on 2027-06-01; review the module and update reviewed and next_review"},
		{name: "review due soon", change: ed(evalModule, "next_review: 2027-12-05", "next_review: 2027-06-01"), day: time.Date(2027, 4, 3, 23, 0, 0, 0, time.UTC),
			want: evalModule + ":16: warning: review due in 59 day(s), on 2027-06-01", warning: true},
		{name: "reviewed in the future", change: ed(evalModule, "reviewed: 2026-12-05", "reviewed: 2027-03-02"),
			want: evalModule + ":15: accreditation: reviewed 2027-03-02 is in the future"},
		{name: "review not yet due", change: ed(evalModule, "next_review: 2027-12-05", "next_review: 2027-06-01"), day: time.Date(2027, 4, 1, 0, 0, 0, 0, time.UTC)},
		{name: "stated minutes far from the estimate", change: ed(evalLesson, "minutes: 1", "minutes: 12"),
			want: evalLesson + ":4: warning: minutes: 12 stated, but the text takes about 1 (99 words at 200 a minute + 1 table (1 min)); state 1, or add the activity that fills the time", warning: true},
		{name: "case study without minutes", change: ed(caseStudy, "minutes: 1\n", ""),
			want: caseStudy + ":2: minutes must be a whole number above 0, the expected reading time"},
		{name: "case study minutes far from the estimate", change: ed(caseStudy, "minutes: 1", "minutes: 30"),
			want: caseStudy + ":7: warning: minutes: 30 stated, but the text takes about 1", warning: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := sampleFS(t)
			if c.change != nil {
				c.change(t, m)
			}
			day := c.day
			if day.IsZero() {
				day = checkDay
			}
			ps := CheckOn(m, day)
			if c.want == "" {
				if ps != nil {
					t.Fatalf("want no problems, got:\n%v", ps)
				}
				return
			}
			if len(ps) != 1 || !strings.HasPrefix(ps[0].String(), c.want) || ps[0].Warning != c.warning {
				t.Fatalf("want exactly one %s\n  %s\ngot:\n%v", kind(c.warning), c.want, ps)
			}
			_, err := Load(m)
			if loads := err == nil; loads != c.warning && !strings.HasPrefix(c.name, "review") {
				t.Errorf("Load error = %v; a warning must not stop the catalogue loading, a problem must", err)
			}
		})
	}
}

// cutToEnd removes the text of file from the start of from to its end.
func cutToEnd(file, from string) func(*testing.T, fstest.MapFS) {
	return func(t *testing.T, m fstest.MapFS) {
		s := string(m[file].Data)
		i := strings.Index(s, from)
		if i < 0 {
			t.Fatalf("%s: no %q", file, from)
		}
		m[file] = &fstest.MapFile{Data: []byte(s[:i])}
	}
}

func kind(warning bool) string {
	if warning {
		return "warning"
	}
	return "problem"
}

// TestOverdueReviewStillLoads: the server keeps serving a catalogue whose review has fallen
// due; only content check reports it.
func TestOverdueReviewStillLoads(t *testing.T) {
	m := sampleFS(t)
	edit(t, m, evalModule, "reviewed: 2026-12-05\n  next_review: 2027-12-05", "reviewed: 2020-01-01\n  next_review: 2021-01-01")
	c := mustLoad(t, m)
	mod, _ := c.Module("clin-evaluation")
	a := mod.Accreditation
	if a == nil || a.Reviewed != "2020-01-01" || a.NextReview != "2021-01-01" {
		t.Fatalf("accreditation = %+v", a)
	}
	if ps := CheckOn(m, checkDay); ps.Errors() != 1 {
		t.Errorf("content check: %v, want the overdue review", ps)
	}
}

func TestAccreditationLoaded(t *testing.T) {
	c := mustLoad(t, sampleFS(t))
	mod, _ := c.Module("clin-evaluation")
	a := mod.Accreditation
	if a.Reviewed != "2026-12-05" || a.NextReview != "2027-12-05" {
		t.Errorf("dates %q, %q", a.Reviewed, a.NextReview)
	}
	if len(a.Authors) != 1 || a.Authors[0] != (Contributor{Role: "Tandem clinical editor", Conflicts: "none declared"}) {
		t.Errorf("authors %+v", a.Authors)
	}
	if len(a.Competencies) != 1 {
		t.Fatalf("competencies %+v", a.Competencies)
	}
	d := a.Competencies[0]
	if d.Code != "4" || d.Name != "Evidence-based evaluation of AI-based tools" || len(d.Objectives) != 2 {
		t.Errorf("competency %+v", d)
	}
}
