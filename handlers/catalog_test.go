package handlers_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"tandem/testenv"
)

type trackBody struct {
	Slug     string `json:"slug"`
	Audience string `json:"audience"`
	Modules  []struct {
		Slug        string `json:"slug"`
		Counterpart struct {
			Slug  string `json:"slug"`
			Track string `json:"track"`
		} `json:"counterpart"`
	} `json:"modules"`
}

func TestCatalogueTracksArePairedBothWays(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	var list struct {
		Items []struct {
			Slug        string `json:"slug"`
			ModuleCount int    `json:"module_count"`
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/tracks"}).Decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].Slug != "clinicians" || list.Items[1].Slug != "technologists" {
		t.Fatalf("tracks: %+v", list.Items)
	}
	counterpart := map[string]string{}
	for _, item := range list.Items {
		var tr trackBody
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/tracks/" + item.Slug}).Decode(t, &tr)
		if len(tr.Modules) != item.ModuleCount || len(tr.Modules) == 0 {
			t.Fatalf("%s: %d modules, list says %d", item.Slug, len(tr.Modules), item.ModuleCount)
		}
		for _, m := range tr.Modules {
			if m.Counterpart.Track == tr.Slug {
				t.Errorf("%s's counterpart %s is in its own track", m.Slug, m.Counterpart.Slug)
			}
			counterpart[m.Slug] = m.Counterpart.Slug
		}
	}
	for m, cp := range counterpart {
		if counterpart[cp] != m {
			t.Errorf("%s -> %s, but %s -> %s", m, cp, cp, counterpart[cp])
		}
	}
}

func TestLessonRendersGlossaryLinksAndHonoursETag(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	var mod struct {
		Lessons []struct {
			Slug string `json:"slug"`
		} `json:"lessons"`
		Quiz struct {
			Slug          string `json:"slug"`
			QuestionCount int    `json:"question_count"`
		} `json:"quiz"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/modules/clin-evaluation"}).Decode(t, &mod)
	if len(mod.Lessons) == 0 || mod.Quiz.Slug == "" || mod.Quiz.QuestionCount == 0 {
		t.Fatalf("module: %+v", mod)
	}
	path := "/api/v1/lessons/" + mod.Lessons[0].Slug
	resp := env.Do(testenv.Request{Method: "GET", Path: path, Header: map[string]string{"Accept-Encoding": "identity"}})
	var lesson struct {
		HTML     string   `json:"html"`
		Glossary []string `json:"glossary"`
	}
	resp.Decode(t, &lesson)
	if len(lesson.Glossary) == 0 {
		t.Fatalf("lesson marks no glossary terms: %s", resp.Body)
	}
	link := `href="/glossary#` + lesson.Glossary[0] + `"`
	if !strings.Contains(lesson.HTML, link) || !strings.Contains(lesson.HTML, `class="glossary-term"`) {
		t.Fatalf("no glossary link %s in %s", link, lesson.HTML)
	}
	etag := resp.Header.Get("ETag")
	if etag == "" || resp.Header.Get("Cache-Control") == "" {
		t.Fatalf("no ETag or Cache-Control: %v", resp.Header)
	}
	// The answer goes out whole, with its length, and with the headers every answer carries.
	if resp.Header.Get("Content-Length") != strconv.Itoa(len(resp.Body)) || resp.Header.Get("Content-Language") != "en" ||
		resp.Header.Get("X-Request-Id") == "" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "default-src 'self'") {
		t.Fatalf("lesson headers: %v", resp.Header)
	}
	cached := env.Do(testenv.Request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": etag, "Accept-Encoding": "identity"}})
	if cached.Status != http.StatusNotModified || len(cached.Body) != 0 || cached.Header.Get("ETag") != etag || cached.Header.Get("Vary") != "Accept-Language, Accept-Encoding" {
		t.Fatalf("matching ETag: %d %q %v", cached.Status, cached.Body, cached.Header)
	}
	stale := env.Do(testenv.Request{Method: "GET", Path: path, Header: map[string]string{"If-None-Match": `"stale"`, "Accept-Encoding": "identity"}})
	if stale.Status != http.StatusOK {
		t.Fatalf("stale ETag: %d", stale.Status)
	}
}

func TestCatalogueUnknownSlugsAre404(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	for _, p := range []string{"/api/v1/tracks/astrology", "/api/v1/modules/nope", "/api/v1/lessons/nope",
		"/api/v1/case-studies/nope", "/api/v1/exercises/nope"} {
		if resp := env.Do(testenv.Request{Method: "GET", Path: p}); resp.Status != http.StatusNotFound || resp.ErrorCode() != "not_found" {
			t.Errorf("%s: %d %s", p, resp.Status, resp.Body)
		}
	}
}

// TestCatalogueNeverSendsAnswers reads every public catalogue response and looks for anything
// that gives a quiz answer away.
func TestCatalogueNeverSendsAnswers(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	paths := []string{"/api/v1/tracks", "/api/v1/glossary", "/api/v1/case-studies", "/api/v1/exercises"}
	for _, m := range env.App.Catalog.Modules() {
		paths = append(paths, "/api/v1/modules/"+m.Slug, "/api/v1/tracks/"+m.Track.Slug)
		for _, l := range m.Lessons {
			paths = append(paths, "/api/v1/lessons/"+l.Slug)
		}
	}
	for _, p := range paths {
		body := string(env.Do(testenv.Request{Method: "GET", Path: p}).Body)
		for _, leak := range []string{`"correct"`, `"tradeoffs"`, `"accepted"`, `"match"`, `"explanation"`, `"answer"`, `"tolerance"`} {
			if strings.Contains(body, leak) {
				t.Errorf("%s contains %s", p, leak)
			}
		}
	}
}

func TestCaseStudiesAndExercises(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	var cases struct {
		Items []struct {
			Slug, Outcome string
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/case-studies"}).Decode(t, &cases)
	if len(cases.Items) == 0 {
		t.Fatal("no case studies")
	}
	cs := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/case-studies/" + cases.Items[0].Slug}).JSON(t)
	if cs["html"] == "" || len(cs["sources"].([]any)) == 0 {
		t.Fatalf("case study: %v", cs)
	}
	var exercises struct {
		Items []struct{ Slug string } `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/exercises"}).Decode(t, &exercises)
	if len(exercises.Items) == 0 {
		t.Fatal("no exercises")
	}
	ex := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/exercises/" + exercises.Items[0].Slug}).JSON(t)
	if ex["brief_html"] == "" || len(ex["rubric"].([]any)) == 0 || len(ex["roles"].([]any)) < 2 {
		t.Fatalf("exercise: %v", ex)
	}
}

func BenchmarkGetLesson(b *testing.B) {
	env := testenv.New(b)
	lesson := env.App.Catalog.Lessons()[0]
	handler := env.App.Handler()
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			rec := httptest.NewRecorder()
			handler.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/api/v1/lessons/"+lesson.Slug, nil))
			if rec.Code != http.StatusOK {
				b.Fatalf("status %d", rec.Code)
			}
		}
	})
}

