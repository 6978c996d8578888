package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/testenv"
)

// testAccommodations: a cohort's instructor opens its Accommodations tab, is told what is
// missing when nothing extra is given, gives one learner 50 % more time at the deployment
// check, adds and removes a whole-cohort sitting, and is told next to the learner field when
// a learner left before the instructor pressed Add; the list and the progress grid show the
// learner's, and when the learner starts the ten-minute quiz the countdown starts at fifteen;
// the instructor extends that attempt under way by ten minutes and its countdown follows.
// Before starting, the learner reads their longer time limit on the quiz's page.
func testAccommodations(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole("instructor", "medicine")
	id := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Accommodated cohort", "tracks": []string{"clinicians"}}, http.StatusCreated).JSON(t)["id"].(string)
	code := call(t, env, instructor, "POST", "/api/v1/cohorts/"+id+"/join-code", map[string]any{}, http.StatusCreated).JSON(t)["code"]
	learner := env.Learner("nursing")
	call(t, env, learner, "POST", "/api/v1/join-codes/redeem", map[string]any{"code": code}, http.StatusOK)
	leaver := env.Learner("computer_science")
	call(t, env, leaver, "POST", "/api/v1/join-codes/redeem", map[string]any{"code": code}, http.StatusOK)

	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, instructor)
	tb.open("/teach/cohorts/"+id, "Accommodated cohort")
	tb.clickLink(".subnav", "Accommodations")
	tb.waitPage("Accommodations in Accommodated cohort")
	tb.expectText(".accommodation-area", "No accommodations yet.")

	// Nothing extra: the message sits next to the extra-time field and in the summary.
	tb.click("#accommodation-form button[type=submit]")
	tb.expectText(`[data-field="extra_time_percent"] .field-error`, "Give extra time in percent or minutes, extra attempts, or extra days.")
	tb.expectText(".error-summary", "There is a problem")

	tb.selectByKeyboard("#acc-user", learner.ID)
	tb.selectByKeyboard("#acc-quiz", "clin-deployment-quiz")
	tb.fill("#acc-extra-time-percent", "50")
	tb.fill("#acc-note", "Agreed with the disability office")
	tb.click("#accommodation-form button[type=submit]")
	mine := `.accommodation[data-user="` + learner.ID + `"]`
	tb.expectText(mine, learner.Name)
	tb.expectText(mine+" .accommodation-grant", "50% more time at Deployment check")
	tb.expectText(mine, "Time limit 10 minutes, for them 15 minutes.")
	tb.until(`document.querySelector('.error-summary').hidden && !document.querySelector('.field-error')`)
	tb.expectText(".accommodation-outcome", "The accommodation is added.")

	// A later sitting for everyone, then withdrawn.
	tb.fill("#acc-extra-attempts", "1")
	tb.click("#accommodation-form button[type=submit]")
	tb.expectText(".accommodation:not([data-user])", "1 more attempt at every quiz")
	tb.click(".accommodation:not([data-user]) button")
	tb.until(`document.querySelectorAll('.accommodation').length === 1`)
	tb.expectText(".accommodation-outcome", "The later sitting for every member is removed.")
	if got := len(call(t, env, instructor, "GET", "/api/v1/accommodations?cohort="+id, nil, http.StatusOK).JSON(t)["items"].([]any)); got != 1 {
		t.Errorf("after removing the sitting the cohort has %d accommodations, want 1", got)
	}

	// A learner who left after the page was drawn: the server's answer sits next to the learner field.
	call(t, env, leaver, "POST", "/api/v1/cohorts/"+id+"/leave", nil, http.StatusNoContent)
	tb.selectByKeyboard("#acc-user", leaver.ID)
	tb.fill("#acc-extra-minutes", "20")
	tb.click("#accommodation-form button[type=submit]")
	tb.expectText(`[data-field="user"] .field-error`, "Learner is not a member of the cohort.")
	tb.expectText(".error-summary a", "Learner is not a member of the cohort.")
	tb.until(`document.querySelectorAll('.accommodation').length === 1 && document.querySelector('.accommodation-outcome').textContent === ''`)
	checkPageAt(tb, "accommodations", statisticsViewports)

	tb.clickLink(".subnav", "Progress")
	tb.expectText(`tr[data-learner="`+learner.ID+`"] .grid-accommodation`, "Accommodation: +50% time at Deployment check")

	lt := newTab(t, browser, env.URL, 390, 844)
	logIn(lt, learner)
	lt.open("/quizzes/clin-deployment-quiz", "Deployment check")
	lt.expectText(".my-allowance", "You have 15 minutes for this quiz instead of 10.")
	lt.audit("a quiz with the learner's accommodation")
	lt.click("main button.button-large")
	lt.until(`/^(15:00|14:[0-5]\d)$/.test((document.querySelector('.countdown-time') || {}).textContent || '')`)

	// The instructor finds the attempt under way and gives it ten minutes more; the learner's
	// countdown, reloaded, runs from the new deadline.
	attempt := eval[string](lt, `location.pathname.split('/').pop()`)
	tb.open("/teach/cohorts/"+id+"/accommodations", "Accommodations in Accommodated cohort")
	card := `.open-attempt[data-attempt="` + attempt + `"]`
	tb.expectText(card, learner.Name)
	tb.expectText(card, "Deployment check, attempt 1: ends at")
	deadline := eval[string](tb, `document.querySelector('`+card+` time').dateTime`)
	tb.fill("#extend-"+attempt, "10")
	tb.click(card + " button[type=submit]")
	tb.until(`(document.querySelector('` + card + ` time') || {}).dateTime !== '` + deadline + `'`)
	tb.audit("accommodations with an attempt extended")
	lt.open("/attempts/"+attempt, "Deployment check")
	lt.until(`/^(25:00|24:[0-5]\d)$/.test((document.querySelector('.countdown-time') || {}).textContent || '')`)
}

// testPlatformAccommodations: an admin opens Accommodations from the administration page, is
// told what is missing, gives a learner 2 more attempts and 3 more days by their email address,
// sees it listed under the learner's name, and withdraws it; the learner is told in their
// notifications.
func testPlatformAccommodations(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	admin := env.WithRole("admin", "other")
	learner := env.Learner("allied_health")
	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, admin)
	tb.open("/admin", "Administration")
	tb.clickLink(".admin-parts", "Accommodations")
	tb.waitPage("Accommodations across the platform")
	tb.click("#platform-accommodation-form button[type=submit]")
	tb.expectText(`[data-field="email"] .field-error`, "Enter the learner's email address.")
	tb.fill("#pacc-email", learner.Email)
	tb.fill("#pacc-extra-attempts", "2")
	tb.fill("#pacc-extra-days", "3")
	tb.click("#platform-accommodation-form button[type=submit]")
	tb.expectText(".accommodation-outcome", "The accommodation is added.")
	tb.expectText(".accommodation", learner.Name)
	tb.expectText(".accommodation .accommodation-grant", "2 more attempts and team exercises due 3 days later")
	tb.audit("accommodations across the platform")
	if got := call(t, env, learner, "GET", "/api/v1/me/accommodations", nil, http.StatusOK).JSON(t)["items"].([]any); len(got) != 1 {
		t.Errorf("the learner's accommodations: %v", got)
	}
	tb.click(".accommodation button")
	tb.expectText(".accommodation-outcome", "The accommodation of "+learner.Name+" is removed.")
}
