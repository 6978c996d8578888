package auth

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"unicode/utf8"

	"tandem/disciplines"
	"tandem/errs"
	"tandem/locale"
	"tandem/models"
	"tandem/textinput"
)

// DashboardWidgets are the widgets a learner can show on their dashboard, in default order.
var DashboardWidgets = []string{"progress", "notifications", "quiz_history", "team_activity", "certificates", "counterpart_suggestions", "attempt_history",
	"next_due_dates", "labs"}

// DashboardDensities are how closely a dashboard is laid out; the first is the default.
var DashboardDensities = []string{"detailed", "compact"}

// Dashboard is the widgets a user shows on their dashboard, in their order, and how closely
// they are laid out.
type Dashboard struct {
	Widgets []string `json:"widgets"`
	Density string   `json:"density,omitempty"`
}

// DashboardOf returns the dashboard u chose, or every widget in default order when they have
// not chosen.
func DashboardOf(u *models.User) Dashboard {
	d := Dashboard{Widgets: DashboardWidgets}
	var stored Dashboard
	if json.Unmarshal([]byte(u.Dashboard), &stored) == nil && stored.Widgets != nil {
		d = stored
	}
	if d.Density == "" {
		d.Density = DashboardDensities[0]
	}
	return d
}

// ProfileChange is what users change in their own profile; nil fields stay.
type ProfileChange struct {
	Name        *string
	Institution *string
	Discipline  *string
	Dashboard   *Dashboard
	Language    *string // en, fr, de or it; "" forgets the choice
}

// UpdateProfile checks the caller's changes to their profile, every field at once (422 with
// the problem of each), and stores them.
func (s *Service) UpdateProfile(ctx context.Context, caller Caller, in ProfileChange) (*models.User, error) {
	fields := map[string]string{}
	var patch models.UserPatch
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		switch {
		case name == "" || utf8.RuneCountInString(name) > 200:
			fields["name"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 200})
		case textinput.NameProblem(name) != "":
			fields["name"] = textinput.NameProblem(name)
		}
		patch.Name = &name
	}
	if in.Institution != nil {
		inst := strings.TrimSpace(*in.Institution)
		switch {
		case utf8.RuneCountInString(inst) > 200:
			fields["institution"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 200})
		case textinput.NameProblem(inst) != "":
			fields["institution"] = textinput.NameProblem(inst)
		}
		patch.Institution = &inst
	}
	if in.Discipline != nil {
		if !disciplines.Valid(*in.Discipline) {
			fields["discipline"] = errs.Reason("reason.rule_oneof", map[string]any{"Choices": disciplines.All()})
		}
		patch.Discipline = in.Discipline
	}
	if in.Dashboard != nil {
		if problem := dashboardProblem(in.Dashboard.Widgets); problem != "" {
			fields["dashboard.widgets"] = problem
		}
		if in.Dashboard.Density != "" && !slices.Contains(DashboardDensities, in.Dashboard.Density) {
			fields["dashboard.density"] = errs.Reason("reason.rule_oneof", map[string]any{"Choices": DashboardDensities})
		}
		d := Dashboard{Widgets: in.Dashboard.Widgets, Density: in.Dashboard.Density}
		if d.Widgets == nil {
			d.Widgets = []string{}
		}
		b, _ := json.Marshal(d)
		stored := string(b)
		patch.Dashboard = &stored
	}
	if in.Language != nil {
		if *in.Language != "" && !locale.Valid(*in.Language) {
			fields["language"] = errs.Reason("reason.rule_oneof", map[string]any{"Choices": locale.Supported()})
		}
		patch.Language = in.Language
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	return s.store.UpdateUser(ctx, caller.ID, patch)
}

// dashboardProblem says what is wrong with a choice of widgets: "" when each is a known
// widget, named once.
func dashboardProblem(widgets []string) string {
	seen := map[string]bool{}
	for _, w := range widgets {
		if !slices.Contains(DashboardWidgets, w) || seen[w] {
			return errs.Reason("reason.dashboard_widgets", map[string]any{"Widgets": DashboardWidgets})
		}
		seen[w] = true
	}
	return ""
}
