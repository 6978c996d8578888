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
