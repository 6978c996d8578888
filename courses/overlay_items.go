package courses

import (
	"io/fs"
	"path"
	"slices"
	"strings"
)

// trackOverlay is track.<lang>.yaml as written.
type trackOverlay struct {
	Translates string `yaml:"translates"`
	Title      string `yaml:"title"`
	Summary    string `yaml:"summary"`
}

// moduleOverlay is module.<lang>.yaml as written.
type moduleOverlay struct {
	Translates string   `yaml:"translates"`
	Title      string   `yaml:"title"`
	Summary    string   `yaml:"summary"`
	Objectives []string `yaml:"objectives"`
}

// lessonOverlay is the front matter of NN-name.<lang>.md as written.
type lessonOverlay struct {
	Translates string `yaml:"translates"`
	Title      string `yaml:"title"`
}

// overlays lists the overlay files of a folder by the source file they translate, reporting
// any whose source is not there.
func (l *loader) overlays(dir string, sources func(name string) bool) map[string][]string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		return nil
	}
	out := map[string][]string{}
	for _, e := range entries {
		source, _, ok := splitOverlay(e.Name())
		if !ok || e.IsDir() || hidden(e.Name()) {
			continue
		}
		if !sources(source) {
			l.problem(path.Join(dir, e.Name()), 0, "translation of %s, which does not exist", path.Join(dir, source))
			continue
		}
		out[source] = append(out[source], path.Join(dir, e.Name()))
	}
	return out
}

// isOverlay reports whether a file name is an overlay's (NAME.xx.md or NAME.xx.yaml).
func isOverlay(name string) bool {
	_, _, ok := splitOverlay(name)
	return ok
}

// readOverlay reads and strictly decodes a YAML overlay, checking its language and hash.
func (l *loader) readOverlay(file, source string, v any, translates func() string) (*Translation, yamlDoc, bool) {
	_, lang, _ := splitOverlay(path.Base(file))
	src, ok := l.read(file)
	if !ok {
		return nil, yamlDoc{}, false
	}
	doc, ok := l.decode(file, src, 0, v)
	if !ok {
		return nil, doc, false
	}
	l.checkPlainText(file, doc, ".questions.*.prompt", ".questions.*.explanation")
	tr, ok := l.overlayFile(file, source, lang, doc, translates())
	return tr, doc, ok
}

// loadTrackOverlays reads track.<lang>.yaml beside a loaded track.
func (l *loader) loadTrackOverlays(t *Track, dir string) {
	for _, file := range l.overlays(dir, func(s string) bool { return s == "track.yaml" })["track.yaml"] {
		var o trackOverlay
		tr, _, ok := l.readOverlay(file, path.Join(dir, "track.yaml"), &o, func() string { return o.Translates })
		if !ok {
			continue
		}
		l.later(func() {
			cp := *t
			cp.Title, cp.Summary = or(o.Title, t.Title), or(o.Summary, t.Summary)
			translate(&t.Translations, &cp, &cp.Translations, &cp.Translation, tr)
		})
	}
}

// loadModuleOverlays reads module.<lang>.yaml beside a loaded module.
func (l *loader) loadModuleOverlays(mod *Module, dir string, found map[string][]string) {
	for _, file := range found["module.yaml"] {
		var o moduleOverlay
		tr, doc, ok := l.readOverlay(file, path.Join(dir, "module.yaml"), &o, func() string { return o.Translates })
		if !ok {
			continue
		}
		if o.Objectives != nil && len(o.Objectives) != len(mod.Objectives) {
			l.problem(file, doc.line("objectives"), "objectives: the source has %d, the translation %d; translate each one, in order",
				len(mod.Objectives), len(o.Objectives))
			continue
		}
		l.checkTexts(file, doc, "objectives", o.Objectives)
		l.later(func() {
			cp := *mod
			cp.Title, cp.Summary = or(o.Title, mod.Title), or(o.Summary, mod.Summary)
			if o.Objectives != nil {
				cp.Objectives = o.Objectives
			}
			translate(&mod.Translations, &cp, &cp.Translations, &cp.Translation, tr)
		})
	}
}

// loadLessonOverlays reads NN-name.<lang>.md beside a loaded lesson, renders it in its
// language and checks that it keeps the source's structure and glossary marks.
func (l *loader) loadLessonOverlays(les *Lesson, file string, found []string) {
	for _, over := range found {
		var o lessonOverlay
		p, ok := l.readPage(over, &o)
		if !ok {
			continue
		}
		l.checkPlainText(over, p.doc)
		_, lang, _ := splitOverlay(path.Base(over))
		tr, ok := l.overlayFile(over, file, lang, p.doc, o.Translates)
		if !ok {
			continue
		}
		var r rendered
		l.renderingIn(lang, func() { r = l.renderBody(over, p) })
		l.checkLessonShape(over, les, r)
		l.later(func() {
			cp := *les
			cp.Title, cp.HTML = or(o.Title, les.Title), r.html
			translate(&les.Translations, &cp, &cp.Translations, &cp.Translation, tr)
		})
	}
}

// checkLessonShape compares a translated lesson with its source: same headings and tables,
// the same glossary terms marked.
func (l *loader) checkLessonShape(file string, les *Lesson, r rendered) {
	if r.html == "" {
		return
	}
	problems, warnings := les.shape.differences(r.shape)
	for _, p := range problems {
		l.problem(file, 0, "%s", p)
	}
	for _, w := range warnings {
		l.warn(file, 0, "%s", w)
	}
	for _, slug := range les.Glossary {
		if !slices.Contains(r.terms, slug) {
			l.warn(file, 0, "glossary mark %q of the source is missing: keep [[text|%s]] with the same slug", slug, slug)
		}
	}
	for _, slug := range r.terms {
		if !slices.Contains(les.Glossary, slug) {
			l.warn(file, 0, "glossary mark %q is not in the source: keep the source's marks", slug)
		}
	}
}

// translate stores cp, a translated copy of an item, under its language in the source's
// translations.
func translate[T any](translations *map[string]*T, cp *T, cpTranslations *map[string]*T, cpTranslation **Translation, tr *Translation) {
	*cpTranslations, *cpTranslation = nil, tr
	if *translations == nil {
		*translations = map[string]*T{}
	}
	(*translations)[tr.Lang] = cp
}

// or is s, or def when s is blank: a field an overlay leaves out falls back to the source.
func or(s, def string) string {
	if strings.TrimSpace(s) == "" {
		return def
	}
	return s
}
