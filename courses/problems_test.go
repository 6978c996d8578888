package courses

import (
	"errors"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"
)

// TestBrokenCatalogues loads each catalogue under testdata/broken, which shows exactly one
// mistake, and expects exactly that problem.
func TestBrokenCatalogues(t *testing.T) {
	cases := map[string]string{
		"asymmetric-counterpart": `tracks/clinicians/clin-a/module.yaml:4: counterpart "tech-a" does not point back: its counterpart is "clin-b"`,
		"unknown-counterpart":    `tracks/clinicians/clin-a/module.yaml:4: unknown counterpart "tech-b": no module has that slug`,
		"duplicate-slug":         `tracks/solo/solo-basics/01-start.md:2: duplicate slug "solo-basics-start": already used by the glossary term in glossary/terms.yaml:1`,
		"missing-lessons":        `tracks/solo/solo-basics/module.yaml: missing lessons: the module folder has no NN-name.md lesson`,
		"no-correct-answer":      `tracks/solo/solo-basics/quiz.yaml:7: question q1: single_choice needs exactly one correct option, not 0`,
		"unknown-glossary-term":  `tracks/solo/solo-basics/01-start.md:7: glossary mark [[overfitting]]: unknown glossary term "overfitting"`,
		"unknown-exercise-role":  `exercises/spec.md:12: role 3: discipline must be clinical or technical, not "nursing"`,
		"empty-body":             `tracks/solo/solo-basics/01-start.md:6: empty body: write the text in Markdown below the front matter`,
		"bad-yaml":               `tracks/solo/solo-basics/module.yaml:5: invalid YAML: did not find expected key`,
	}
	dirs, err := os.ReadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	if len(dirs) != len(cases) {
		t.Errorf("%d catalogues under testdata/broken, %d expectations", len(dirs), len(cases))
	}
	for name, want := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := Load(os.DirFS(path.Join("testdata/broken", name)))
			var ps *Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Load error = %v, want *Problems", err)
			}
			if len(*ps) != 1 || (*ps)[0].String() != want {
				t.Errorf("problems:\n%v\nwant exactly:\n%s", err, want)
			}
		})
	}
}

