package handlers

import (
	"strconv"

	"github.com/gin-gonic/gin"

	"tandem/auth"
	"tandem/courses"
	"tandem/errs"
	"tandem/lab"
	"tandem/lab/model"
)

// labRoutes adds the prototype labs' routes: the labs, their validation data and metrics are
// public like the rest of the catalogue; the instructor guide gives the flaws away, so it is
// for staff.
func (s *Server) labRoutes(api, authed *gin.RouterGroup) {
	api.GET("/labs", s.ListLabs)
	api.GET("/labs/:slug", s.GetLab)
	api.GET("/labs/:slug/validation", s.GetLabValidation)
	api.GET("/labs/:slug/metrics", s.GetLabMetrics)
	authed.GET("/labs/:slug/guide", requireRole(auth.RoleInstructor), s.GetLabGuide)
}

type labRef struct {
	Slug  string `json:"slug"`
	Title string `json:"title"`
}

type labItem struct {
	Slug     string              `json:"slug"`
	Title    string              `json:"title"`
	Summary  string              `json:"summary"`
	Minutes  int                 `json:"minutes"`
	Exercise labRef              `json:"exercise"`
	Modules  []courses.ModuleRef `json:"modules"`
}

func labItemOf(l *courses.Lab) labItem {
	it := labItem{Slug: l.Slug, Title: l.Title, Summary: l.Summary, Minutes: l.Minutes,
		Exercise: labRef{Slug: l.Exercise.Slug, Title: l.Exercise.Title}, Modules: []courses.ModuleRef{}}
	for _, m := range l.Modules {
		it.Modules = append(it.Modules, *courses.RefOf(m))
	}
	return it
}

// ListLabs lists the catalogue's prototype labs.
func (s *Server) ListLabs(c *gin.Context) {
	items := []labItem{}
	for _, l := range s.catalog.Labs() {
		items = append(items, labItemOf(l))
	}
	c.JSON(200, gin.H{"items": items})
}

type labFeature struct {
	Name  string `json:"name"`
	Label string `json:"label"`
}

type labDetail struct {
	labItem
	BriefHTML    string                         `json:"brief_html"`
	Model        string                         `json:"model"`
	Compare      string                         `json:"compare,omitempty"`
	Threshold    float64                        `json:"threshold"`
	Views        []string                       `json:"views"`
	Subgroups    []string                       `json:"subgroups"`
	Fixes        []string                       `json:"fixes"`
	Features     map[string][]labFeature        `json:"features"`
	Coefficients map[string][]model.Coefficient `json:"coefficients"`
}

// GetLab returns a lab: its brief, what it shows, and its models' coefficients.
func (s *Server) GetLab(c *gin.Context) {
	b, err := s.labs.Lab(c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	l := b.Lab
	d := labDetail{labItem: labItemOf(l), BriefHTML: l.BriefHTML, Model: l.Model, Compare: l.Compare, Threshold: l.Threshold,
		Views: l.Views, Subgroups: l.Subgroups, Fixes: nonNil(l.Fixes),
		Features: map[string][]labFeature{}, Coefficients: map[string][]model.Coefficient{}}
	for _, name := range b.ModelNames() {
		m := b.Models[name]
		d.Coefficients[name] = m.Coefficients
		for _, f := range m.Features {
			feat, _ := model.FeatureByName(f)
			d.Features[name] = append(d.Features[name], labFeature{Name: feat.Name, Label: feat.Label})
		}
	}
	c.JSON(200, d)
}

// GetLabValidation returns the validation split's scores, labels and subgroups: the only
// patient-level data that leaves the server.
func (s *Server) GetLabValidation(c *gin.Context) {
	b, err := s.labs.Lab(c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(200, b.Validation())
}

// GetLabMetrics evaluates a model on the validation split at a threshold, for everyone, per
// group of a subgroup, or for one group.
func (s *Server) GetLabMetrics(c *gin.Context) {
	b, err := s.labs.Lab(c.Param("slug"))
	if err != nil {
		fail(c, err)
		return
	}
	q := lab.Query{Model: c.DefaultQuery("model", b.Lab.Model), Threshold: b.Lab.Threshold,
		Subgroup: c.Query("subgroup"), Group: c.Query("group")}
	if raw, ok := c.GetQuery("threshold"); ok {
		t, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			fail(c, errs.Invalid(map[string]string{"threshold": "must be a number from 0 to 1"}))
			return
		}
		q.Threshold = t
	}
	e, err := b.Evaluate(q)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(200, e)
}

// GetLabGuide returns a lab's instructor guide.
func (s *Server) GetLabGuide(c *gin.Context) {
	l, ok := s.catalog.Lab(c.Param("slug"))
	if !ok {
		fail(c, errs.NotFound("Lab"))
		return
	}
	c.JSON(200, gin.H{"slug": l.Slug, "title": l.Title, "guide_html": l.GuideHTML})
}
