package courses

import (
	"path"
	"strings"
)

// termSource remembers where a term was written, to check its see_also once all are loaded.
type termSource struct {
	file string
	doc  yamlDoc
	idx  int
}

// loadGlossary merges every glossary/*.yaml file into the catalogue's terms.
func (l *loader) loadGlossary() {
	sources := map[*Term]termSource{}
	for _, file := range l.listFiles("glossary", ".yaml") {
		if isOverlay(path.Base(file)) {
			continue
		}
		l.glossaryFiles = append(l.glossaryFiles, file)
		l.source(KindGlossary, file)
		src, ok := l.read(file)
		if !ok {
			l.glossaryBroken = true
			continue
		}
		var terms []*Term
		before := len(l.problems)
		doc, ok := l.decode(file, src, 0, &terms)
		if len(l.problems) > before { // even a type error may have lost terms
			l.glossaryBroken = true
		}
		if !ok {
			continue
		}
		l.checkPlainText(file, doc)
		for i, t := range terms {
			if t == nil {
				l.problem(file, doc.line(i), "empty glossary entry")
				continue
			}
			line := doc.line(i)
			l.claim(t.Slug, "glossary term", file, line)
			if _, dup := l.terms[t.Slug]; dup || t.Slug == "" {
				continue
			}
			for _, f := range [][2]string{{"term", t.Term}, {"clinical", t.Clinical}, {"technical", t.Technical}} {
				if strings.TrimSpace(f[1]) == "" {
					l.problem(file, doc.line(i, f[0]), "term %q: missing %s", t.Slug, f[0])
				}
			}
			l.terms[t.Slug] = t
			l.termFiles[t.Slug] = file
			l.cat.glossary = append(l.cat.glossary, t)
			sources[t] = termSource{file: file, doc: doc, idx: i}
		}
	}
	for t, s := range sources {
		for j, other := range t.SeeAlso {
			line := s.doc.line(s.idx, "see_also", j)
			switch {
			case other == t.Slug:
				l.problem(s.file, line, "term %q: see_also names the term itself", t.Slug)
			case l.terms[other] == nil && !l.glossaryBroken:
				l.problem(s.file, line, "term %q: see_also names unknown glossary term %q", t.Slug, other)
			}
		}
	}
}

// caseMeta is a case study's front matter as written.
type caseMeta struct {
	Slug    string      `yaml:"slug"`
	Title   string      `yaml:"title"`
	Outcome string      `yaml:"outcome"`
	Summary string      `yaml:"summary"`
	Setting string      `yaml:"setting"`
	Minutes int         `yaml:"minutes"`
	Sources []Reference `yaml:"sources"`
}

// loadCaseStudies loads case-studies/*.md.
func (l *loader) loadCaseStudies() {
	for _, file := range l.listFiles("case-studies", ".md") {
		var m caseMeta
		p, ok := l.readPage(file, &m)
		if !ok {
			continue
		}
		l.claim(m.Slug, "case study", file, p.doc.line("slug"))
		l.checkPlainText(file, p.doc)
		l.require(file, p.doc, "title", m.Title)
		l.require(file, p.doc, "summary", m.Summary)
		l.require(file, p.doc, "setting", m.Setting)
		if m.Minutes <= 0 {
			l.problem(file, p.doc.line("minutes"), "minutes must be a whole number above 0, the expected reading time")
		}
		switch m.Outcome {
		case "success", "failure", "mixed":
		default:
			l.problem(file, p.doc.line("outcome"), "outcome must be success, failure or mixed, not %q", m.Outcome)
		}
		if len(m.Sources) == 0 {
			l.problem(file, p.doc.line("sources"), "no sources: every case study needs at least one")
		}
		l.checkReferences(file, p.doc, "sources", m.Sources)
		r := l.renderBody(file, p)
		l.checkMinutes(file, p.doc, m.Minutes, r.reading)
		cs := &CaseStudy{Slug: m.Slug, Title: m.Title, Outcome: m.Outcome, Summary: m.Summary,
			Setting: m.Setting, Minutes: m.Minutes, Reading: r.reading, HTML: r.html, Sources: m.Sources, Glossary: r.terms, Hash: p.hash}
		if cs.Glossary == nil {
			cs.Glossary = []string{}
		}
		l.cat.cases = append(l.cat.cases, cs)
	}
}
