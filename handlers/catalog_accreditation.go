package handlers

import (
	"github.com/gin-gonic/gin"

	"tandem/courses"
)

// competencyItem is a competency domain a module serves, as the module's page shows it.
type competencyItem struct {
	Framework    string `json:"framework"`
	FrameworkURL string `json:"framework_url"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	Statement    string `json:"statement"`
	Objectives   []int  `json:"objectives"` // numbers of the module's objectives, from 1
}

// addAccreditation adds a module's accreditation record to its page: review dates, authors
// and reviewers with their declared conflicts, and the competencies its objectives serve.
func addAccreditation(body gin.H, a *courses.Accreditation) {
	if a == nil { // a loaded catalogue always has one; this keeps the page well-formed
		return
	}
	fw := courses.Framework()
	comps := make([]competencyItem, 0, len(a.Competencies))
	for _, c := range a.Competencies {
		comps = append(comps, competencyItem{Framework: fw.Name, FrameworkURL: fw.URL, Code: c.Code, Name: c.Name,
			Statement: c.Statement, Objectives: c.Objectives})
	}
	body["reviewed"], body["next_review"] = a.Reviewed, a.NextReview
	body["authors"], body["reviewers"], body["competencies"] = a.Authors, a.Reviewers, comps
}
