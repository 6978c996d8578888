package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"tandem/courses"
	"tandem/errs"
	"tandem/locale"
)

// page is a catalogue response serialised once at start-up: the catalogue never changes while
// the server runs, so no request renders or marshals it again.
type page struct {
	body []byte
	etag string
}

// catalogPages holds every public catalogue response, keyed by kind and slug.
type catalogPages map[string]page

func (p catalogPages) add(key string, v any, etag string) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("catalogue page %s: %w", key, err)
	}
	if etag == "" {
		sum := sha256.Sum256(body)
		etag = `"` + hex.EncodeToString(sum[:12]) + `"`
	}
	p[key] = page{body: body, etag: etag}
	return nil
}

// buildCatalogPages serialises every public catalogue page once per language, from the views
// courses builds; a page's key starts with its language ("fr:lesson/...").
func buildCatalogPages(cat *courses.Catalog) (catalogPages, error) {
	p := catalogPages{}
	for _, lang := range locale.Supported() {
		if err := p.addLanguage(cat, lang); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// addLanguage adds the pages of one language: each item in it where it is translated.
func (p catalogPages) addLanguage(cat *courses.Catalog, lang string) error {
	add := func(key string, v any) error { return p.add(lang+":"+key, v, "") }
	for _, t := range cat.Tracks {
		if err := add("track/"+t.Slug, courses.ViewOfTrack(t, lang)); err != nil {
			return err
		}
	}
	if err := add("tracks", cat.TrackItems(lang)); err != nil {
		return err
	}
	for _, m := range cat.Modules() {
		if m.Quiz != nil {
			if err := add("quiz/"+m.Quiz.Slug, courses.ViewOfQuiz(m, lang)); err != nil {
				return err
			}
		}
		if err := add("module/"+m.Slug, courses.ViewOfModule(m, lang)); err != nil {
			return err
		}
	}
	for _, l := range cat.Lessons() {
		if err := add("lesson/"+l.Slug, courses.ViewOfLesson(l, lang)); err != nil {
			return err
		}
	}
	if err := add("glossary", cat.GlossaryItems(lang)); err != nil {
		return err
	}
	for _, cs := range cat.CaseStudies() {
		if err := add("case/"+cs.Slug, cs); err != nil {
			return err
		}
	}
	if err := add("cases", cat.CaseItems()); err != nil {
		return err
	}
	for _, ex := range cat.Exercises() {
		if err := add("exercise/"+ex.Slug, ex); err != nil {
			return err
		}
	}
	return add("exercises", cat.ExerciseItems())
}

// servePage answers with a precomputed page, or 304 when the client's copy is current.
// The page is the one in the request's language.
func (s *Server) servePage(c *gin.Context, key, what string) {
	p, ok := s.pages[locale.From(c.Request.Context())+":"+key]
	if !ok {
		fail(c, errs.NotFound(what))
		return
	}
	c.Header("Vary", "Accept-Language")
	c.Header("ETag", p.etag)
	c.Header("Cache-Control", "public, no-cache")
	if etagMatches(c.GetHeader("If-None-Match"), p.etag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", p.body)
}

// ListTracks lists the tracks.
func (s *Server) ListTracks(c *gin.Context) { s.servePage(c, "tracks", "Tracks") }

// GetTrack returns a track with its modules and their counterparts.
func (s *Server) GetTrack(c *gin.Context) { s.servePage(c, "track/"+c.Param("track"), "Track") }

// GetModule returns a module with its lessons, quiz summary and counterpart.
func (s *Server) GetModule(c *gin.Context) { s.servePage(c, "module/"+c.Param("module"), "Module") }

// GetQuiz returns a quiz's settings and module; never its questions.
func (s *Server) GetQuiz(c *gin.Context) { s.servePage(c, "quiz/"+c.Param("quiz"), "Quiz") }

// GetLesson returns a rendered lesson.
func (s *Server) GetLesson(c *gin.Context) { s.servePage(c, "lesson/"+c.Param("lesson"), "Lesson") }

// GetGlossary returns every glossary term with its clinical and technical explanations.
func (s *Server) GetGlossary(c *gin.Context) { s.servePage(c, "glossary", "Glossary") }

// ListCaseStudies lists the case-study library.
func (s *Server) ListCaseStudies(c *gin.Context) { s.servePage(c, "cases", "Case studies") }

// GetCaseStudy returns one case study.
func (s *Server) GetCaseStudy(c *gin.Context) { s.servePage(c, "case/"+c.Param("slug"), "Case study") }

// ListExercises lists the joint exercises.
func (s *Server) ListExercises(c *gin.Context) { s.servePage(c, "exercises", "Exercises") }

// GetExercise returns one joint exercise with its brief, roles, deliverables and rubric.
func (s *Server) GetExercise(c *gin.Context) { s.servePage(c, "exercise/"+c.Param("slug"), "Exercise") }
