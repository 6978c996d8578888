package courses

import (
	"strings"
)

// lessonMeta is a lesson's front matter as written.
type lessonMeta struct {
	Slug       string      `yaml:"slug"`
	Title      string      `yaml:"title"`
	Minutes    int         `yaml:"minutes"`
	References []Reference `yaml:"references"`
}

// closingSection is the heading every lesson ends with, bridging to the other track.
const closingSection = "What your counterparts learn"

// loadLesson loads and renders one lesson file of module mod.
func (l *loader) loadLesson(mod *Module, file string) *Lesson {
	var m lessonMeta
	p, ok := l.readPage(file, &m)
	if !ok {
		return nil
	}
	l.claim(m.Slug, "lesson", file, p.doc.line("slug"))
	l.source(KindLesson, file)
	l.checkPlainText(file, p.doc)
	l.require(file, p.doc, "title", m.Title)
	if m.Minutes <= 0 {
		l.problem(file, p.doc.line("minutes"), "minutes must be a whole number above 0, the expected reading time")
	}
	l.checkReferences(file, p.doc, "references", m.References)
	r := l.renderBody(file, p)
	l.checkMinutes(file, p.doc, m.Minutes, r.reading)
	if r.html != "" && (len(r.sections) == 0 || !strings.EqualFold(r.sections[len(r.sections)-1], closingSection)) {
		l.problem(file, 0, "the lesson must end with a %q section (## %s)", closingSection, closingSection)
	}
	les := &Lesson{
		Slug:       m.Slug,
		Title:      m.Title,
		Minutes:    m.Minutes,
		Reading:    r.reading,
		Module:     mod,
		HTML:       r.html,
		Glossary:   r.terms,
		References: m.References,
		Hash:       p.hash,
		shape:      r.shape,
	}
	if les.Glossary == nil {
		les.Glossary = []string{}
	}
	if les.References == nil {
		les.References = []Reference{}
	}
	return les
}

// linkLessons chains a track's lessons across its modules and adds up module minutes.
func linkLessons(t *Track) {
	var prev *Lesson
	for _, m := range t.Modules {
		for _, les := range m.Lessons {
			m.Minutes += les.Minutes
			if prev != nil {
				prev.Next, les.Prev = les, prev
			}
			prev = les
		}
	}
}
