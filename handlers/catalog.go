package handlers

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"tandem/courses"
	"tandem/errs"
	"tandem/quizzes"
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

type moduleRef struct {
	Slug  string `json:"slug"`
	Track string `json:"track"`
	Title string `json:"title"`
}

func refOf(m *courses.Module) *moduleRef {
	if m == nil {
		return nil
	}
	return &moduleRef{Slug: m.Slug, Track: m.Track.Slug, Title: m.Title}
}

type lessonRef struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
	Module  string `json:"module,omitempty"`
}

type quizSummary struct {
	Slug             string          `json:"slug"`
	Title            string          `json:"title"`
	Module           string          `json:"module,omitempty"`
	Track            string          `json:"track,omitempty"`
	QuestionCount    int             `json:"question_count"`
	PassPercent      int             `json:"pass_percent"`
	MaxAttempts      int             `json:"max_attempts"`
	TimeLimitMinutes int             `json:"time_limit_minutes"`
	Grading          string          `json:"grading"`
	Feedback         string          `json:"feedback,omitempty"`
	Review           *quizzes.Review `json:"review,omitempty"`
}

// questionCount is how many questions one attempt asks: every question outside a pool plus
// what each pool draws.
func questionCount(q *courses.Quiz) int {
	n, inPool := 0, map[string]int{}
	for _, qu := range q.Questions {
		if draw, ok := q.Pools[qu.Pool]; ok && qu.Pool != "" && draw > 0 {
			inPool[qu.Pool]++
			continue
		}
		n++
	}
	for pool, have := range inPool {
		n += min(have, q.Pools[pool])
	}
	return n
}

