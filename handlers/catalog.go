package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"tandem/courses"
	"tandem/errs"
	"tandem/locale"
)

// page is a catalogue response serialised once at start-up: the catalogue never changes while
// the server runs, so no request renders or marshals it again. Its header values are built
// once too, and its length is sent, so that its answer goes out without chunking.
type page struct {
	body   []byte
	etag   string
	header []headerValue // ETag and Content-Length
	gz     *gzipped      // nil when the page is too small to compress
}

// pageKey names a page: its language, its kind ("lesson", "tracks", ...) and the slug of its
// item, if any. A struct, so that looking a page up builds no string.
type pageKey struct{ lang, kind, slug string }

// catalogPages holds every public catalogue response.
type catalogPages map[pageKey]page

func (p catalogPages) add(key pageKey, v any) error {
	body, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("catalogue page %s/%s/%s: %w", key.lang, key.kind, key.slug, err)
	}
	sum := sha256.Sum256(body)
	etag := `"` + hex.EncodeToString(sum[:12]) + `"`
	p[key] = page{body: body, etag: etag, header: headerValues("ETag", etag, "Content-Length", strconv.Itoa(len(body))),
		gz: newGzipped(body, etag)}
	return nil
}

// buildCatalogPages serialises every public catalogue page once per language, from the views
// courses builds.
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
	add := func(kind, slug string, v any) error { return p.add(pageKey{lang, kind, slug}, v) }
	for _, t := range cat.Tracks {
		if err := add("track", t.Slug, courses.ViewOfTrack(t, lang)); err != nil {
			return err
		}
	}
	if err := add("tracks", "", cat.TrackItems(lang)); err != nil {
		return err
	}
	for _, m := range cat.Modules() {
		if m.Quiz != nil {
			if err := add("quiz", m.Quiz.Slug, courses.ViewOfQuiz(m, lang)); err != nil {
				return err
			}
		}
		if err := add("module", m.Slug, courses.ViewOfModule(m, lang)); err != nil {
			return err
		}
	}
	for _, l := range cat.Lessons() {
		if err := add("lesson", l.Slug, courses.ViewOfLesson(l, lang)); err != nil {
			return err
		}
	}
	if err := add("glossary", "", cat.GlossaryItems(lang)); err != nil {
		return err
	}
	for _, cs := range cat.CaseStudies() {
		if err := add("case", cs.Slug, cs); err != nil {
			return err
		}
	}
	if err := add("cases", "", cat.CaseItems()); err != nil {
		return err
	}
	for _, ex := range cat.Exercises() {
		if err := add("exercise", ex.Slug, ex); err != nil {
			return err
		}
	}
	return add("exercises", "", cat.ExerciseItems())
}

// pageHeader is what every catalogue answer, 200 or 304, says about caching.
var pageHeader = headerValues("Vary", "Accept-Language, Accept-Encoding", "Cache-Control", "public, no-cache")

// jsonHeader is the Content-Type of a JSON answer.
var jsonHeader = headerValues("Content-Type", "application/json; charset=utf-8")

// servePage answers with the precomputed page of kind and slug in the request's language,
// gzip-encoded for a client that accepts it, or 304 when the client's copy is current.
func (s *Server) servePage(c *gin.Context, kind, slug, what string) {
	p, ok := s.pages[pageKey{locale.From(c.Request.Context()), kind, slug}]
	if !ok {
		fail(c, errs.NotFound(what))
		return
	}
	h := c.Writer.Header()
	setHeaders(h, pageHeader)
	body, etag, header := p.body, p.etag, p.header
	if p.gz != nil && acceptsGzip(c.GetHeader("Accept-Encoding")) {
		body, etag, header = p.gz.encoded()
	}
	if etagMatches(c.GetHeader("If-None-Match"), etag) {
		setHeaders(h, header[:1])
		c.Status(http.StatusNotModified)
		return
	}
	setHeaders(h, header)
	setHeaders(h, jsonHeader)
	c.Status(http.StatusOK)
	_, _ = c.Writer.Write(body)
}

// ListTracks lists the tracks.
func (s *Server) ListTracks(c *gin.Context) { s.servePage(c, "tracks", "", "Tracks") }

// GetTrack returns a track with its modules and their counterparts.
func (s *Server) GetTrack(c *gin.Context) { s.servePage(c, "track", c.Param("track"), "Track") }

// GetModule returns a module with its lessons, quiz summary and counterpart.
func (s *Server) GetModule(c *gin.Context) { s.servePage(c, "module", c.Param("module"), "Module") }

// GetQuiz returns a quiz's settings and module; never its questions.
func (s *Server) GetQuiz(c *gin.Context) { s.servePage(c, "quiz", c.Param("quiz"), "Quiz") }

// GetLesson returns a rendered lesson.
func (s *Server) GetLesson(c *gin.Context) { s.servePage(c, "lesson", c.Param("lesson"), "Lesson") }

// GetGlossary returns every glossary term with its clinical and technical explanations.
func (s *Server) GetGlossary(c *gin.Context) { s.servePage(c, "glossary", "", "Glossary") }

// ListCaseStudies lists the case-study library.
func (s *Server) ListCaseStudies(c *gin.Context) { s.servePage(c, "cases", "", "Case studies") }

// GetCaseStudy returns one case study.
func (s *Server) GetCaseStudy(c *gin.Context) { s.servePage(c, "case", c.Param("slug"), "Case study") }

// ListExercises lists the joint exercises.
func (s *Server) ListExercises(c *gin.Context) { s.servePage(c, "exercises", "", "Exercises") }

// GetExercise returns one joint exercise with its brief, roles, deliverables and rubric.
func (s *Server) GetExercise(c *gin.Context) { s.servePage(c, "exercise", c.Param("slug"), "Exercise") }