// TestModuleShowsAccreditation: a module's page carries its review dates, who wrote and
// reviewed it with their declared conflicts, and the competencies its objectives serve; case
// studies carry their reading time.
func TestModuleShowsAccreditation(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	var mod struct {
		Reviewed     string `json:"reviewed"`
		Next         string `json:"next_review"`
		Authors      []struct{ Role, Conflicts string }
		Reviewers    []struct{ Role, Conflicts string }
		Competencies []struct {
			Framework, Code, Name string
			FrameworkURL          string `json:"framework_url"`
			Objectives            []int
		}
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/modules/clin-evaluation"}).Decode(t, &mod)
	if mod.Reviewed != "2026-12-05" || mod.Next != "2027-12-05" {
		t.Errorf("reviewed %q, next review %q", mod.Reviewed, mod.Next)
	}
	if len(mod.Authors) != 1 || mod.Authors[0].Role != "Tandem clinical editor" || mod.Authors[0].Conflicts != "none declared" ||
		len(mod.Reviewers) != 1 || mod.Reviewers[0].Role != "Tandem technical editor" {
		t.Errorf("authors %+v, reviewers %+v", mod.Authors, mod.Reviewers)
	}
	if len(mod.Competencies) != 1 {
		t.Fatalf("competencies %+v", mod.Competencies)
	}
	c := mod.Competencies[0]
	if c.Code != "4" || c.Name != "Evidence-based evaluation of AI-based tools" || !slices.Equal(c.Objectives, []int{1, 2}) ||
		c.FrameworkURL != "https://doi.org/10.1097/ACM.0000000000004963" || !strings.Contains(c.Framework, "Health Care Professionals") {
		t.Errorf("competency %+v", c)
	}
	var cases struct {
		Items []struct{ Minutes int } `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/case-studies"}).Decode(t, &cases)
	if len(cases.Items) == 0 || cases.Items[0].Minutes != 1 {
		t.Errorf("case studies %+v", cases.Items)
	}
}
