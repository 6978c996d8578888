package uitest

import (
	"context"
	"net/http"
	"slices"
	"testing"

	"tandem/testenv"
)

// testLearning: a learner enrols from the catalogue, resumes, marks a lesson complete, sends
// feedback on it (and finds it again), and shapes the dashboard.
func testLearning(t *testing.T, env *testenv.Env, browser context.Context) {
	learner := env.Learner("nursing")
	tb := newTab(t, browser, env.URL, 360, 800)
	logIn(tb, learner)
	tb.expectText(".resume", "not enrolled")

	tb.clickLink(".main-nav", "Courses")
	tb.waitPage("Courses")
	tb.click(".track-head.clinical .enrol button")
	tb.expectText(".track-head.clinical .enrolled-status", "Enrolled")
	if !eval[bool](tb, `document.activeElement.matches('.track-head.clinical .enrolled-status')`) {
		t.Errorf("after enrolling, focus is on %s, not on the enrolled status", tb.focused())
	}
	tb.clickLink(".track-head.clinical", "Continue: Is the model any good?, part 1")
	tb.waitPage("Is the model any good?, part 1")

	tb.click(".complete button")
	tb.expectText(".completed-status", "Lesson completed")

	tb.click("details.feedback > summary")
	tb.clickLabel(".feedback-form .rating", "4Very good")
	tb.clickLabel(".feedback-form", "Something is unclear")
	tb.fill(".feedback-form textarea", "The table needs a sentence on what a good AUROC is.")
	tb.click(".feedback-form button[type=submit]")
	tb.expectText(".feedback-form .form-status", "Thank you")
	var mine struct {
		Items []struct {
			Rating  int    `json:"rating"`
			Kind    string `json:"kind"`
			Comment string `json:"comment"`
		} `json:"items"`
	}
	r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/lessons/clin-evaluation-part-1/feedback", Token: learner.AccessToken})
	r.Decode(t, &mine)
	if len(mine.Items) != 1 || mine.Items[0].Rating != 4 || mine.Items[0].Kind != "unclear" {
		t.Fatalf("stored feedback = %+v", mine.Items)
	}
	tb.open("/lessons/clin-evaluation-part-1", "Is the model any good?, part 1")
	tb.click("details.feedback > summary")
	tb.expectText(".feedback-earlier", "You sent feedback on")
	if !eval[bool](tb, `document.querySelector('.feedback-form .rating input[value="4"]').checked`) {
		t.Error("the form does not show the earlier rating")
	}

	tb.clickLink(".main-nav", "Dashboard")
	tb.waitPage("Dashboard")
	tb.expectText(".resume", "Continue: Is the model any good?, part 2")
	tb.expectText(".widget-progress", "1 of 2 lessons done")
	tb.expectText(".widget-counterpart_suggestions", "Evaluating clinical utility")
	tb.expectText(".widget-quiz_history", "not taken a quiz")
	tb.click("details.customise > summary")
	tb.clickLabel(".customise", "Quiz results")
	tb.click(".customise button[type=submit]")
	tb.expectText(".customise .form-status", "Saved.")
	tb.until(`!document.querySelector('.widget-quiz_history')`)
	var me struct {
		Dashboard struct {
			Widgets []string `json:"widgets"`
		} `json:"dashboard"`
	}
	r = env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me", Token: learner.AccessToken})
	if r.Status != http.StatusOK {
		t.Fatalf("GET /me: %d", r.Status)
	}
	r.Decode(t, &me)
	w := me.Dashboard.Widgets
	if slices.Contains(w, "quiz_history") || !slices.Contains(w, "progress") || !slices.Contains(w, "certificates") {
		t.Errorf("saved widgets = %v: want quiz_history gone, the rest (including widgets this UI does not draw) kept", w)
	}
}
