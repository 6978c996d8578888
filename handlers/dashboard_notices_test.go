package handlers_test

import (
	"net/http"
	"slices"
	"testing"

	"tandem/testenv"
)

// The notifications widget is on a new learner's dashboard, and a learner may place it first
// or leave it out; it is named once at most.
func TestDashboardNotificationsWidget(t *testing.T) {
	t.Parallel()
	env := testenv.Shared(t)
	u := env.Learner("medicine")
	widgets := func() []string {
		var me struct {
			Dashboard struct {
				Widgets []string `json:"widgets"`
			} `json:"dashboard"`
		}
		env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: u.AccessToken}).Decode(t, &me)
		return me.Dashboard.Widgets
	}
	if got := widgets(); !slices.Contains(got, "notifications") {
		t.Fatalf("a new learner's widgets: %v", got)
	}
	choose := func(list ...string) int {
		return env.Do(testenv.Request{Method: "PATCH", Path: "/api/v1/me", Token: u.AccessToken,
			Body: map[string]any{"dashboard": map[string]any{"widgets": list}}}).Status
	}
	if s := choose("notifications", "progress"); s != http.StatusOK {
		t.Fatalf("choose notifications first: %d", s)
	}
	if s := choose("notifications", "notifications"); s != http.StatusUnprocessableEntity {
		t.Fatalf("notifications twice: %d", s)
	}
	if got := widgets(); !slices.Equal(got, []string{"notifications", "progress"}) {
		t.Fatalf("the choice stored: %v", got)
	}
}
