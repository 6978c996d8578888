package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// testNotifications: an instructor accepts a team's work; the learner sees the count on the
// bell, opens the notifications, follows the review's link to the team's work (which marks it
// read and lowers the count), marks the rest read, and turns the review's mail off on the
// account page. Each page is checked with axe at 390 and 1,366 px.
func testNotifications(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole(auth.RoleInstructor, "medicine")
	nurse, coder := env.Learner("nursing"), env.Learner("computer_science")
	cohort := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Notified cohort", "tracks": []string{"clinicians", "technologists"}}, http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/invitations", map[string]any{"invitations": []map[string]string{{"email": nurse.Email}, {"email": coder.Email}}}, http.StatusCreated)
	for _, u := range []*testenv.User{nurse, coder} {
		inv := call(t, env, u, "GET", "/api/v1/me/invitations", nil, http.StatusOK).JSON(t)["items"].([]any)[0].(map[string]any)["id"].(string)
		call(t, env, u, "POST", "/api/v1/invitations/"+inv+"/accept", nil, http.StatusOK)
	}
	team := call(t, env, instructor, "POST", "/api/v1/cohorts/"+cohort+"/teams/form", map[string]any{"team_size": 2, "seed": 1}, http.StatusCreated).
		JSON(t)["teams"].([]any)[0].(map[string]any)["id"].(string)
	ex := env.App.Catalog.Exercises()[0]
	sub := call(t, env, nurse, "POST", "/api/v1/teams/"+team+"/submissions", map[string]any{"exercise": ex.Slug, "body_markdown": "Our plan."}, http.StatusCreated).JSON(t)["id"].(string)
	scores := map[string]int{}
	for _, c := range ex.Rubric {
		scores[c.Criterion] = c.MaxPoints
	}
	call(t, env, instructor, "POST", "/api/v1/submissions/"+sub+"/reviews", map[string]any{"decision": "accept", "scores": scores}, http.StatusCreated)

	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, nurse)
	tb.until(`document.querySelector('.bell-count')?.textContent === '3'`)
	tb.expectText(".bell .visually-hidden", "Notifications, 3 unread")
	tb.click(".bell")
	tb.waitPage("Notifications")
	tb.expectText(".notice-summary", "3 unread")
	checkPageAt(tb, "notifications", accountViewports)

	link := "/teams/" + cohort + "/" + team + "/" + ex.Slug
	tb.click(`[data-kind="review.returned"] .notice-title a`)
	tb.until(`location.pathname === ` + jsString(link))
	tb.until(`document.querySelector('.bell-count')?.textContent === '2'`)
	tb.until(`document.querySelector('[data-unread-status]').textContent === '2 unread notifications'`)

	tb.open("/notifications", "Notifications")
	if eval[bool](tb, `document.querySelector('[data-kind="review.returned"]').classList.contains('unread')`) {
		t.Error("the notice followed is still unread")
	}
	tb.click(".notice-toolbar button")
	tb.expectText(".notice-summary", "All read")
	tb.until(`document.querySelector('.bell-count').hidden`)

	tb.open("/account", "Your account")
	tb.clickLabel(`[data-field="email.review.returned"]`, "Not by email")
	tb.click("#notifications-form button[type=submit]")
	tb.expectText("#notifications-form .form-status", "Your notification settings are saved.")
	checkPageAt(tb, "account-notifications", accountViewports)
	for _, k := range call(t, env, nurse, "GET", "/api/v1/me/notification-preferences", nil, http.StatusOK).JSON(t)["kinds"].([]any) {
		if k := k.(map[string]any); k["kind"] == "review.returned" && k["email"] != "off" {
			t.Errorf("the saved choice for reviews: %v", k)
		}
	}
}
