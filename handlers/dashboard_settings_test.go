package handlers_test

import (
	"net/http"
	"slices"
	"testing"

	"tandem/testenv"
)

// A learner's dashboard keeps the widgets in the order they put them and the density they
// chose; a density it does not know is refused and changes nothing.
func TestDashboardOrderAndDensityAreSaved(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("data_science")
	type dashboard struct {
		Widgets []string `json:"widgets"`
		Density string   `json:"density"`
	}
	read := func() dashboard {
		var me struct {
			Dashboard dashboard `json:"dashboard"`
		}
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).Decode(t, &me)
		return me.Dashboard
	}
	if d := read(); d.Density != "detailed" || !slices.Contains(d.Widgets, "progress") {
		t.Fatalf("a new learner's dashboard: %+v", d)
	}
	want := dashboard{Widgets: []string{"attempt_history", "certificates", "progress"}, Density: "compact"}
	if r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]any{"dashboard": want}}); r.Status != http.StatusOK {
		t.Fatalf("save: %d %s", r.Status, r.Body)
	}
	if d := read(); !slices.Equal(d.Widgets, want.Widgets) || d.Density != "compact" {
		t.Fatalf("read back: %+v", d)
	}
	r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken,
		Body: map[string]any{"dashboard": map[string]any{"widgets": []string{"progress"}, "density": "cosy"}}})
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown density: %d %s", r.Status, r.Body)
	}
	if d := read(); !slices.Equal(d.Widgets, want.Widgets) || d.Density != "compact" {
		t.Fatalf("a refused change was stored: %+v", d)
	}
}

// The dashboard offers next due dates and labs: a new learner sees them, a learner may choose
// them, and a widget the server does not know is still refused.
func TestDashboardPlanningWidgets(t *testing.T) {
	env := testenv.New(t)
	u := env.Learner("nursing")
	var me struct {
		Dashboard struct {
			Widgets []string `json:"widgets"`
		} `json:"dashboard"`
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).Decode(t, &me)
	if !slices.Contains(me.Dashboard.Widgets, "next_due_dates") || !slices.Contains(me.Dashboard.Widgets, "labs") {
		t.Fatalf("a new learner's widgets: %v", me.Dashboard.Widgets)
	}
	if r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken,
		Body: map[string]any{"dashboard": map[string]any{"widgets": []string{"labs", "next_due_dates"}}}}); r.Status != http.StatusOK {
		t.Fatalf("choose the planning widgets: %d %s", r.Status, r.Body)
	}
	if r := env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken,
		Body: map[string]any{"dashboard": map[string]any{"widgets": []string{"labs", "weather"}}}}); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("an unknown widget: %d %s", r.Status, r.Body)
	}
	env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).Decode(t, &me)
	if !slices.Equal(me.Dashboard.Widgets, []string{"labs", "next_due_dates"}) {
		t.Fatalf("the choice stored: %v", me.Dashboard.Widgets)
	}
}
