package courses

import (
	"path"

	"github.com/yuin/goldmark"

	"tandem/locale"
)

// glossaryOverlay is glossary/<file>.<lang>.yaml as written.
type glossaryOverlay struct {
	Translates string        `yaml:"translates"`
	Terms      []termOverlay `yaml:"terms"`
}

// termOverlay is one translated glossary entry, matched by slug.
type termOverlay struct {
	Slug      string `yaml:"slug"`
	Term      string `yaml:"term"`
	Clinical  string `yaml:"clinical"`
	Technical string `yaml:"technical"`
}

// loadGlossaryOverlays reads the translations of every glossary file, then builds the
// renderer of each language, which names marked terms in that language.
func (l *loader) loadGlossaryOverlays() {
	sources := map[string]bool{}
	for _, f := range l.glossaryFiles {
		sources[path.Base(f)] = true
	}
	found := l.overlays("glossary", func(name string) bool { return sources[name] })
	for _, source := range l.glossaryFiles {
		for _, file := range found[path.Base(source)] {
			l.loadGlossaryOverlay(file, source)
		}
	}
	l.mdIn = map[string]goldmark.Markdown{}
	for _, lang := range translatedLanguages() {
		terms := make(map[string]*Term, len(l.terms))
		for slug, t := range l.terms {
			terms[slug], _ = t.In(lang)
		}
		l.mdIn[lang] = newMarkdown(terms, lang == locale.German)
	}
}

// loadGlossaryOverlay reads one glossary translation; its terms must be the source file's.
func (l *loader) loadGlossaryOverlay(file, source string) {
	var o glossaryOverlay
	tr, doc, ok := l.readOverlay(file, source, &o, func() string { return o.Translates })
	if !ok {
		return
	}
	seen := map[string]bool{}
	for i, to := range o.Terms {
		line := doc.line("terms", i)
		t := l.terms[to.Slug]
		switch {
		case t == nil || l.termFiles[to.Slug] != source:
			l.problem(file, line, "term %q is not in %s: translate the terms of the source, by slug", to.Slug, source)
			continue
		case seen[to.Slug]:
			l.problem(file, line, "term %q is translated twice", to.Slug)
			continue
		}
		seen[to.Slug] = true
		cp := *t
		cp.Term, cp.Clinical, cp.Technical = or(to.Term, t.Term), or(to.Clinical, t.Clinical), or(to.Technical, t.Technical)
		translate(&t.Translations, &cp, &cp.Translations, &cp.Translation, tr)
	}
}

// renderingIn runs render calls of fn with the renderer of lang, then restores English.
func (l *loader) renderingIn(lang string, fn func()) {
	md := l.md
	if in, ok := l.mdIn[lang]; ok {
		l.md = in
	}
	defer func() { l.md = md }()
	fn()
}

// later runs fn once every item is loaded and linked, to build a translated copy of an item
// from its finished source.
func (l *loader) later(fn func()) { l.pending = append(l.pending, fn) }
