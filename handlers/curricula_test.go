package handlers_test

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"tandem/courses"
	"tandem/testenv"
)

var tags = regexp.MustCompile(`<[^>]+>`)

// TestShippedCurriculaThroughTheAPI reads the embedded curricula as a client would and checks
// the sizes a course needs, so the catalogue cannot silently shrink.
func TestShippedCurriculaThroughTheAPI(t *testing.T) {
	cfg := testenv.Config(t)
	cfg.CatalogDir = ""
	env := testenv.NewWith(t, cfg)
	u := env.Learner("medicine")
	shipped, err := courses.Load(courses.Embedded())
	if err != nil {
		t.Fatal(err)
	}
	var tracks struct {
		Items []struct {
			Slug, Audience string
		} `json:"items"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/tracks"}).Decode(t, &tracks)
	if len(tracks.Items) != 2 {
		t.Fatalf("%d tracks", len(tracks.Items))
	}
	for _, tr := range tracks.Items {
		var track trackBody
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/tracks/" + tr.Slug}).Decode(t, &track)
		if len(track.Modules) != 8 {
			t.Errorf("%s has %d modules, want 8", tr.Slug, len(track.Modules))
		}
		for _, m := range track.Modules {
			var mod struct {
				Objectives []string `json:"objectives"`
				Lessons    []struct{ Slug string }
				Quiz       struct {
					Slug          string `json:"slug"`
					QuestionCount int    `json:"question_count"`
				} `json:"quiz"`
			}
			env.Do(testenv.Request{Method: "GET", Path: "/api/v1/modules/" + m.Slug}).Decode(t, &mod)
			if len(mod.Lessons) < 3 || len(mod.Lessons) > 5 || len(mod.Objectives) == 0 {
				t.Errorf("%s: %d lessons, %d objectives", m.Slug, len(mod.Lessons), len(mod.Objectives))
			}
			for _, l := range mod.Lessons {
				var lesson struct {
					HTML       string `json:"html"`
					References []any  `json:"references"`
				}
				env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lessons/" + l.Slug}).Decode(t, &lesson)
				words := len(strings.Fields(tags.ReplaceAllString(lesson.HTML, " ")))
				if words < 600 || words > 1700 || !strings.Contains(lesson.HTML, "What your counterparts learn") {
					t.Errorf("%s: %d words, bridge present %v", l.Slug, words, strings.Contains(lesson.HTML, "What your counterparts learn"))
				}
			}
			if mod.Quiz.QuestionCount < 8 {
				t.Errorf("%s asks %d questions", mod.Quiz.Slug, mod.Quiz.QuestionCount)
			}
			var a attemptBody
			env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + mod.Quiz.Slug + "/attempts", Token: u.AccessToken}).Decode(t, &a)
			if len(a.Questions) != mod.Quiz.QuestionCount {
				t.Errorf("%s: an attempt asks %d questions, the quiz says %d", mod.Quiz.Slug, len(a.Questions), mod.Quiz.QuestionCount)
			}
			// Pools draw a different mix each time: the variety is the quiz's, over all it can ask.
			quiz, _ := shipped.Quiz(mod.Quiz.Slug)
			types := map[string]bool{}
			for _, q := range quiz.Questions {
				types[string(q.Type)] = true
			}
			if len(types) < 4 || !types["judgement"] {
				t.Errorf("%s uses types %v", mod.Quiz.Slug, types)
			}
		}
	}
	count := func(path string) int {
		var list struct {
			Items []map[string]any `json:"items"`
		}
		env.Do(testenv.Request{Method: "GET", Path: path}).Decode(t, &list)
		return len(list.Items)
	}
	if n := count("/api/v1/glossary"); n < 60 {
		t.Errorf("%d glossary terms", n)
	}
	if n := count("/api/v1/case-studies"); n < 8 {
		t.Errorf("%d case studies", n)
	}
	if n := count("/api/v1/exercises"); n < 4 {
		t.Errorf("%d exercises", n)
	}
	if resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lessons/does-not-exist"}); resp.Status != http.StatusNotFound {
		t.Errorf("unknown lesson: %d", resp.Status)
	}
}
