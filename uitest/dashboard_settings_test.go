package uitest

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"tandem/testenv"
)

// testDashboardSettings: the learner's attempts across quizzes are on the dashboard; the
// learner moves a widget to the top with the keyboard, picks the compact layout, saves, and
// finds both again on the next visit; at phone and laptop width, axe-clean.
func testDashboardSettings(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	learner := env.Learner("computer_science")
	first := call(t, env, learner, "POST", "/api/v1/quizzes/clin-evaluation-quiz/attempts", nil, http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, learner, "POST", "/api/v1/attempts/"+first+"/submit", map[string]any{"answers": []any{}}, http.StatusOK)
	open := call(t, env, learner, "POST", "/api/v1/quizzes/clin-evaluation-quiz/attempts", nil, http.StatusCreated).JSON(t)["id"].(string)

	tb := newTab(t, browser, env.URL, 1366, 800)
	logIn(tb, learner)
	tb.expectText(`.widget-attempt_history tr[data-attempt="`+open+`"]`, "Open: carry on")
	tb.expectText(`.widget-attempt_history tr[data-attempt="`+first+`"]`, "Not passed")

	tb.click("details.customise > summary")
	// Keyboard only: focus the attempt history's "up" button and press Enter until it is first.
	eval[bool](tb, `(document.querySelector('[aria-label="Move Your quiz attempts up"]').focus(), true)`)
	for range 10 {
		if eval[bool](tb, `document.querySelector('.widget-order li').dataset.widget === 'attempt_history'`) {
			break
		}
		tb.key(keyEnter)
	}
	if !eval[bool](tb, `document.querySelector('.widget-order li').dataset.widget === 'attempt_history'`) {
		t.Fatal("the attempt history never reached the top")
	}
	if got := tb.focused(); !eval[bool](tb, `document.activeElement.closest('li').dataset.widget === 'attempt_history'`) {
		t.Errorf("after moving, focus is on %s, not on the moved widget's buttons", got)
	}
	tb.clickLabel(".customise", "Compact")
	tb.screenshot("dashboard-settings-desktop")
	tb.audit("the dashboard settings")
	tb.click(".customise button[type=submit]")
	tb.expectText(".customise .form-status", "Saved.")
	tb.until(`document.querySelector('.widgets').classList.contains('widgets-compact') && document.querySelector('.widgets > .widget').classList.contains('widget-attempt_history')`)

	var me struct {
		Dashboard struct {
			Widgets []string `json:"widgets"`
			Density string   `json:"density"`
		} `json:"dashboard"`
	}
	call(t, env, learner, "GET", "/api/v1/me", nil, http.StatusOK).Decode(t, &me)
	if len(me.Dashboard.Widgets) == 0 || me.Dashboard.Widgets[0] != "attempt_history" || me.Dashboard.Density != "compact" || !slices.Contains(me.Dashboard.Widgets, "progress") {
		t.Errorf("saved dashboard: %+v", me.Dashboard)
	}

	for _, vp := range []viewport{{"phone", 390, 800}, {"desktop", 1366, 800}} {
		tb.resize(vp.width, vp.height)
		tb.open("/dashboard", "Dashboard")
		tb.until(`document.querySelector('.widgets').classList.contains('widgets-compact') && document.querySelector('.widgets > .widget').classList.contains('widget-attempt_history')`)
		noHorizontalScroll(tb, "the compact dashboard")
		tb.screenshot("dashboard-compact-" + vp.name)
		tb.audit("the compact dashboard at " + vp.name + " width")
	}
}
