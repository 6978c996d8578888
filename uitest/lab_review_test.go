package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/testenv"
)

// testLabReview: a team that has logged an issue both sides confirmed and proposed a per-group
// recalibration (through the API; testLabTeam does it in the browser) sends it for review
// from a phone; the instructor finds it in the review queue on a laptop, accepts it with full
// points, and opens the lab's debrief: the team's operating points on the plot's table and the
// issue in the severity table; axe finds nothing serious at either width.
func testLabReview(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor, clin, tech := env.WithRole("instructor", "medicine"), env.Learner("medicine"), env.Learner("computer_science")
	cohort, team := labCohort(t, env, "Review cohort", instructor, clin, tech)
	base := "/api/v1/teams/" + team + "/labs/threshold-lab"
	issue := call(t, env, clin, "POST", base+"/issues", map[string]any{"title": "Over-70s under-predicted", "severity": 3, "cause": "Few older patients.",
		"fix": "group_recalibration", "snapshot": map[string]any{"view": "calibration", "threshold": 0.1}}, http.StatusCreated).JSON(t)["id"].(string)
	for _, u := range []*testenv.User{clin, tech} {
		call(t, env, u, "POST", base+"/issues/"+issue+"/confirmations", map[string]any{"severity": 3}, http.StatusCreated)
	}
	call(t, env, tech, "POST", base+"/proposals", map[string]any{"fix": "group_recalibration", "subgroup": "age_band"}, http.StatusCreated)

	phone := newTab(t, browser, env.URL, 390, 844)
	logIn(phone, clin)
	phone.open("/labs/threshold-lab", "Where should the alert fire?")
	phone.click(".lab-submit")
	phone.expectText(".lab-proposal .form-status", "Sent as version 1")

	teacher := acceptLabWork(t, env, browser, instructor, cohort, team)

	teacher.open("/labs/threshold-lab", "Where should the alert fire?")
	teacher.clickLink(".lab-debrief-links", "Review cohort")
	teacher.waitPage("Debrief: Where should the alert fire?")
	teacher.expectText(".lab-chart table", "group_recalibration")
	teacher.expectText(".lab-debrief table", "Logged by clinical members")
	teacher.expectText(".lab-debrief table", "Acted on patients who deteriorated")
	checkPage(teacher, "lab-debrief")
}

// acceptLabWork signs the instructor in on a laptop, finds the team's lab work in the review
// queue, accepts it with full points and checks that it is stored as accepted; it returns
// the instructor's tab.
func acceptLabWork(t *testing.T, env *testenv.Env, browser context.Context, instructor *testenv.User, cohort, team string) *tab {
	t.Helper()
	teacher := newTab(t, browser, env.URL, 1366, 768)
	logIn(teacher, instructor)
	teacher.open("/teach/cohorts/"+cohort+"/reviews", "Review queue")
	teacher.expectText(".review-item", "Prototype lab: Where should the alert fire?")
	eval[bool](teacher, `(() => { for (const i of document.querySelectorAll('.review-item input[data-criterion]')) { i.value = i.max; i.dispatchEvent(new Event('input')); } return true; })()`)
	teacher.fill(".review-item .review-form textarea", "The over-70s are mended; say what the ward does with the alerts.")
	teacher.click(`.review-item button[value="accept"]`)
	teacher.expectText(`[data-result="accept"]`, "accepted")
	work := call(t, env, instructor, "GET", "/api/v1/teams/"+team+"/submissions", nil, http.StatusOK).JSON(t)["items"].([]any)
	if len(work) != 1 || work[0].(map[string]any)["status"] != "accepted" {
		t.Errorf("the team's work as stored: %v", work)
	}
	return teacher
}
