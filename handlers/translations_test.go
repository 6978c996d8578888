package handlers_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"strings"
	"testing"

	"tandem/courses"
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

// TestTranslatedQuizIsGradedByIdsLikeTheSource: a French learner sees the quiz's prompts and
// choices in French under the same attempt ids as in English, a French accepted answer
// counts, the explanations come back in French, and the quiz and its attempts keep the
// English source's hash, so progress and certificates do not depend on the language.
func TestTranslatedQuizIsGradedByIdsLikeTheSource(t *testing.T) {
	env := translatedEnv(t)
	u := env.Learner("medicine")
	fr := map[string]string{"Accept-Language": "fr"}
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken, Header: fr})
	if resp.Status != http.StatusCreated {
		t.Fatalf("start in French: %d %s", resp.Status, resp.Body)
	}
	var french attemptBody
	resp.Decode(t, &french)
	if lang := resp.JSON(t)["language"]; lang != "fr" {
		t.Errorf("attempt language %v", lang)
	}
	english := attemptIn(t, env, u, french.ID, nil)
	texts := map[string]string{}
	for i, q := range french.Questions {
		if q.ID != english.Questions[i].ID || len(q.Options) != len(english.Questions[i].Options) {
			t.Fatalf("question %d differs between languages: %v / %v", i, q.ID, english.Questions[i].ID)
		}
		for j, o := range q.Options {
			if o.ID != english.Questions[i].Options[j].ID {
				t.Errorf("option order differs: %v / %v", q.Options, english.Questions[i].Options)
			}
			texts[o.Text] = english.Questions[i].Options[j].Text
		}
		if q.ID == evalQuiz+".single" && !strings.Contains(q.PromptHTML, "<strong>prévalence</strong>") {
			t.Errorf("French prompt: %s", q.PromptHTML)
		}
	}
	if texts["Valeur prédictive positive"] != "Positive predictive value" {
		t.Errorf("French options by the same ids: %v", texts)
	}
	answers := env.InAttempt(u, french.ID, rightAnswers("deploy"))
	for _, a := range answers {
		if a["question_id"] == evalQuiz+".short" {
			a["text"] = "  Courbe ROC "
		}
	}
	sub := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/attempts/" + french.ID + "/submit", Token: u.AccessToken,
		Body: map[string]any{"answers": answers}, Header: fr})
	var res resultBody
	sub.Decode(t, &res)
	if sub.Status != http.StatusOK || res.Percent != 100 || sub.JSON(t)["language"] != "fr" {
		t.Fatalf("submit in French: %d %s", sub.Status, sub.Body)
	}
	for _, q := range res.Questions {
		if q.ID == evalQuiz+".single" && !strings.Contains(q.FeedbackHTML, "Les valeurs prédictives varient") {
			t.Errorf("French explanation: %s", q.FeedbackHTML)
		}
	}
	row, err := env.App.Store.AttemptByID(context.Background(), u.ID, french.ID)
	if err != nil {
		t.Fatal(err)
	}
	source, err := courses.Load(os.DirFS(testenv.CatalogDir()))
	if err != nil {
		t.Fatal(err)
	}
	plain, _ := source.Quiz(evalQuiz)
	translated, _ := env.App.Catalog.Quiz(evalQuiz)
	if row.QuizHash != plain.Hash || translated.Hash != plain.Hash || translated.Module.Hash != plain.Module.Hash {
		t.Errorf("hashes: attempt %s, translated quiz %s, source %s", row.QuizHash, translated.Hash, plain.Hash)
	}
	var p struct {
		Tracks []struct {
			Slug    string `json:"slug"`
			Modules []struct {
				Slug       string   `json:"slug"`
				QuizPassed bool     `json:"quiz_passed"`
				Best       *float64 `json:"quiz_best_percent"`
			} `json:"modules"`
		} `json:"tracks"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/progress", Token: u.AccessToken}).Decode(t, &p)
	for _, tr := range p.Tracks {
		for _, m := range tr.Modules {
			if m.Slug == "clin-evaluation" && (!m.QuizPassed || m.Best == nil || *m.Best != 100) {
				t.Errorf("progress in English after a French attempt: %+v", m)
			}
		}
	}
}

// attemptIn reads an attempt with the given headers.
func attemptIn(t *testing.T, env *testenv.Env, u *testenv.User, id string, header map[string]string) attemptBody {
	t.Helper()
	var a attemptBody
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + id, Token: u.AccessToken, Header: header}).Decode(t, &a)
	return a
}

// TestStatementsNameWhatWasShownInItsLanguage: a French learner's statements name the lesson
// and quiz they read in French with "fr" language maps, and what had no translation with
// "en-US", as before; the statements still validate against the xAPI schema.
func TestStatementsNameWhatWasShownInItsLanguage(t *testing.T) {
	env := translatedEnv(t)
	u := env.Learner("nursing")
	fr := map[string]string{"Accept-Language": "fr"}
	for _, lesson := range []string{"clin-evaluation-part-1", "clin-evaluation-part-2"} {
		resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/lessons/" + lesson + "/complete", Token: u.AccessToken, Header: fr})
		if resp.Status != http.StatusOK {
			t.Fatalf("complete %s: %d %s", lesson, resp.Status, resp.Body)
		}
	}
	resp := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/attempts", Token: u.AccessToken, Header: fr})
	if resp.Status != http.StatusCreated {
		t.Fatalf("start: %d %s", resp.Status, resp.Body)
	}
	statements := allStatements(t, env, u, "/api/v1/me/statements")
	testenv.ValidateStatements(t, statements)
	names := map[string]string{}
	for _, raw := range statements {
		var st struct {
			Object struct {
				ID         string `json:"id"`
				Definition struct {
					Name map[string]string `json:"name"`
				} `json:"definition"`
			} `json:"object"`
			Context struct {
				Language string `json:"language"`
			} `json:"context"`
		}
		if err := json.Unmarshal(raw, &st); err != nil {
			t.Fatal(err)
		}
		for lang, name := range st.Object.Definition.Name {
			names[st.Object.ID[strings.LastIndex(st.Object.ID, "/")+1:]] = st.Context.Language + " " + lang + " " + name
		}
	}
	for slug, want := range map[string]string{
		"clin-evaluation-part-1": "fr fr Le modèle est-il bon ?, partie 1",
		"clin-evaluation-part-2": "en en-US Is the model any good?, part 2",
		evalQuiz:                 "fr fr Contrôle sur l'évaluation",
	} {
		if names[slug] != want {
			t.Errorf("%s: %q, want %q", slug, names[slug], want)
		}
	}
}
