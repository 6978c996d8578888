package courses

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// overlayFS is the test catalogue of testenv with the small translations of
// testdata/overlays beside its sources, in memory so that a test can change it.
func overlayFS(t testing.TB) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, root := range []string{"../testenv/catalog", "testdata/overlays"} {
		src := os.DirFS(root)
		err := fs.WalkDir(src, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(src, p)
			m[p] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

const (
	frLesson = "tracks/clinicians/clin-evaluation/01-part-1.fr.md"
	frQuiz   = "tracks/clinicians/clin-evaluation/quiz.fr.yaml"
	frModule = "tracks/clinicians/clin-evaluation/module.fr.yaml"
)

// TestOverlaysTranslateTextsOnly: the translated copies carry the overlay's texts and the
// source's slugs, ids, keys and hashes; the quiz that grades accepts every language's answers.
func TestOverlaysTranslateTextsOnly(t *testing.T) {
	c := mustLoad(t, overlayFS(t))
	src, _ := c.Quiz("clin-evaluation-quiz")
	fr, shown := src.In("fr")
	if shown != (Shown{Language: "fr"}) || fr.Hash != src.Hash || fr.Title != "Contrôle sur l'évaluation" {
		t.Fatalf("French quiz: %+v %s %s", shown, fr.Hash, fr.Title)
	}
	q, _ := fr.Question("single")
	if q.Options[0].ID != "ppv" || !q.Options[0].Correct || q.Options[0].Text != "Valeur prédictive positive" {
		t.Errorf("option keeps its id and key: %+v", q.Options[0])
	}
	if m, _ := fr.Question("match"); m.Targets[1].Text != "Of the flagged, how many are sick?" || m.Items[0].Match != "sick" {
		t.Errorf("untranslated target falls back, keys stay: %+v", m)
	}
	short, _ := src.ForGrading().Question("short")
	english, _ := src.Question("short")
	if len(english.Accepted) != 3 || !strings.Contains(strings.Join(short.Accepted, "|"), "courbe ROC") {
		t.Errorf("accepted: source %v, grading %v", english.Accepted, short.Accepted)
	}
	if _, shown := src.In("it"); shown != (Shown{Language: "en", Fallback: true}) {
		t.Errorf("Italian falls back: %+v", shown)
	}
	les, _ := c.Lesson("clin-evaluation-part-1")
	frLes, _ := les.In("fr")
	if frLes.Slug != les.Slug || frLes.Hash != les.Hash || frLes.Next != les.Next || frLes.Translation.File != frLesson {
		t.Errorf("French lesson keeps slug, hash and neighbours: %+v", frLes)
	}
	mod, _ := c.Module("clin-evaluation")
	frMod, _ := mod.In("fr")
	if frMod.Minutes != mod.Minutes || frMod.Counterpart != mod.Counterpart || frMod.Hash != mod.Hash {
		t.Errorf("French module keeps minutes, counterpart and hash")
	}
}

// TestMalformedOverlaysAreProblems: an overlay naming what its source does not have, or
// breaking its structure, stops the catalogue from loading with the file and line.
func TestMalformedOverlaysAreProblems(t *testing.T) {
	for _, tc := range []struct {
		name, file, old, new, want string
	}{
		{"unknown question", frQuiz, "id: single", "id: singular", `question "singular" is not in the source quiz`},
		{"unknown option", frQuiz, "id: ppv", "id: npv", `option "npv" is not in the source question`},
		{"accepted on a choice question", frQuiz, "explanation_true:", "accepted: [oui]\n    explanation_true:", "accepted is for short_text questions"},
		{"objective count", frModule, "  - En appliquer une autre.\n", "", "objectives: the source has 2, the translation 1"},
		{"repeated slug", frModule, "title:", "slug: clin-evaluation\ntitle:", `unknown field "slug"`},
		{"heading dropped", frLesson, "## Ce qu'apprennent vos homologues", "Ce qu'apprennent vos homologues", "headings differ from the source"},
		{"table dropped", frLesson, "| --- | --- |", "", "table(s)"},
		{"unknown mark", frLesson, "[[specificity]]", "[[specificite]]", `unknown glossary term "specificite"`},
		{"bad hash", frQuiz, "translates: ", "translates: x", "translates must be the first 16 hex characters"},
		{"glossary term of another file", "glossary/evaluation.fr.yaml", "slug: auroc", "slug: specificity", `term "specificity" is not in glossary/evaluation.yaml`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := overlayFS(t)
			edit(t, m, tc.file, tc.old, tc.new)
			_, err := Load(m)
			if err == nil || !strings.Contains(err.Error(), tc.file) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("want %q in %s, got %v", tc.want, tc.file, err)
			}
		})
	}
	for _, file := range []string{"tracks/clinicians/clin-evaluation/03-missing.fr.md", "tracks/clinicians/quiz.es.yaml"} {
		m := overlayFS(t)
		m[file] = &fstest.MapFile{Data: []byte("translates: 0123456789abcdef\n")}
		if _, err := Load(m); err == nil || !strings.Contains(err.Error(), file) {
			t.Errorf("%s: %v", file, err)
		}
	}
}

