package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/testenv"
)

// testSessionAcrossTabs: the session lives in the browser's cookies, not in one tab, so a
// second tab is signed in and so is a browser restarted with the same cookie jar; answers
// typed into a quiz on one device are there when the attempt is opened on another.
func testSessionAcrossTabs(t *testing.T, env *testenv.Env, browser context.Context) {
	learner := env.Learner("medicine")
	first := newTab(t, browser, env.URL, 1366, 800)
	logIn(first, learner)
	second := first.sibling(390, 800)
	second.open("/dashboard", "Dashboard")
	second.expectText(".account-name", learner.Name)
	// The second tab rotated the refresh token; the first goes on with the rotated one.
	first.open("/", "Courses")
	first.expectText(".account-name", learner.Name)

	jar := first.cookies()
	second.close()
	first.close()
	restarted := newTab(t, browser, env.URL, 1366, 800)
	restarted.restoreCookies(jar)
	restarted.open("/dashboard", "Dashboard")
	restarted.expectText(".account-name", learner.Name)

	// A draft typed on the laptop appears on the phone.
	start := env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/clin-evaluation-quiz/attempts", Token: learner.AccessToken})
	if start.Status != http.StatusCreated {
		t.Fatalf("start attempt: %d %s", start.Status, start.Body)
	}
	var a struct {
		ID string `json:"id"`
	}
	start.Decode(t, &a)
	q := func(id string) string { return `[data-question="clin-evaluation-quiz.` + id + `"]` }
	restarted.open("/attempts/"+a.ID, "Evaluation check")
	restarted.clickLabel(q("single"), "Positive predictive value")
	restarted.fill(q("num")+" input", "50")
	restarted.fill(q("short")+" input", "roc curve")
	restarted.until(`document.querySelector('.draft-status').textContent.includes('saved:')`)
	restarted.screenshot("attempt-draft-desktop")
	restarted.audit("attempt with a saved draft")

	phone := newTab(t, browser, env.URL, 390, 800)
	logIn(phone, learner)
	phone.open("/attempts/"+a.ID, "Evaluation check")
	phone.until(`document.querySelector('` + q("short") + ` input').value === 'roc curve' && document.querySelector('` + q("num") + ` input').value === '50'`)
	if !eval[bool](phone, `[...document.querySelectorAll('`+q("single")+` input')].some((i) => i.checked && i.closest('label').textContent.includes('Positive predictive value'))`) {
		t.Error("the choice made on the laptop is not chosen on the phone")
	}
	phone.screenshot("attempt-draft-phone")
	phone.audit("attempt restored on another device")
	noHorizontalScroll(phone, "the attempt page")
}
