package courses

import (
	"slices"
	"strings"
	"time"
)

// reviewWarning is how long before a module's next review content check starts to warn.
const reviewWarning = 60 * 24 * time.Hour

// dateLayout is how review dates are written: 2026-12-05.
const dateLayout = "2006-01-02"

// Accreditation is what an accrediting body asks of a module: who wrote and reviewed it, with
// their declared conflicts of interest, when it was last reviewed and is next due, and which
// competencies of the Framework its objectives serve.
type Accreditation struct {
	Authors      []Contributor `json:"authors"`
	Reviewers    []Contributor `json:"reviewers"`
	Reviewed     string        `json:"reviewed"`    // YYYY-MM-DD
	NextReview   string        `json:"next_review"` // YYYY-MM-DD
	Competencies []Competency  `json:"competencies"`
}

// Contributor is an author or reviewer of a module, named by role (and by name where a
// catalogue chooses to), with the conflicts of interest they declared.
type Contributor struct {
	Role      string `yaml:"role" json:"role"`
	Name      string `yaml:"name,omitempty" json:"name,omitempty"`
	Conflicts string `yaml:"conflicts" json:"conflicts"`
}

// Competency is a domain of the Framework that a module serves, with the numbers (from 1) of
// the module's objectives that serve it.
type Competency struct {
	CompetencyDomain
	Objectives []int `json:"objectives"`
}

// accreditationMeta is the accreditation block of module.yaml as written.
type accreditationMeta struct {
	Authors      []Contributor    `yaml:"authors"`
	Reviewers    []Contributor    `yaml:"reviewers"`
	Reviewed     string           `yaml:"reviewed"`
	NextReview   string           `yaml:"next_review"`
	Competencies []competencyMeta `yaml:"competencies"`
}

// competencyMeta maps objectives to one domain, as written.
type competencyMeta struct {
	Domain     int   `yaml:"domain"`
	Objectives []int `yaml:"objectives"`
}

// checkAccreditation validates a module's accreditation block and returns it as the module
// shows it; objectives is the number of the module's objectives.
func (l *loader) checkAccreditation(file string, doc yamlDoc, a *accreditationMeta, objectives int) *Accreditation {
	if a == nil {
		l.problem(file, doc.line("slug"), "missing accreditation: give authors, reviewers, reviewed, next_review and competencies (see the catalogue README)")
		return nil
	}
	out := &Accreditation{Authors: a.Authors, Reviewers: a.Reviewers, Reviewed: a.Reviewed, NextReview: a.NextReview}
	l.checkContributors(file, doc, "authors", a.Authors)
	l.checkContributors(file, doc, "reviewers", a.Reviewers)
	reviewed, okReviewed := l.checkDate(file, doc, "reviewed", a.Reviewed)
	next, okNext := l.checkDate(file, doc, "next_review", a.NextReview)
	switch {
	case okReviewed && okNext && !next.After(reviewed):
		l.problem(file, doc.line("accreditation", "next_review"), "next_review %s must be after reviewed %s", a.NextReview, a.Reviewed)
	case okReviewed && !l.now.IsZero() && reviewed.After(l.now):
		l.problem(file, doc.line("accreditation", "reviewed"), "accreditation: reviewed %s is in the future", a.Reviewed)
	case okNext && !l.now.IsZero():
		l.checkReviewDue(file, doc, next)
	}
	out.Competencies = l.checkCompetencies(file, doc, a.Competencies, objectives)
	return out
}

// checkContributors requires at least one contributor, each with a role and a conflicts
// statement ("none declared" when there are none).
func (l *loader) checkContributors(file string, doc yamlDoc, key string, cs []Contributor) {
	if len(cs) == 0 {
		l.problem(file, doc.line("accreditation", key), "accreditation: no %s: name at least one, by role", key)
	}
	for i, c := range cs {
		line := doc.line("accreditation", key, i)
		if strings.TrimSpace(c.Role) == "" {
			l.problem(file, line, "accreditation: %s %d needs a role (such as Tandem clinical editor)", key, i+1)
		}
		if strings.TrimSpace(c.Conflicts) == "" {
			l.problem(file, line, "accreditation: %s %d needs a conflicts statement (write \"none declared\" when there are none)", key, i+1)
		}
	}
}

// checkDate parses a required review date.
func (l *loader) checkDate(file string, doc yamlDoc, key, value string) (time.Time, bool) {
	line := doc.line("accreditation", key)
	if value == "" {
		l.problem(file, line, "accreditation: missing %s (a date such as 2026-12-05)", key)
		return time.Time{}, false
	}
	t, err := time.Parse(dateLayout, value)
	if err != nil {
		l.problem(file, line, "accreditation: %s %q is not a date: write it as 2026-12-05", key, value)
		return time.Time{}, false
	}
	return t, true
}

// checkReviewDue reports a module whose next review has passed, and warns of one due soon.
func (l *loader) checkReviewDue(file string, doc yamlDoc, next time.Time) {
	line := doc.line("accreditation", "next_review")
	days := int(next.Sub(l.now).Hours() / 24)
	switch {
	case days <= 0:
		l.problem(file, line, "review overdue: the next review was due on %s; review the module and update reviewed and next_review", next.Format(dateLayout))
	case next.Sub(l.now) <= reviewWarning:
		l.warn(file, line, "review due in %d day(s), on %s", days, next.Format(dateLayout))
	}
}

// checkCompetencies checks the mapping of objectives to the Framework's domains: each domain
// once, each objective number one the module has. An objective mapped to no domain is a
// warning, since the mapping is what an accrediting body reads.
func (l *loader) checkCompetencies(file string, doc yamlDoc, cs []competencyMeta, objectives int) []Competency {
	if len(cs) == 0 {
		l.problem(file, doc.line("accreditation", "competencies"), "accreditation: no competencies: map the objectives to the domains of Russell et al. 2023 (1 to 6)")
		return []Competency{}
	}
	fw := Framework()
	before := len(l.problems)
	mapped := make([]bool, objectives+1)
	seen := map[int]bool{}
	out := []Competency{}
	for i, c := range cs {
		line := doc.line("accreditation", "competencies", i)
		d, ok := fw.domain(c.Domain)
		switch {
		case !ok:
			l.problem(file, line, "accreditation: competency %d: domain must be 1 to %d, not %d", i+1, len(fw.Domains), c.Domain)
			continue
		case seen[c.Domain]:
			l.problem(file, line, "accreditation: competency %d: domain %d is listed twice", i+1, c.Domain)
			continue
		case len(c.Objectives) == 0:
			l.problem(file, line, "accreditation: competency %d: list the numbers of the objectives that serve domain %d", i+1, c.Domain)
		}
		seen[c.Domain] = true
		for _, n := range c.Objectives {
			if n < 1 || n > objectives {
				l.problem(file, line, "accreditation: competency %d: objective %d does not exist: the module has %d", i+1, n, objectives)
				continue
			}
			mapped[n] = true
		}
		out = append(out, Competency{CompetencyDomain: d, Objectives: slices.Clone(c.Objectives)})
	}
	for n := 1; n <= objectives && len(l.problems) == before; n++ {
		if !mapped[n] { // only once the mapping itself is sound, or the warnings mislead
			l.warn(file, doc.line("objectives", n-1), "objective %d is mapped to no competency domain", n)
		}
	}
	return out
}
