package handlers

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
	"tandem/textinput"
)

// DashboardWidgets are the widgets a learner can show on their dashboard, in default order.
var DashboardWidgets = []string{"progress", "quiz_history", "team_activity", "certificates", "counterpart_suggestions", "attempt_history"}

// DashboardDensities are how closely a dashboard is laid out; the first is the default.
var DashboardDensities = []string{"detailed", "compact"}

// dashboardJSON is a learner's dashboard: the widgets shown, in the order shown, and the density.
type dashboardJSON struct {
	Widgets []string `json:"widgets"`
	Density string   `json:"density,omitempty"`
}

type userJSON struct {
	ID          string        `json:"id"`
	Email       string        `json:"email"`
	Name        string        `json:"name"`
	Discipline  string        `json:"discipline"`
	Institution string        `json:"institution"`
	Roles       []string      `json:"roles"`
	Dashboard   dashboardJSON `json:"dashboard"`
	CreatedAt   time.Time     `json:"created_at"`
	// EmailVerified says whether the address was confirmed through a link mailed to it.
	EmailVerified bool `json:"email_verified"`
}

func userView(u *models.User, roles []string) userJSON {
	d := dashboardJSON{Widgets: DashboardWidgets}
	var stored dashboardJSON
	if json.Unmarshal([]byte(u.Dashboard), &stored) == nil && stored.Widgets != nil {
		d = stored
	}
	if d.Density == "" {
		d.Density = DashboardDensities[0]
	}
	return userJSON{ID: u.ID, Email: u.Email, Name: u.Name, Discipline: u.Discipline, Institution: u.Institution,
		Roles: roles, Dashboard: d, CreatedAt: u.CreatedAt, EmailVerified: u.EmailVerifiedAt != nil}
}

// Me returns the caller's profile.
func (s *Server) Me(c *gin.Context) {
	u, err := s.store.UserByID(c.Request.Context(), callerID(c))
	if errors.Is(err, models.ErrNotFound) {
		err = errs.Unauthorized("account_closed", "This account no longer exists.")
	}
	if err != nil {
		fail(c, err)
		return
	}
	s.respondUser(c, u)
}

func (s *Server) respondUser(c *gin.Context, u *models.User) {
	roles, err := s.accounts.Roles(c.Request.Context(), u)
	if err != nil {
		fail(c, err)
		return
	}
	c.JSON(http.StatusOK, userView(u, roles))
}

type updateMeRequest struct {
	Name        *string        `json:"name"`
	Institution *string        `json:"institution"`
	Discipline  *string        `json:"discipline"`
	Dashboard   *dashboardJSON `json:"dashboard"`
}

// UpdateMe changes the caller's name, institution, discipline or dashboard widgets.
func (s *Server) UpdateMe(c *gin.Context) {
	var req updateMeRequest
	if err := bind(c, &req); err != nil {
		fail(c, err)
		return
	}
	fields := map[string]string{}
	var patch models.UserPatch
	if req.Name != nil {
		name := strings.TrimSpace(*req.Name)
		switch {
		case name == "" || utf8.RuneCountInString(name) > 200:
			fields["name"] = "must be 1 to 200 characters"
		case textinput.NameProblem(name) != "":
			fields["name"] = textinput.NameProblem(name)
		}
		patch.Name = &name
	}
	if req.Institution != nil {
		inst := strings.TrimSpace(*req.Institution)
		switch {
		case utf8.RuneCountInString(inst) > 200:
			fields["institution"] = "must be at most 200 characters"
		case textinput.NameProblem(inst) != "":
			fields["institution"] = textinput.NameProblem(inst)
		}
		patch.Institution = &inst
	}
	if req.Discipline != nil {
		if !disciplines.Valid(*req.Discipline) {
			fields["discipline"] = "must be one of " + strings.Join(disciplines.All(), ", ")
		}
		patch.Discipline = req.Discipline
	}
	if req.Dashboard != nil {
		seen := map[string]bool{}
		for _, w := range req.Dashboard.Widgets {
			if !slices.Contains(DashboardWidgets, w) || seen[w] {
				fields["dashboard.widgets"] = "must be distinct names from " + strings.Join(DashboardWidgets, ", ")
			}
			seen[w] = true
		}
		if req.Dashboard.Density != "" && !slices.Contains(DashboardDensities, req.Dashboard.Density) {
			fields["dashboard.density"] = "must be one of " + strings.Join(DashboardDensities, ", ")
		}
		if req.Dashboard.Widgets == nil {
			req.Dashboard.Widgets = []string{}
		}
		b, _ := json.Marshal(req.Dashboard)
		d := string(b)
		patch.Dashboard = &d
	}
	if len(fields) > 0 {
		fail(c, errs.Invalid(fields))
		return
	}
	u, err := s.store.UpdateUser(c.Request.Context(), callerID(c), patch)
	if err != nil {
		fail(c, err)
		return
	}
	s.respondUser(c, u)
}
