package courses

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/yuin/goldmark"
)

// slugPattern is the syntax of every slug in the catalogue.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// loader carries the state of one Load: what has been read so far and every problem found.
type loader struct {
	fsys     fs.FS
	cat      *Catalog
	problems Problems
	warnings Problems
	// now is the day (midnight UTC) that review dates are checked against; zero (as in Load)
	// skips that check, so that a catalogue does not stop loading on the day a review falls due.
	now          time.Time
	files        map[string]string // path -> content hash, for Catalog.Hash
	owners       map[string]string // slug -> what claimed it first, for duplicate reports
	terms        map[string]*Term
	md           goldmark.Markdown
	counterparts map[*Module]counterpartRef
	unlisted     map[string]bool // module folders their track does not list
	tracks       int             // number of track folders
	// glossaryFiles are the glossary's source files and termFiles the file of each term, by
	// slug, for their translations.
	glossaryFiles []string
	termFiles     map[string]string
	// mdIn renders Markdown in each translated language, naming terms in that language.
	mdIn map[string]goldmark.Markdown
	// pending builds the translated copies of items once their sources are complete.
	pending []func()
	// status is what each source has of a translation, for the translation report.
	status *translationLog
	// glossaryBroken is set when a glossary file cannot be read, so that marks of terms
	// that may be in it are not each reported as unknown.
	glossaryBroken bool
}

// Load reads a catalogue laid out as courses/catalog/README.md describes, validates it and
// renders all its Markdown. Any problem makes it return a *Problems error listing them all.
func Load(fsys fs.FS) (*Catalog, error) {
	l := load(fsys, time.Time{})
	if len(l.problems) > 0 {
		ps := l.problems.sorted()
		return nil, &ps
	}
	return l.cat, nil
}

// Check loads the catalogue and returns its problems and warnings, or nil when there are
// none.
func Check(fsys fs.FS) Problems {
	return CheckOn(fsys, time.Time{})
}

// CheckOn is Check that also checks every module's review dates against day: a module past
// its next review is a problem, one due within reviewWarning a warning. It backs
// `tandem content check`.
func CheckOn(fsys fs.FS, day time.Time) Problems {
	if !day.IsZero() { // the calendar day where the check runs, as review dates are written
		day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	}
	l := load(fsys, day)
	return append(l.problems, l.warnings...).sorted()
}

// load reads and validates the catalogue, collecting problems and warnings.
func load(fsys fs.FS, now time.Time) *loader {
	l := &loader{
		fsys:         fsys,
		cat:          &Catalog{},
		files:        map[string]string{},
		owners:       map[string]string{},
		terms:        map[string]*Term{},
		counterparts: map[*Module]counterpartRef{},
		unlisted:     map[string]bool{},
		now:          now,
		termFiles:    map[string]string{},
		status:       &translationLog{},
	}
	l.checkRoot()
	l.loadGlossary() // first: rendering needs the terms' names
	l.md = newMarkdown(l.terms, false)
	l.loadGlossaryOverlays() // before tracks: lessons' marks are named in their language
	l.loadTracks()
	l.loadCaseStudies()
	l.loadExercises()
	l.loadLabs()
	l.linkCounterparts()
	for _, f := range l.pending {
		f()
	}
	if len(l.problems) == 0 {
		l.cat.index(l.files)
	}
	return l
}

// problem records one problem.
func (l *loader) problem(file string, line int, format string, args ...any) {
	l.problems = append(l.problems, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...)})
}

// warn records one warning.
func (l *loader) warn(file string, line int, format string, args ...any) {
	l.warnings = append(l.warnings, Problem{File: file, Line: line, Message: fmt.Sprintf(format, args...), Warning: true})
}

// claim registers a slug in the catalogue-wide namespace, checking its syntax.
func (l *loader) claim(slug, kind, file string, line int) {
	switch {
	case slug == "":
		l.problem(file, line, "missing slug")
		return
	case !slugPattern.MatchString(slug):
		l.problem(file, line, "slug %q is not valid: use lowercase letters, digits and single hyphens (like clin-evaluation)", slug)
	}
	if prev, ok := l.owners[slug]; ok {
		l.problem(file, line, "duplicate slug %q: already used by %s", slug, prev)
		return
	}
	l.owners[slug] = fmt.Sprintf("the %s in %s%s", kind, file, lineSuffix(line))
}

// lineSuffix is ":N" for a known line and "" otherwise.
func lineSuffix(line int) string {
	if line > 0 {
		return fmt.Sprintf(":%d", line)
	}
	return ""
}

// require reports a required text field that is missing or blank.
func (l *loader) require(file string, doc yamlDoc, key, value string) {
	if strings.TrimSpace(value) == "" {
		l.problem(file, doc.line(key), "missing %s", key)
	}
}

// knownFolders are the folders a catalogue may have at its root.
var knownFolders = map[string]bool{"tracks": true, "glossary": true, "case-studies": true, "exercises": true, "labs": true}

// checkRoot reports unknown folders at the root, which are usually misspellings of known ones.
func (l *loader) checkRoot() {
	entries, err := fs.ReadDir(l.fsys, ".")
	if err != nil {
		l.problem(".", 0, "cannot read the catalogue: %v", err)
		return
	}
	for _, e := range entries {
		if e.IsDir() && !hidden(e.Name()) && !knownFolders[e.Name()] {
			l.problem(e.Name(), 0, "unexpected folder: a catalogue has tracks/, glossary/, case-studies/, exercises/ and labs/")
		}
	}
}

// listFiles lists the files of a library folder that end in ext, reporting anything else. A
// missing folder is not a problem: the library may be empty.
func (l *loader) listFiles(dir, ext string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		return nil
	}
	var files []string
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		switch {
		case hidden(e.Name()):
		case e.IsDir():
			l.problem(name, 0, "unexpected folder: %s/ holds only *%s files", dir, ext)
		case !strings.HasSuffix(e.Name(), ext):
			l.problem(name, 0, "unexpected file: %s/ holds only *%s files", dir, ext)
		default:
			files = append(files, name)
		}
	}
	return files
}

// hidden reports names such as .DS_Store that editors and systems leave behind.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }
