package courses

import (
	"bytes"
	"io/fs"
	"path"
	"slices"
	"strings"

	"tandem/lab/synth"
)

// Lab is a prototype lab: a synthetic cohort, a model fitted on it, what a team may look at
// and change, and the instructor's guide to the flaws planted in it.
type Lab struct {
	Slug      string
	Title     string
	Summary   string
	Minutes   int
	BriefHTML string
	// GuideHTML is the instructor guide: it gives the planted flaws away, so it is for staff.
	GuideHTML string
	Exercise  *Exercise
	Modules   []*Module
	Generator synth.Params
	Model     string // a model name of LabModels
	Compare   string // a second model shown beside it, or ""
	Threshold float64
	Views     []string
	Subgroups []string
	Fixes     []string
	// Cards is the mix of patients in a run of patient cards.
	Cards CardMix
	Hash  string
}

// CardMix is how many patients of each kind a run of patient cards holds, judged by the lab's
// model at its threshold: alerts that were right and wrong, deteriorations the alert missed, and
// patients rightly left alone. A run is enriched on purpose: a ward's mix would show almost no
// events in a handful of patients.
type CardMix struct {
	TrueAlerts  int `yaml:"true_alerts"`
	FalseAlarms int `yaml:"false_alarms"`
	Missed      int `yaml:"missed"`
	Quiet       int `yaml:"quiet"`
}

// Total is how many patients a run shows.
func (m CardMix) Total() int { return m.TrueAlerts + m.FalseAlarms + m.Missed + m.Quiet }

// DefaultCardMix is the run of a lab that names no mix: eight patients, three of them
// deteriorating.
var DefaultCardMix = CardMix{TrueAlerts: 2, FalseAlarms: 2, Missed: 1, Quiet: 3}

// The bounds of a run: long enough to show each kind, short enough for one sitting on a phone.
const (
	minCards = 4
	maxCards = 20
)

// The names a lab may use, in the order the UI shows them.
var (
	LabModels    = []string{"base", "shortcut"}
	LabViews     = []string{"threshold", "curves", "calibration", "decision_curve", "subgroups", "fairness", "coefficients"}
	LabSubgroups = []string{"age_band", "sex", "skin_tone", "ethnicity", "urgency", "ward"}
	LabFixes     = []string{"recalibration", "group_recalibration", "group_thresholds", "drop_feature", "review_band", "label"}
)

// labMeta is lab.yaml as written; Generator starts from synth.Default, so a lab names only
// what it changes.
type labMeta struct {
	Slug      string       `yaml:"slug"`
	Title     string       `yaml:"title"`
	Summary   string       `yaml:"summary"`
	Minutes   int          `yaml:"minutes"`
	Brief     string       `yaml:"brief"`
	Exercise  string       `yaml:"exercise"`
	Modules   []string     `yaml:"modules"`
	Generator synth.Params `yaml:"generator"`
	Model     string       `yaml:"model"`
	Compare   string       `yaml:"compare"`
	Threshold float64      `yaml:"threshold"`
	Views     []string     `yaml:"views"`
	Subgroups []string     `yaml:"subgroups"`
	Fixes     []string     `yaml:"fixes"`
	Cards     *CardMix     `yaml:"cards"`
}

// loadLabs loads labs/<slug>/lab.yaml and guide.md. It runs after the tracks and exercises,
// which labs refer to.
func (l *loader) loadLabs() {
	entries, err := fs.ReadDir(l.fsys, "labs")
	if err != nil {
		return // no labs
	}
	for _, e := range entries {
		dir := path.Join("labs", e.Name())
		switch {
		case hidden(e.Name()):
		case !e.IsDir():
			l.problem(dir, 0, "unexpected file: labs/ holds one folder per lab")
		default:
			l.loadLab(dir, e.Name())
		}
	}
}

func (l *loader) loadLab(dir, folder string) {
	file := path.Join(dir, "lab.yaml")
	src, ok := l.read(file)
	if !ok {
		return
	}
	m := labMeta{Generator: synth.Default()}
	doc, ok := l.decode(file, src, 0, &m)
	if !ok {
		return
	}
	l.claim(m.Slug, "lab", file, doc.line("slug"))
	if m.Slug != folder {
		l.problem(file, doc.line("slug"), "slug %q must be the folder name %q", m.Slug, folder)
	}
	l.checkPlainText(file, doc, ".brief")
	l.require(file, doc, "title", m.Title)
	l.require(file, doc, "summary", m.Summary)
	if m.Minutes <= 0 {
		l.problem(file, doc.line("minutes"), "minutes must be a whole number above 0")
	}
	cards := DefaultCardMix
	if m.Cards != nil {
		cards = *m.Cards
	}
	lab := &Lab{Slug: m.Slug, Title: m.Title, Summary: m.Summary, Minutes: m.Minutes, Generator: m.Generator,
		Model: m.Model, Compare: m.Compare, Threshold: m.Threshold, Views: m.Views, Subgroups: m.Subgroups, Fixes: m.Fixes, Cards: cards,
		BriefHTML: l.renderField(file, doc.line("brief"), m.Brief), GuideHTML: l.labGuide(dir)}
	lab.Hash = hashBytes(append(src, lab.GuideHTML...))
	l.linkLab(file, doc, m, lab)
	l.checkLab(file, doc, m)
	l.cat.labs = append(l.cat.labs, lab)
}

