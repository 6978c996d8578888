package uitest

import (
	"context"
	"net/http"
	"testing"

	"tandem/testenv"
)

// mainPage is a main page of the UI, checked at every viewport: axe-core finds no serious or
// critical violation, and a screenshot is kept for review.
type mainPage struct {
	name, path, title string
	signedIn          bool
	prepare           func(tb *tab) // brings the page into the state worth checking
}

// testPages checks every main page, as a visitor and as a signed-in learner with some
// progress, at phone and desktop width.
func testPages(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	learner := env.Learner("medicine")
	for _, p := range []string{"/api/v1/tracks/clinicians/enrol", "/api/v1/lessons/clin-evaluation-part-1/complete"} {
		if r := env.Do(testenv.Request{Method: "POST", Path: p, Token: learner.AccessToken}); r.Status >= 300 {
			t.Fatalf("POST %s: %d %s", p, r.Status, r.Body)
		}
	}
	passed := passEvaluationQuiz(t, env, learner)
	timed := startAttempt(t, env, learner, "clin-deployment-quiz")
	if r := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + timed, Token: learner.AccessToken}); r.Status != http.StatusOK {
		t.Fatalf("attempt: %d", r.Status)
	}

	pages := []mainPage{
		{name: "catalogue", path: "/", title: "Courses"},
		{name: "track", path: "/tracks/clinicians", title: "AI for clinicians"},
		{name: "module", path: "/modules/clin-evaluation", title: "Is the model any good?", prepare: func(tb *tab) {
			tb.click(".module-record > summary")
			tb.expectText(".module-record", "next review due")
			tb.expectText(".module-record", "conflicts of interest")
			tb.expectText(".module-record", "objectives")
		}},
		{name: "lesson", path: "/lessons/clin-evaluation-part-1", title: "Is the model any good?, part 1", prepare: func(tb *tab) {
			tb.press(`.prose a.glossary-term[data-term="auroc"]`, keyEnter)
			tb.until(`document.querySelector('.term-card')`)
		}},
		{name: "glossary", path: "/glossary#calibration", title: "Glossary"},
		{name: "case-studies", path: "/case-studies", title: "Case studies"},
		{name: "case-study", path: "/case-studies/sepsis-model", title: "A proprietary sepsis model meets external validation"},
		{name: "exercises", path: "/exercises", title: "Joint exercises"},
		{name: "exercise", path: "/exercises/early-warning-spec", title: "From clinical need to model specification"},
		{name: "login", path: "/login", title: "Log in"},
		{name: "register-errors", path: "/register", title: "Register", prepare: func(tb *tab) {
			tb.click("#register-form button[type=submit]")
			tb.until(`document.activeElement.matches('.error-summary')`)
		}},
		{name: "not-found", path: "/no/such/page", title: "Page not found"},
		{name: "catalogue-learner", path: "/", title: "Courses", signedIn: true},
		{name: "module-learner", path: "/modules/clin-evaluation", title: "Is the model any good?", signedIn: true, prepare: func(tb *tab) {
			tb.expectText(".lesson-list li:first-child .lesson-done", "done")
		}},
		{name: "lesson-learner", path: "/lessons/clin-evaluation-part-2", title: "Is the model any good?, part 2", signedIn: true, prepare: func(tb *tab) {
			tb.click("details.feedback > summary")
			tb.until(`document.querySelector('details.feedback').open`)
		}},
		{name: "quiz", path: "/quizzes/clin-evaluation-quiz", title: "Evaluation check", signedIn: true},
		{name: "attempt-timed", path: "/attempts/" + timed, title: "Deployment check", signedIn: true, prepare: func(tb *tab) {
			tb.expectText(".countdown", "Time left")
		}},
		{name: "results", path: "/attempts/" + passed, title: "Results: Evaluation check", signedIn: true, prepare: func(tb *tab) {
			tb.until(`document.querySelector('.perspectives')`)
		}},
		{name: "dashboard", path: "/dashboard", title: "Dashboard", signedIn: true, prepare: func(tb *tab) {
			tb.click("details.customise > summary")
		}},
		{name: "teach-not-allowed", path: "/teach", title: "Not available to your account", signedIn: true},
		{name: "verify-unknown", path: "/verify/TND-0000-0000-0000", title: "No certificate with this serial"},
	}
	for _, vp := range viewports {
		t.Run(vp.name, func(t *testing.T) {
			visitor := newTab(t, browser, env.URL, vp.width, vp.height)
			member := newTab(t, browser, env.URL, vp.width, vp.height)
			logIn(member, learner)
			for _, p := range pages {
				tb := visitor
				if p.signedIn {
					tb = member
				}
				tb.open(p.path, p.title)
				if p.prepare != nil {
					p.prepare(tb)
				}
				noHorizontalScroll(tb, p.name)
				noJunkText(tb, p.name)
				tb.audit(p.name + " (" + vp.name + ")")
				tb.screenshot(p.name + "-" + vp.name)
			}
		})
	}
}

// logIn signs u in through the login form.
func logIn(tb *tab, u *testenv.User) {
	tb.t.Helper()
	tb.open("/login", "Log in")
	tb.fill("#field-email", u.Email)
	tb.fill("#field-password", u.Password)
	tb.click("#login-form button[type=submit]")
	tb.waitPage("Dashboard")
}

// noHorizontalScroll fails when the page is wider than the screen (a phone would scroll
// sideways); wide tables scroll inside their own focusable wrapper instead.
func noHorizontalScroll(tb *tab, name string) {
	tb.t.Helper()
	if eval[bool](tb, `document.documentElement.scrollWidth > window.innerWidth + 1`) {
		wide := eval[string](tb, `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 3).map((e) => e.tagName + '.' + e.className).join(', ')`)
		tb.t.Errorf("%s is wider than the screen at %d px: %s", name, eval[int](tb, `window.innerWidth`), wide)
	}
}

// noJunkText fails when a page shows what a script leaked by mistake: "null", "undefined",
// "NaN" or "[object Object]" as words.
func noJunkText(tb *tab, name string) {
	tb.t.Helper()
	if junk := eval[string](tb, `(document.body.innerText.match(/\b(null|undefined|NaN)\b|\[object \w+\]/) || [''])[0]`); junk != "" {
		tb.t.Errorf("%s shows %q", name, junk)
	}
}
