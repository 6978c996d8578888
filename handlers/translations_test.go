package handlers_test

import (
	"net/http"
	"os"
	"strings"
	"testing"

	"tandem/testenv"
)

// translatedEnv serves the test catalogue with the small translations of
// courses/testdata/overlays beside its sources: the clinicians' track, the clin-evaluation
// module, its first lesson and quiz and two glossary files in French, the module in German.
func translatedEnv(t *testing.T) *testenv.Env {
	t.Helper()
	dir := t.TempDir()
	for _, src := range []string{testenv.CatalogDir(), "../courses/testdata/overlays"} {
		if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
			t.Fatal(err)
		}
	}
	cfg := testenv.Config(t)
	cfg.CatalogDir = dir
	return testenv.NewWith(t, cfg)
}

// shown is how a catalogue item says which language it is in.
type shown struct {
	Title    string `json:"title"`
	Language string `json:"language"`
	Fallback bool   `json:"fallback"`
}

func getIn(t *testing.T, env *testenv.Env, path, accept string, v any) *testenv.Response {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "GET", Path: path, Header: map[string]string{"Accept-Language": accept}})
	if resp.Status != http.StatusOK {
		t.Fatalf("GET %s (%s): %d %s", path, accept, resp.Status, resp.Body)
	}
	resp.Decode(t, v)
	return resp
}

// TestCatalogueIsServedInTheBestAvailableLanguage: a French browser reads the translated
// lesson in French, a German one reads it in English with the fallback flag, and the
// module's page names each lesson's language.
func TestCatalogueIsServedInTheBestAvailableLanguage(t *testing.T) {
	env := translatedEnv(t)
	for _, tc := range []struct {
		accept, language, title string
		fallback                bool
	}{
		{"fr-CH,fr;q=0.9,en;q=0.5", "fr", "Le modèle est-il bon ?, partie 1", false},
		{"de-CH", "en", "Is the model any good?, part 1", true},
		{"en-GB", "en", "Is the model any good?, part 1", false},
	} {
		var les struct {
			shown
			HTML string `json:"html"`
		}
		resp := getIn(t, env, "/api/v1/lessons/clin-evaluation-part-1", tc.accept, &les)
		if les.Title != tc.title || les.Language != tc.language || les.Fallback != tc.fallback {
			t.Errorf("%s: lesson %+v", tc.accept, les.shown)
		}
		if !strings.Contains(resp.Header.Get("Vary"), "Accept-Language") {
			t.Errorf("%s: Vary %q", tc.accept, resp.Header.Get("Vary"))
		}
	}
	var mod struct {
		shown
		Objectives []string `json:"objectives"`
		Lessons    []shown  `json:"lessons"`
		Quiz       shown    `json:"quiz"`
	}
	getIn(t, env, "/api/v1/modules/clin-evaluation", "de", &mod)
	if mod.Title != "Taugt das Modell etwas?" || mod.Language != "de" || mod.Objectives[0] != "Explain one thing." {
		t.Errorf("German module (objectives left to English): %+v", mod)
	}
	if mod.Lessons[0].Language != "en" || !mod.Lessons[0].Fallback || mod.Quiz.Language != "en" || !mod.Quiz.Fallback {
		t.Errorf("German module's lessons and quiz should fall back: %+v %+v", mod.Lessons, mod.Quiz)
	}
	getIn(t, env, "/api/v1/modules/clin-evaluation", "fr", &mod)
	if mod.Objectives[1] != "En appliquer une autre." || mod.Lessons[0].Language != "fr" || mod.Lessons[1].Fallback != true || mod.Quiz.Title != "Contrôle sur l'évaluation" {
		t.Errorf("French module: %+v", mod)
	}
	var tracks struct{ Items []shown }
	getIn(t, env, "/api/v1/tracks", "fr", &tracks)
	if tracks.Items[0].Title != "L'IA pour les cliniciens" || tracks.Items[1].Language != "en" || !tracks.Items[1].Fallback {
		t.Errorf("tracks in French: %+v", tracks.Items)
	}
}

// TestGlossaryIsTranslatedTermByTerm: translated terms come in French, the others in English
// flagged as such, in French alphabetical order; lessons name marked terms in French.
func TestGlossaryIsTranslatedTermByTerm(t *testing.T) {
	env := translatedEnv(t)
	var g struct {
		Items []struct {
			Slug     string `json:"slug"`
			Term     string `json:"term"`
			Clinical string `json:"clinical"`
			Language string `json:"language"`
			Fallback bool   `json:"fallback"`
		} `json:"items"`
	}
	getIn(t, env, "/api/v1/glossary", "fr", &g)
	bySlug := map[string]int{}
	for i, it := range g.Items {
		bySlug[it.Slug] = i
	}
	auroc, sens := g.Items[bySlug["auroc"]], g.Items[bySlug["sensitivity"]]
	if auroc.Term != "Aire sous la courbe ROC (AUROC)" || auroc.Language != "fr" || auroc.Fallback {
		t.Errorf("auroc in French: %+v", auroc)
	}
	if sens.Term != "Sensitivity" || sens.Language != "en" || !sens.Fallback {
		t.Errorf("sensitivity falls back: %+v", sens)
	}
	if bySlug["auroc"] > bySlug["sensitivity"] || bySlug["sensitivity"] > bySlug["specificity"] {
		t.Errorf("French order: %v", bySlug)
	}
	var les struct {
		HTML string `json:"html"`
	}
	getIn(t, env, "/api/v1/lessons/clin-evaluation-part-1", "fr", &les)
	if !strings.Contains(les.HTML, `data-term="specificity">spécificité</a>`) || !strings.Contains(les.HTML, `data-term="sensitivity">sensibilité</a>`) {
		t.Errorf("marks in the French lesson: %s", les.HTML)
	}
}