// TestStaleOverlayIsServedAndReported: when the source changes after its translation, the
// translation is still served, check warns, and the report marks it stale.
func TestStaleOverlayIsServedAndReported(t *testing.T) {
	m := overlayFS(t)
	edit(t, m, "tracks/clinicians/clin-evaluation/quiz.yaml", "title: Evaluation check", "title: Evaluation checkpoint")
	c := mustLoad(t, m)
	q, _ := c.Quiz("clin-evaluation-quiz")
	if fr, shown := q.In("fr"); shown.Fallback || !fr.Translation.Stale {
		t.Errorf("stale French quiz still served: %+v", shown)
	}
	warned := false
	for _, p := range CheckOn(m, time.Time{}) {
		warned = warned || (p.Warning && p.File == frQuiz && strings.Contains(p.Message, "stale translation"))
	}
	if !warned {
		t.Error("no stale warning")
	}
	states := map[string]TranslationState{}
	for _, s := range Translations(m) {
		states[s.Lang+" "+s.Source] = s.State
	}
	for key, want := range map[string]TranslationState{
		"fr tracks/clinicians/clin-evaluation/quiz.yaml":    TranslationStale,
		"fr tracks/clinicians/clin-evaluation/01-part-1.md": TranslationCurrent,
		"de tracks/clinicians/clin-evaluation/module.yaml":  TranslationCurrent,
		"de tracks/clinicians/clin-evaluation/01-part-1.md": TranslationMissing,
		"it glossary/evaluation.yaml":                       TranslationMissing,
		"fr tracks/technologists/tech-safety/quiz.yaml":     TranslationMissing,
		"fr glossary/more.yaml":                             TranslationCurrent,
	} {
		if states[key] != want {
			t.Errorf("%s: %s, want %s", key, states[key], want)
		}
	}
}

// TestGermanMarksKeepTheirCapitals: German nouns keep their capital inside a sentence, where
// English and French lower-case a named term.
func TestGermanMarksKeepTheirCapitals(t *testing.T) {
	m := overlayFS(t)
	m["glossary/more.de.yaml"] = &fstest.MapFile{Data: []byte("translates: " + hashBytes(m["glossary/more.yaml"].Data)[:16] +
		"\nterms:\n  - slug: specificity\n    term: Spezifität\n")}
	body := strings.Replace(string(m[frLesson].Data), "title: \"Le modèle est-il bon ?, partie 1\"", "title: Teil 1", 1)
	m["tracks/clinicians/clin-evaluation/01-part-1.de.md"] = &fstest.MapFile{Data: []byte(body)}
	c := mustLoad(t, m)
	les, _ := c.Lesson("clin-evaluation-part-1")
	de, _ := les.In("de")
	fr, _ := les.In("fr")
	if !strings.Contains(de.HTML, `data-term="specificity">Spezifität</a>`) || !strings.Contains(fr.HTML, `data-term="specificity">spécificité</a>`) {
		t.Errorf("German %s\nFrench %s", de.HTML, fr.HTML)
	}
}
