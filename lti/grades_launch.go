package lti

import (
	"strings"

	"tandem/courses"
	"tandem/models"
)

// The scopes of LTI Assignment and Grade Services and of Names and Role Provisioning Services
// that Tandem asks for.
const (
	ScopeLineItem    = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
	ScopeResultRead  = "https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly"
	ScopeScore       = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
	ScopeMemberships = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
)

// resourceOf names the gradable item behind a path of Tandem: "quiz:<slug>" for /quizzes/<slug>,
// "module:<slug>" for /modules/<slug>; "" for any other page.
func resourceOf(path string) string {
	path, _, _ = strings.Cut(path, "?")
	for prefix, kind := range map[string]string{"/quizzes/": "quiz", "/modules/": "module"} {
		if slug, ok := strings.CutPrefix(path, prefix); ok && slug != "" && !strings.Contains(slug, "/") {
			return kind + ":" + slug
		}
	}
	return ""
}

// contextServices is what the launch's course offers, nil when it offers no service.
func contextServices(c *LaunchClaims) *models.LTIContextService {
	cs := &models.LTIContextService{}
	if g := c.Grades; g != nil && httpURL(g.LineItems, false) && len(g.LineItems) <= 1000 {
		cs.LineItemsURL, cs.Scopes = g.LineItems, clip(strings.Join(g.Scope, " "), 4000)
	}
	if r := c.Roster; r != nil && httpURL(r.MembershipsURL, false) && len(r.MembershipsURL) <= 1000 {
		cs.MembershipsURL = r.MembershipsURL
	}
	if cs.LineItemsURL == "" && cs.MembershipsURL == "" {
		return nil
	}
	return cs
}

// launchLineItem is the line item a resource link launch names for the quiz or module it
// opens, nil when it names none or opens another page.
func (s *Service) launchLineItem(c *LaunchClaims, path string) *models.LTILineItem {
	g := c.Grades
	res := resourceOf(path)
	if c.MessageType != MessageResourceLink || g == nil || res == "" || !httpURL(g.LineItem, false) || len(g.LineItem) > 1000 {
		return nil
	}
	label, maximum := gradable(s.catalog, res)
	if label == "" {
		return nil
	}
	return &models.LTILineItem{ResourceID: res, Label: label, ScoreMaximum: maximum, URL: g.LineItem}
}

// gradable returns the gradebook label and maximum of a resource id of the catalogue ("" when
// it names none): quizzes and modules out of 100 (percent), exercises out of their rubric's
// points.
func gradable(cat *courses.Catalog, resourceID string) (string, float64) {
	kind, slug, _ := strings.Cut(resourceID, ":")
	switch kind {
	case "quiz":
		if q, ok := cat.Quiz(slug); ok {
			return clip(q.Title, 200), 100
		}
	case "module":
		if m, ok := cat.Module(slug); ok {
			return clip(m.Title, 200), 100
		}
	case "exercise":
		if x, ok := cat.Exercise(slug); ok {
			total := 0
			for _, c := range x.Rubric {
				total += c.MaxPoints
			}
			return clip(x.Title, 200), float64(total)
		}
	}
	return "", 0
}