// TestProblems changes one thing in the valid sample and expects the problem it causes.
func TestProblems(t *testing.T) {
	const track = "tracks/clinicians/track.yaml"
	cases := []struct {
		name   string
		change func(t *testing.T, m fstest.MapFS)
		want   string // a substring of the problem's String()
	}{
		{"invalid slug", ed(track, "slug: clinicians", "slug: Clinicians"), track + `:1: slug "Clinicians" is not valid`},
		{"audience", ed(track, "audience: clinical", "audience: doctors"), track + `:3: audience must be clinical or technical, not "doctors"`},
		{"module listed twice", ed(track, "  - clin-deployment", "  - clin-deployment\n  - clin-deployment"), track + `:8: module "clin-deployment" is listed twice`},
		{"listed module without folder", ed(track, "  - clin-deployment", "  - clin-deployment\n  - clin-ghost"), track + `:8: module "clin-ghost" has no folder tracks/clinicians/clin-ghost`},
		{"unlisted module folder", ed(track, "  - clin-deployment\n", ""), track + `:5: module folder clin-deployment is not listed under modules`},
		{"slug is not the folder", ed(evalModule, "slug: clin-evaluation", "slug: clin-eval"), evalModule + `:1: slug "clin-eval" must be the folder name "clin-evaluation"`},
		{"same-track counterpart", ed(evalModule, "counterpart: tech-utility", "counterpart: clin-deployment"), evalModule + `:4: counterpart "clin-deployment" is in the same track (clinicians)`},
		{"missing counterpart", ed(evalModule, "counterpart: tech-utility\n", ""), evalModule + `:1: missing counterpart`},
		{"no objectives", ed(evalModule, "objectives:\n  - Explain one thing.\n  - Apply another.\n", ""), evalModule + `:1: no objectives`},
		{"missing quiz", remove(evalQuiz), evalQuiz + `: missing quiz: every module needs a quiz.yaml`},
		{"lesson file name", rename(evalLesson, "tracks/clinicians/clin-evaluation/intro.md"), `tracks/clinicians/clin-evaluation/intro.md: unexpected file: lessons are named NN-name.md`},
		{"lesson minutes", ed(evalLesson, "minutes: 1", "minutes: 0"), evalLesson + `:4: minutes must be a whole number above 0`},
		{"lesson title", ed(evalLesson, `title: "Is the model any good?, part 1"`, ""), evalLesson + `:2: missing title`},
		{"misspelt field", ed(evalLesson, "minutes: 1", "minutes: 1\nreferneces: []"), evalLesson + `:5: unknown field "referneces" (a typo?)`},
		{"wrong type", ed(evalLesson, "minutes: 1", "minutes: ten"), evalLesson + ":4: expected a whole number, found text `ten`"},
		{"no front matter", ed(evalLesson, "---\nslug:", "slug:"), evalLesson + `:1: missing front matter`},
		{"unclosed front matter", ed(evalLesson, "---\nLesson 1", "Lesson 1"), evalLesson + `:1: front matter is not closed`},
		{"closing section", ed(evalLesson, "## What your counterparts learn", "## Summary"), evalLesson + `: the lesson must end with a "What your counterparts learn" section`},
		{"bad DOI", ed(evalLesson, "doi: 10.1177/0272989X06295361", "doi: https://doi.org/10.1177/0272989X06295361"), evalLesson + `:6: references 1: doi "https://doi.org/10.1177/0272989X06295361" is not a DOI`},
		{"bad URL", ed(evalLesson, "doi: 10.1177/0272989X06295361", "url: www.example.org"), evalLesson + `:6: references 1: url "www.example.org" must be a full http(s) address`},
		{"phrase instead of slug", ed(evalLesson, "[[specificity]]", "[[true negative rate]]"), evalLesson + `:13: glossary mark [[true negative rate]]: "true negative rate" is not a term slug; write [[true negative rate|true-negative-rate]]`},
		{"unclosed mark", ed(evalLesson, "[[specificity]]", "[[specificity"), evalLesson + `:13: glossary mark "[[" is not closed with "]]"`},
		{"mark in plain text", ed(evalModule, "summary: One", "summary: The [[auroc]] and one"), evalModule + `:3: [[...]] glossary marks are not rendered in summary`},
		{"mark in a quiz prompt", ed(evalQuiz, "See [[auroc]]", "See [[aurok]]"), evalQuiz + `:11: glossary mark [[aurok]]: unknown glossary term "aurok"`},
		{"quiz problem line", ed(evalQuiz, "pass_percent: 70", "pass_percent: 170"), evalQuiz + `:3: pass_percent must be between 1 and 100, not 170`},
		{"option explanation", ed(evalQuiz, "        explanation: That measures memory.\n", ""), evalQuiz + `:18: question q1: option b needs an explanation`},
		{"reflection rubric without a description", ed(evalQuiz, "questions:\n", "questions:\n  - id: r1\n    type: reflection\n    prompt: Reflect.\n"+
			"    rubric:\n      - {id: c1, criterion: Clarity, max_points: 2}\n"), evalQuiz + `:9: question r1: criterion c1 needs a description (what earns its points)`},
		{"reflection points that are not the rubric's", ed(evalQuiz, "questions:\n", "questions:\n  - id: r1\n    type: reflection\n    prompt: Reflect.\n    points: 3\n"+
			"    rubric:\n      - {id: c1, criterion: Clarity, description: Says it plainly., max_points: 2}\n"), evalQuiz + `:9: question r1: points (3) must equal the rubric's max_points added up (2), or be left out`},
		{"judgement without tradeoffs", ed(evalQuiz, "        tradeoffs: Fewer alarms; misses more cases.\n", ""), evalQuiz + `:36: question q3: option b: judgement options need tradeoffs`},
		{"see_also unknown", ed("glossary/more.yaml", "see_also: [auroc]", "see_also: [auroc, roc]"), `glossary/more.yaml:9: term "calibration": see_also names unknown glossary term "roc"`},
		{"term without technical", ed("glossary/more.yaml", "  technical: The true negative rate.\n", ""), `glossary/more.yaml:1: term "specificity": missing technical`},
		{"glossary is not a list", add("glossary/more.yaml", "slug: specificity\nterm: Specificity\n"), `glossary/more.yaml:1: expected a list, found a mapping (key: value)`},
		{"objectives not a list", ed(evalModule, "objectives:\n  - Explain one thing.\n  - Apply another.", "objectives: Explain things."), evalModule + `:5: expected a list, found text`},
		{"glossary file extension", rename("glossary/more.yaml", "glossary/more.yml"), `glossary/more.yml: unexpected file: glossary/ holds only *.yaml files`},
		{"duplicate slug across kinds", ed(caseStudy, "slug: sepsis-model", "slug: auroc"), caseStudy + `:2: duplicate slug "auroc": already used by the glossary term in glossary/evaluation.yaml:1`},
		{"case outcome", ed(caseStudy, "outcome: failure", "outcome: failed"), caseStudy + `:4: outcome must be success, failure or mixed, not "failed"`},
		{"case without sources", cut(caseStudy, "sources:", "---\nThe model"), caseStudy + `:2: no sources: every case study needs at least one`},
		{"rubric points", ed(exercise, "max_points: 5", "max_points: 0"), exercise + `:17: rubric 1: max_points must be above 0, not 0`},
		{"duplicate criterion", ed(exercise, "criterion: evaluation-plan", "criterion: clinical-need"), exercise + `:18: rubric 2: duplicate criterion "clinical-need"`},
		{"one discipline only", ed(exercise, "discipline: technical", "discipline: clinical"), exercise + `:5: roles must include at least one clinical and one technical role`},
		{"empty case study", ed(caseStudy, "The model's [[auroc]] at external validation was well below the vendor's figure.", ""), caseStudy + `:12: empty body`},
		{"unknown root folder", add("case-study/x.md", "x"), `case-study: unexpected folder`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := sampleFS(t)
			c.change(t, m)
			ps := Check(m)
			for _, p := range ps {
				if strings.Contains(p.String(), c.want) {
					return
				}
			}
			t.Errorf("want a problem containing\n  %s\ngot:\n%v", c.want, ps)
		})
	}
}