func buildCatalogPages(cat *courses.Catalog) (catalogPages, error) {
	p := catalogPages{}
	type trackItem struct {
		Slug        string `json:"slug"`
		Title       string `json:"title"`
		Audience    string `json:"audience"`
		Summary     string `json:"summary"`
		ModuleCount int    `json:"module_count"`
	}
	type trackModule struct {
		Slug        string     `json:"slug"`
		Title       string     `json:"title"`
		Summary     string     `json:"summary"`
		Minutes     int        `json:"minutes"`
		LessonCount int        `json:"lesson_count"`
		Counterpart *moduleRef `json:"counterpart"`
	}
	var tracks []trackItem
	for _, t := range cat.Tracks {
		tracks = append(tracks, trackItem{t.Slug, t.Title, t.Audience, t.Summary, len(t.Modules)})
		mods := make([]trackModule, 0, len(t.Modules))
		for _, m := range t.Modules {
			mods = append(mods, trackModule{m.Slug, m.Title, m.Summary, m.Minutes, len(m.Lessons), refOf(m.Counterpart)})
		}
		if err := p.add("track/"+t.Slug, gin.H{"slug": t.Slug, "title": t.Title, "audience": t.Audience, "summary": t.Summary, "modules": mods}, ""); err != nil {
			return nil, err
		}
	}
	if err := p.add("tracks", gin.H{"items": tracks}, ""); err != nil {
		return nil, err
	}
	for _, m := range cat.Modules() {
		lessons := make([]lessonRef, 0, len(m.Lessons))
		for _, l := range m.Lessons {
			lessons = append(lessons, lessonRef{Slug: l.Slug, Title: l.Title, Minutes: l.Minutes})
		}
		body := gin.H{"slug": m.Slug, "track": m.Track.Slug, "title": m.Title, "summary": m.Summary, "minutes": m.Minutes,
			"objectives": m.Objectives, "lessons": lessons, "counterpart": refOf(m.Counterpart), "quiz": nil}
		addAccreditation(body, m.Accreditation)
		if q := m.Quiz; q != nil {
			body["quiz"] = quizSummary{Slug: q.Slug, Title: q.Title, QuestionCount: questionCount(q), PassPercent: q.PassPercent,
				MaxAttempts: q.MaxAttempts, TimeLimitMinutes: q.TimeLimitMinutes, Grading: string(q.Grading), Review: &q.Review}
			if err := p.add("quiz/"+q.Slug, quizSummary{Slug: q.Slug, Title: q.Title, Module: m.Slug, Track: m.Track.Slug,
				QuestionCount: questionCount(q), PassPercent: q.PassPercent, MaxAttempts: q.MaxAttempts,
				TimeLimitMinutes: q.TimeLimitMinutes, Grading: string(q.Grading), Feedback: string(q.Feedback), Review: &q.Review}, ""); err != nil {
				return nil, err
			}
		}
		if err := p.add("module/"+m.Slug, body, ""); err != nil {
			return nil, err
		}
	}
	for _, l := range cat.Lessons() {
		var next, prev *lessonRef
		if l.Next != nil {
			next = &lessonRef{Slug: l.Next.Slug, Title: l.Next.Title, Minutes: l.Next.Minutes, Module: l.Next.Module.Slug}
		}
		if l.Prev != nil {
			prev = &lessonRef{Slug: l.Prev.Slug, Title: l.Prev.Title, Minutes: l.Prev.Minutes, Module: l.Prev.Module.Slug}
		}
		refs := l.References
		if refs == nil {
			refs = []courses.Reference{}
		}
		body := gin.H{"slug": l.Slug, "module": l.Module.Slug, "track": l.Module.Track.Slug, "title": l.Title,
			"minutes": l.Minutes, "html": l.HTML, "glossary": nonNil(l.Glossary), "references": refs,
			"next": next, "prev": prev, "counterpart": refOf(l.Module.Counterpart)}
		if err := p.add("lesson/"+l.Slug, body, ""); err != nil {
			return nil, err
		}
	}
	if err := p.add("glossary", gin.H{"items": cat.Glossary()}, ""); err != nil {
		return nil, err
	}
	type caseItem struct {
		Slug    string `json:"slug"`
		Title   string `json:"title"`
		Outcome string `json:"outcome"`
		Summary string `json:"summary"`
		Setting string `json:"setting"`
		Minutes int    `json:"minutes"`
	}
	cases := []caseItem{}
	for _, cs := range cat.CaseStudies() {
		cases = append(cases, caseItem{cs.Slug, cs.Title, cs.Outcome, cs.Summary, cs.Setting, cs.Minutes})
		if err := p.add("case/"+cs.Slug, cs, ""); err != nil {
			return nil, err
		}
	}
	if err := p.add("cases", gin.H{"items": cases}, ""); err != nil {
		return nil, err
	}
	type exerciseItem struct {
		Slug    string         `json:"slug"`
		Title   string         `json:"title"`
		Minutes int            `json:"minutes"`
		Roles   []courses.Role `json:"roles"`
	}
	exercises := []exerciseItem{}
	for _, ex := range cat.Exercises() {
		exercises = append(exercises, exerciseItem{ex.Slug, ex.Title, ex.Minutes, ex.Roles})
		if err := p.add("exercise/"+ex.Slug, ex, ""); err != nil {
			return nil, err
		}
	}
	return p, p.add("exercises", gin.H{"items": exercises}, "")
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// servePage answers with a precomputed page, or 304 when the client's copy is current.
func (s *Server) servePage(c *gin.Context, key, what string) {
	p, ok := s.pages[key]
	if !ok {
		fail(c, errs.NotFound(what))
		return
	}
	c.Header("ETag", p.etag)
	c.Header("Cache-Control", "public, no-cache")
	if etagMatches(c.GetHeader("If-None-Match"), p.etag) {
		c.Status(http.StatusNotModified)
		return
	}
	c.Data(http.StatusOK, "application/json; charset=utf-8", p.body)
}

func etagMatches(header, etag string) bool {
	for _, candidate := range strings.Split(header, ",") {
		candidate = strings.TrimPrefix(strings.TrimSpace(candidate), "W/")
		if candidate == etag || candidate == "*" {
			return true
		}
	}
	return false
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
