package courses

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"regexp"
	"slices"
)

// moduleMeta is module.yaml as written.
type moduleMeta struct {
	Slug          string             `yaml:"slug"`
	Accreditation *accreditationMeta `yaml:"accreditation"`
	Title         string             `yaml:"title"`
	Summary       string             `yaml:"summary"`
	Counterpart   string             `yaml:"counterpart"`
	Objectives    []string           `yaml:"objectives"`
}

// counterpartRef is what a module.yaml says its counterpart is, kept until every module is
// loaded. A module whose module.yaml could not be read has none.
type counterpartRef struct {
	slug string
	file string
	line int
}

// lessonFile is the name of a lesson file: a two-digit number, a name, and .md.
var lessonFile = regexp.MustCompile(`^[0-9]{2}-[a-z0-9-]+\.md$`)

// loadModule loads the module in folder dir of track t: module.yaml, its lessons and its quiz.
func (l *loader) loadModule(t *Track, dir string) *Module {
	folder := path.Base(dir)
	file := path.Join(dir, "module.yaml")
	mod := &Module{Slug: folder, Track: t}
	var m moduleMeta
	src, ok := l.read(file)
	var doc yamlDoc
	if ok {
		doc, ok = l.decode(file, src, 0, &m)
	}
	if ok {
		l.claim(m.Slug, "module", file, doc.line("slug"))
		l.source(KindModule, file)
		l.checkPlainText(file, doc)
		if m.Slug != "" && m.Slug != folder {
			l.problem(file, doc.line("slug"), "slug %q must be the folder name %q", m.Slug, folder)
		}
		mod.Title, mod.Summary, mod.Objectives = m.Title, m.Summary, m.Objectives
		l.require(file, doc, "title", m.Title)
		l.require(file, doc, "summary", m.Summary)
		if len(m.Objectives) == 0 {
			l.problem(file, doc.line("objectives"), "no objectives: list what a learner can do after the module")
		}
		l.checkTexts(file, doc, "objectives", m.Objectives)
		mod.Accreditation = l.checkAccreditation(file, doc, m.Accreditation, len(m.Objectives))
		l.counterparts[mod] = counterpartRef{slug: m.Counterpart, file: file, line: doc.line("counterpart")}
	}

	h := sha256.New()
	h.Write([]byte(hashBytes(src)))
	names := l.moduleFiles(dir)
	found := l.overlays(dir, func(s string) bool { return s == "module.yaml" || s == "quiz.yaml" || slices.Contains(names, s) })
	if ok {
		l.loadModuleOverlays(mod, dir, found)
	}
	for _, name := range names {
		if les := l.loadLesson(mod, path.Join(dir, name)); les != nil {
			mod.Lessons = append(mod.Lessons, les)
			h.Write([]byte(les.Hash))
			l.loadLessonOverlays(les, path.Join(dir, name), found[name])
		}
	}
	if _, err := fs.Stat(l.fsys, path.Join(dir, "quiz.yaml")); err != nil {
		l.problem(path.Join(dir, "quiz.yaml"), 0, "missing quiz: every module needs a quiz.yaml")
	} else if q := l.loadQuiz(mod, path.Join(dir, "quiz.yaml")); q != nil {
		mod.Quiz = q
		h.Write([]byte(q.Hash))
		l.loadQuizOverlays(q, path.Join(dir, "quiz.yaml"), found["quiz.yaml"])
	}
	mod.Hash = hex.EncodeToString(h.Sum(nil))
	return mod
}

// moduleFiles lists the lesson files of a module folder in name order, reporting anything
// that is neither a lesson, module.yaml nor quiz.yaml.
func (l *loader) moduleFiles(dir string) []string {
	entries, err := fs.ReadDir(l.fsys, dir)
	if err != nil {
		l.problem(dir, 0, "cannot read: %v", err)
		return nil
	}
	var lessons []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case hidden(name), name == "module.yaml", name == "quiz.yaml", isOverlay(name) && !e.IsDir():
		case e.IsDir():
			l.problem(path.Join(dir, name), 0, "unexpected folder: a module folder holds module.yaml, quiz.yaml and NN-name.md lessons")
		case !lessonFile.MatchString(name):
			l.problem(path.Join(dir, name), 0, "unexpected file: lessons are named NN-name.md (two digits, lowercase name)")
		default:
			lessons = append(lessons, name)
		}
	}
	if len(lessons) == 0 {
		l.problem(path.Join(dir, "module.yaml"), 0, "missing lessons: the module folder has no NN-name.md lesson")
	}
	return lessons
}