// labGuide renders the lab's instructor guide, which every lab must have.
func (l *loader) labGuide(dir string) string {
	file := path.Join(dir, "guide.md")
	src, ok := l.read(file)
	if !ok {
		return ""
	}
	if len(bytes.TrimSpace(src)) == 0 {
		l.problem(file, 1, "empty guide: explain each planted flaw and what a team should find")
		return ""
	}
	return l.render(file, src, func(line int) int { return line + 1 }).html
}

// linkLab resolves the exercise and modules a lab belongs to.
func (l *loader) linkLab(file string, doc yamlDoc, m labMeta, lab *Lab) {
	for _, x := range l.cat.exercises {
		if x.Slug == m.Exercise {
			lab.Exercise = x
		}
	}
	if lab.Exercise == nil {
		l.problem(file, doc.line("exercise"), "unknown exercise %q: name the joint exercise the lab serves", m.Exercise)
	}
	if len(m.Modules) == 0 {
		l.problem(file, doc.line("modules"), "no modules: list the modules whose lessons lead to the lab")
	}
	for i, slug := range m.Modules {
		mod := l.moduleBySlug(slug)
		if mod == nil {
			l.problem(file, doc.line("modules", i), "unknown module %q", slug)
			continue
		}
		lab.Modules = append(lab.Modules, mod)
	}
}

func (l *loader) moduleBySlug(slug string) *Module {
	for _, t := range l.cat.Tracks {
		for _, m := range t.Modules {
			if m.Slug == slug {
				return m
			}
		}
	}
	return nil
}

// checkLab checks the generator, the models, the threshold and every listed name.
func (l *loader) checkLab(file string, doc yamlDoc, m labMeta) {
	for field, msg := range m.Generator.Validate() {
		l.problem(file, doc.line("generator", field), "generator %s %s", field, msg)
	}
	if !slices.Contains(LabModels, m.Model) {
		l.problem(file, doc.line("model"), "model must be one of %s, not %q", strings.Join(LabModels, ", "), m.Model)
	}
	if m.Compare != "" && (!slices.Contains(LabModels, m.Compare) || m.Compare == m.Model) {
		l.problem(file, doc.line("compare"), "compare must be another of %s, not %q", strings.Join(LabModels, ", "), m.Compare)
	}
	if m.Threshold <= 0 || m.Threshold >= 1 {
		l.problem(file, doc.line("threshold"), "threshold must be a risk between 0 and 1 (exclusive), not %g", m.Threshold)
	}
	l.checkNames(file, doc, "views", m.Views, LabViews, true)
	l.checkNames(file, doc, "subgroups", m.Subgroups, LabSubgroups, false)
	l.checkNames(file, doc, "fixes", m.Fixes, LabFixes, false)
	if m.Cards != nil {
		l.checkCards(file, doc, *m.Cards)
	}
}

// checkCards requires a run that shows both outcomes, with no count below zero, and between
// minCards and maxCards patients in all.
func (l *loader) checkCards(file string, doc yamlDoc, c CardMix) {
	for key, n := range map[string]int{"true_alerts": c.TrueAlerts, "false_alarms": c.FalseAlarms, "missed": c.Missed, "quiet": c.Quiet} {
		if n < 0 {
			l.problem(file, doc.line("cards", key), "cards %s must be 0 or more, not %d", key, n)
		}
	}
	switch {
	case c.Total() < minCards || c.Total() > maxCards:
		l.problem(file, doc.line("cards"), "cards: a run shows %d to %d patients, not %d", minCards, maxCards, c.Total())
	case c.TrueAlerts+c.Missed == 0 || c.FalseAlarms+c.Quiet == 0:
		l.problem(file, doc.line("cards"), "cards: a run needs patients who deteriorate (true_alerts or missed) and patients who do not (false_alarms or quiet)")
	}
}

// checkNames reports names outside allowed, repeats, and an empty list where one is required.
func (l *loader) checkNames(file string, doc yamlDoc, key string, names, allowed []string, required bool) {
	if required && len(names) == 0 {
		l.problem(file, doc.line(key), "no %s: list at least one of %s", key, strings.Join(allowed, ", "))
	}
	for i, n := range names {
		switch {
		case !slices.Contains(allowed, n):
			l.problem(file, doc.line(key, i), "%s %d: %q is not one of %s", key, i+1, n, strings.Join(allowed, ", "))
		case slices.Index(names, n) < i:
			l.problem(file, doc.line(key, i), "%s %d: %q is listed twice", key, i+1, n)
		}
	}
}
