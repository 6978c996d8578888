package courses

import (
	"crypto/sha256"
	"encoding/hex"
	"sort"
	"strings"
)

// Catalog is a loaded, validated and rendered catalogue. It is built once by Load and never
// changed afterwards, so it is safe to share between goroutines; callers must not modify the
// items or slices it hands out.
type Catalog struct {
	// Tracks are in the order of their folder names.
	Tracks []*Track

	modules   []*Module
	lessons   []*Lesson
	quizzes   []*Quiz
	glossary  []*Term
	cases     []*CaseStudy
	exercises []*Exercise
	labs      []*Lab

	trackBySlug    map[string]*Track
	moduleBySlug   map[string]*Module
	lessonBySlug   map[string]*Lesson
	quizBySlug     map[string]*Quiz
	termBySlug     map[string]*Term
	caseBySlug     map[string]*CaseStudy
	exerciseBySlug map[string]*Exercise
	labBySlug      map[string]*Lab

	hash string
}

// Track returns the track with the given slug.
func (c *Catalog) Track(slug string) (*Track, bool) { return lookup(c.trackBySlug, slug) }

// Module returns the module with the given slug.
func (c *Catalog) Module(slug string) (*Module, bool) { return lookup(c.moduleBySlug, slug) }

// Lesson returns the lesson with the given slug.
func (c *Catalog) Lesson(slug string) (*Lesson, bool) { return lookup(c.lessonBySlug, slug) }

// Quiz returns the quiz with the given slug.
func (c *Catalog) Quiz(slug string) (*Quiz, bool) { return lookup(c.quizBySlug, slug) }

// Term returns the glossary term with the given slug.
func (c *Catalog) Term(slug string) (*Term, bool) { return lookup(c.termBySlug, slug) }

// CaseStudy returns the case study with the given slug.
func (c *Catalog) CaseStudy(slug string) (*CaseStudy, bool) { return lookup(c.caseBySlug, slug) }

// Exercise returns the joint exercise with the given slug.
func (c *Catalog) Exercise(slug string) (*Exercise, bool) { return lookup(c.exerciseBySlug, slug) }

// Lab returns the prototype lab with the given slug.
func (c *Catalog) Lab(slug string) (*Lab, bool) { return lookup(c.labBySlug, slug) }

// Labs lists the prototype labs in the order of their folder names.
func (c *Catalog) Labs() []*Lab { return c.labs }

// Modules lists every module, track by track in teaching order.
func (c *Catalog) Modules() []*Module { return c.modules }

// Lessons lists every lesson, track by track in teaching order.
func (c *Catalog) Lessons() []*Lesson { return c.lessons }

// Quizzes lists every quiz in the order of their modules.
func (c *Catalog) Quizzes() []*Quiz { return c.quizzes }

// Glossary lists the glossary terms sorted by term, ignoring case.
func (c *Catalog) Glossary() []*Term { return c.glossary }

// CaseStudies lists the case studies in the order of their file names.
func (c *Catalog) CaseStudies() []*CaseStudy { return c.cases }

// Exercises lists the joint exercises in the order of their file names.
func (c *Catalog) Exercises() []*Exercise { return c.exercises }

// Hash is the hex SHA-256 over the path and content of every file the catalogue was loaded
// from; it changes whenever anything in the catalogue does.
func (c *Catalog) Hash() string { return c.hash }

func lookup[T any](m map[string]*T, slug string) (*T, bool) {
	v, ok := m[slug]
	return v, ok
}

// index builds the lists and lookups from the tracks and the library, and the catalogue hash
// from the files read (path -> content hash).
func (c *Catalog) index(files map[string]string) {
	c.trackBySlug = map[string]*Track{}
	c.moduleBySlug = map[string]*Module{}
	c.lessonBySlug = map[string]*Lesson{}
	c.quizBySlug = map[string]*Quiz{}
	for _, t := range c.Tracks {
		c.trackBySlug[t.Slug] = t
		for _, m := range t.Modules {
			c.modules = append(c.modules, m)
			c.moduleBySlug[m.Slug] = m
			for _, les := range m.Lessons {
				c.lessons = append(c.lessons, les)
				c.lessonBySlug[les.Slug] = les
			}
			if m.Quiz != nil {
				c.quizzes = append(c.quizzes, m.Quiz)
				c.quizBySlug[m.Quiz.Slug] = m.Quiz
			}
		}
	}
	sort.SliceStable(c.glossary, func(i, j int) bool {
		a, b := strings.ToLower(c.glossary[i].Term), strings.ToLower(c.glossary[j].Term)
		if a != b {
			return a < b
		}
		return c.glossary[i].Slug < c.glossary[j].Slug
	})
	c.termBySlug = bySlug(c.glossary, func(t *Term) string { return t.Slug })
	c.caseBySlug = bySlug(c.cases, func(cs *CaseStudy) string { return cs.Slug })
	c.exerciseBySlug = bySlug(c.exercises, func(e *Exercise) string { return e.Slug })
	c.labBySlug = bySlug(c.labs, func(lb *Lab) string { return lb.Slug })

	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		h.Write([]byte(p + "\x00" + files[p] + "\n"))
	}
	c.hash = hex.EncodeToString(h.Sum(nil))
}

func bySlug[T any](items []*T, slug func(*T) string) map[string]*T {
	m := make(map[string]*T, len(items))
	for _, it := range items {
		m[slug(it)] = it
	}
	return m
}
