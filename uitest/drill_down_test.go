package uitest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"tandem/auth"
	"tandem/testenv"
)

var drillViewports = []viewport{{"phone", 390, 844}, {"desktop", 1366, 768}}

// drillCohort is a cohort of a nurse and a programmer in one team: the nurse has finished the
// clinical track, sent a lesson report, took the clinical role and the team's work was
// accepted; the two rated each other with comments for the instructor.
type drillCohort struct {
	id, team           string
	instructor         *testenv.User
	nurse, programmer  *testenv.User
	lesson, peerRemark string
}

func newDrillCohort(t *testing.T, env *testenv.Env) drillCohort {
	t.Helper()
	d := drillCohort{instructor: env.WithRole(auth.RoleInstructor, "medicine"), nurse: env.Learner("nursing"), programmer: env.Learner("computer_science"),
		peerRemark: "She walked us through the handover on the ward."}
	ends := time.Now().AddDate(0, 0, 20).Format(time.DateOnly)
	d.id = call(t, env, d.instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Drill-down cohort", "tracks": []string{"clinicians"},
		"starts_on": time.Now().Format(time.DateOnly), "ends_on": ends}, http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, d.instructor, "POST", "/api/v1/cohorts/"+d.id+"/members", map[string]any{"emails": []string{d.nurse.Email, d.programmer.Email}}, http.StatusOK)
	acceptInvitation(t, env, d.nurse, d.id)
	acceptInvitation(t, env, d.programmer, d.id)
	finishClinicians(t, env, d.nurse)
	d.lesson = env.App.Catalog.Lessons()[0].Slug
	call(t, env, d.nurse, "POST", "/api/v1/lessons/"+d.lesson+"/feedback", map[string]any{"rating": 4, "kind": "suggestion", "comment": "A worked example from the ward would help."}, http.StatusCreated)
	var formed struct {
		Teams []struct{ ID string } `json:"teams"`
	}
	call(t, env, d.instructor, "POST", "/api/v1/cohorts/"+d.id+"/teams/form", map[string]any{"team_size": 2, "seed": 4}, http.StatusCreated).Decode(t, &formed)
	d.team = formed.Teams[0].ID
	call(t, env, d.nurse, "PUT", "/api/v1/teams/"+d.team+"/roles", map[string]any{"exercise": exerciseSlug, "role": "Clinical lead", "user_id": d.nurse.ID}, http.StatusOK)
	sub := call(t, env, d.nurse, "POST", "/api/v1/teams/"+d.team+"/submissions", map[string]any{"exercise": exerciseSlug, "body_markdown": "# Need\nAlarm when SpO2 falls below 92.\n"}, http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, d.instructor, "POST", "/api/v1/submissions/"+sub+"/reviews", map[string]any{"decision": "accept", "scores": map[string]float64{"clinical-need": 2, "evaluation-plan": 1}}, http.StatusCreated)
	ratings := map[string]int{"contributing": 5, "interacting": 4, "keeping_on_track": 4, "expecting_quality": 5, "relevant_knowledge": 5}
	call(t, env, d.programmer, "POST", "/api/v1/teams/"+d.team+"/peer-evaluations", map[string]any{"exercise": exerciseSlug, "ratee_id": d.nurse.ID, "ratings": ratings, "comment": d.peerRemark}, http.StatusCreated)
	call(t, env, d.nurse, "POST", "/api/v1/teams/"+d.team+"/peer-evaluations", map[string]any{"exercise": exerciseSlug, "ratee_id": d.programmer.ID, "ratings": ratings}, http.StatusCreated)
	return d
}

// testLearnerDrillDown: from the cohort's grid the instructor opens one learner and reads
// their quiz attempts, their role and team work, the peer comments written for the
// instructor and the lesson feedback they sent; at phone and laptop width, axe-clean.
func testLearnerDrillDown(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	d := newDrillCohort(t, env)
	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, d.instructor)
	tb.open("/teach/cohorts/"+d.id, "Drill-down cohort")
	tb.click(`.grid tr[data-learner="` + d.nurse.ID + `"] .grid-name`)
	tb.until(`document.activeElement.id === 'learner-detail-heading'`)
	tb.until(`document.querySelector('.learner-detail')?.getAttribute('aria-busy') === 'false'`)
	detail := `.learner-detail[data-learner="` + d.nurse.ID + `"]`
	tb.expectText(detail+` [data-quiz="clin-evaluation-quiz"]`, "100% counted (the best attempt), passed, 1 of 3 attempts used")
	tb.expectText(detail+` [data-quiz="clin-deployment-quiz"]`, "counted (the last attempt)")
	tb.expectText(detail, "Takes the role of Clinical lead in "+exerciseTitle)
	tb.expectText(detail+` [data-exercise="`+exerciseSlug+`"]`, "Accepted (version 1), 3 of")
	tb.expectText(detail+" .peer-comments", d.peerRemark)
	tb.expectText(detail, "Rated "+d.programmer.Name+" on "+exerciseTitle+".")
	tb.expectText(detail, "A worked example from the ward would help.")
	tb.expectText(detail, "nothing from before and nothing from other cohorts")
	checkPageAt(tb, "cohort-learner-drill-down", drillViewports)
	tb.click(".learner-detail .section-head button")
	tb.until(`!document.querySelector('.learner-detail') && document.activeElement.classList.contains('grid-name')`)
}

// testDashboardNotices: the programmer of that team finds on the dashboard their unread
// notifications with links, the time-limited quiz attempt they left open and the cohort's
// last day among the next due dates, marks every notice read from the widget, and in the
// team's workspace the role select offers the role's discipline first; at phone and laptop
// width, axe-clean.
func testDashboardNotices(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	d := newDrillCohort(t, env)
	u := d.programmer
	call(t, env, u, "POST", "/api/v1/tracks/clinicians/enrol", nil, http.StatusCreated)
	attempt := startAttempt(t, env, u, "clin-deployment-quiz")

	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, u)
	widget := ".widget-notifications"
	tb.until(`/\d+ unread notifications?/.test(document.querySelector('` + widget + ` .notice-summary')?.textContent || '')`)
	if n := eval[int](tb, `document.querySelectorAll('`+widget+` li a[href]').length`); n == 0 {
		t.Error("the notifications widget links to nothing")
	}
	tb.expectText(`.widget-next_due_dates li[data-attempt="`+attempt+`"]`, "open attempt, closes on")
	tb.expectText(`.widget-next_due_dates li[data-cohort-end="`+d.id+`"]`, "The cohort Drill-down cohort ends")
	tb.expectText(".widget-next_due_dates .hint", "Quizzes have no due dates of their own")
	checkPageAt(tb, "dashboard-notifications", drillViewports)
	tb.click(widget + " .widget-actions button")
	tb.expectText(widget+" .notice-summary", "No unread notifications")
	tb.until(`document.querySelector('.bell-count').hidden`)

	tb.open(teamExerciseHref(d.id, d.team), exerciseTitle)
	groups := eval[[]string](tb, `[...document.querySelectorAll('.role.clinical select optgroup')].map((g) => g.label + ': ' + [...g.children].map((o) => o.textContent).join(', '))`)
	want := []string{"Members of the role’s discipline: " + d.nurse.Name, "Other members: " + u.Name + " (other discipline)"}
	if len(groups) != 2 || groups[0] != want[0] || groups[1] != want[1] {
		t.Errorf("the clinical role's select offers %q, want %q", groups, want)
	}
	checkPageAt(tb, "team-roles", drillViewports)
}