func ed(file, old, new string) func(*testing.T, fstest.MapFS) {
	return func(t *testing.T, m fstest.MapFS) { edit(t, m, file, old, new) }
}

// cut removes the text of file from the start of from up to the start of to.
func cut(file, from, to string) func(*testing.T, fstest.MapFS) {
	return func(t *testing.T, m fstest.MapFS) {
		s := string(m[file].Data)
		i, j := strings.Index(s, from), strings.Index(s, to)
		if i < 0 || j < i {
			t.Fatalf("%s: cannot cut %q..%q", file, from, to)
		}
		m[file] = &fstest.MapFile{Data: []byte(s[:i] + s[j:])}
	}
}

func remove(file string) func(*testing.T, fstest.MapFS) {
	return func(t *testing.T, m fstest.MapFS) { delete(m, file) }
}

func rename(from, to string) func(*testing.T, fstest.MapFS) {
	return func(t *testing.T, m fstest.MapFS) { m[to] = m[from]; delete(m, from) }
}

func add(file, content string) func(*testing.T, fstest.MapFS) {
	return func(t *testing.T, m fstest.MapFS) { m[file] = &fstest.MapFile{Data: []byte(content)} }
}

func TestProblemsFormatAndOrder(t *testing.T) {
	ps := Problems{
		{File: "b.md", Line: 3, Message: "z"},
		{File: "a.md", Message: "whole file"},
		{File: "b.md", Line: 1, Message: "y"},
		{File: "b.md", Line: 1, Message: "y"},
	}.sorted()
	want := "a.md: whole file\nb.md:1: y\nb.md:3: z"
	if got := ps.Error(); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}
