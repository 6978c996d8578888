package courses

import (
	"slices"
	"strings"

	"tandem/disciplines"
)

// exerciseMeta is an exercise's front matter as written.
type exerciseMeta struct {
	Slug         string      `yaml:"slug"`
	Title        string      `yaml:"title"`
	Minutes      int         `yaml:"minutes"`
	Roles        []Role      `yaml:"roles"`
	Deliverables []string    `yaml:"deliverables"`
	Rubric       []Criterion `yaml:"rubric"`
}

// loadExercises loads exercises/*.md.
func (l *loader) loadExercises() {
	for _, file := range l.listFiles("exercises", ".md") {
		var m exerciseMeta
		p, ok := l.readPage(file, &m)
		if !ok {
			continue
		}
		l.claim(m.Slug, "exercise", file, p.doc.line("slug"))
		l.checkPlainText(file, p.doc)
		l.require(file, p.doc, "title", m.Title)
		if m.Minutes <= 0 {
			l.problem(file, p.doc.line("minutes"), "minutes must be a whole number above 0")
		}
		l.checkRoles(file, p.doc, m.Roles)
		if len(m.Deliverables) == 0 {
			l.problem(file, p.doc.line("deliverables"), "no deliverables: list what the team hands in")
		}
		l.checkTexts(file, p.doc, "deliverables", m.Deliverables)
		l.checkRubric(file, p.doc, m.Rubric)
		r := l.renderBody(file, p)
		l.cat.exercises = append(l.cat.exercises, &Exercise{
			Slug:         m.Slug,
			Title:        m.Title,
			Minutes:      m.Minutes,
			BriefHTML:    r.html,
			Roles:        m.Roles,
			Deliverables: m.Deliverables,
			Rubric:       m.Rubric,
			Hash:         p.hash,
		})
	}
}

// checkRoles checks that each role is complete and that the team mixes disciplines.
func (l *loader) checkRoles(file string, doc yamlDoc, roles []Role) {
	seen := map[string]bool{}
	for i, r := range roles {
		line := doc.line("roles", i)
		switch r.Discipline {
		case disciplines.Clinical, disciplines.Technical:
			seen[r.Discipline] = true
		default:
			l.problem(file, doc.line("roles", i, "discipline"), "role %d: discipline must be clinical or technical, not %q", i+1, r.Discipline)
		}
		if strings.TrimSpace(r.Title) == "" {
			l.problem(file, line, "role %d: missing title", i+1)
		}
		if strings.TrimSpace(r.Description) == "" {
			l.problem(file, line, "role %d: missing description", i+1)
		}
	}
	if !seen[disciplines.Clinical] || !seen[disciplines.Technical] {
		l.problem(file, doc.line("roles"), "roles must include at least one clinical and one technical role: the exercise is for mixed teams")
	}
}

// checkRubric checks that each criterion has a unique slug, a description and points.
func (l *loader) checkRubric(file string, doc yamlDoc, rubric []Criterion) {
	if len(rubric) == 0 {
		l.problem(file, doc.line("rubric"), "no rubric: list the criteria a submission is reviewed against")
	}
	var names []string
	for i, c := range rubric {
		line := doc.line("rubric", i)
		switch {
		case !slugPattern.MatchString(c.Criterion):
			l.problem(file, line, "rubric %d: criterion %q must be a slug (lowercase letters, digits and hyphens)", i+1, c.Criterion)
		case slices.Contains(names, c.Criterion):
			l.problem(file, line, "rubric %d: duplicate criterion %q", i+1, c.Criterion)
		}
		names = append(names, c.Criterion)
		if strings.TrimSpace(c.Description) == "" {
			l.problem(file, line, "rubric %d: missing description", i+1)
		}
		if c.MaxPoints <= 0 {
			l.problem(file, doc.line("rubric", i, "max_points"), "rubric %d: max_points must be above 0, not %d", i+1, c.MaxPoints)
		}
	}
}
