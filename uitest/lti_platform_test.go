package uitest

import (
	"context"
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"

	"tandem/auth"
	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// testLTIPlatformTab: a platform admin makes a registration link on the learning platforms
// page and the test platform registers Tandem through it. A course's instructor and a learner
// open Tandem from the platform; the learner passes the quiz the course grades, but the
// platform's gradebook is down. The instructor's cohort tab "Learning platform" shows the
// failed score with what the platform said; sending it again puts it in the gradebook.
func testLTIPlatformTab(t *testing.T, browser context.Context) {
	env := testenv.NewAtOwnURL(t)
	admin := env.WithRole(auth.RoleAdmin, "other")
	p := ltiplatform.New(t, "tandem-ui-platform-tab")

	tb := newTab(t, browser, env.URL, 1280, 800)
	logIn(tb, admin)
	tb.open("/admin/lti", "Learning platforms")
	tb.click("#lti-registration-link")
	tb.until(`document.querySelector('#lti-registration-url') !== null`)
	tb.audit("learning platforms page with a registration link")
	link, err := url.Parse(tb.text("#lti-registration-url"))
	if err != nil {
		t.Fatal(err)
	}
	q := link.Query()
	q.Set("openid_configuration", p.ConfigurationURL())
	q.Set("registration_token", ltiplatform.RegistrationToken)
	link.RawQuery = q.Encode()
	tb.do(chromedp.Navigate(link.String()))
	arrive(t, tb, `document.title === 'Tandem is registered'`)
	if n := env.Scalar("SELECT COUNT(*) FROM lti_registrations WHERE issuer = ? AND client_id = ?", p.Issuer, p.ClientID); n != "1" || len(p.ToolRegistrations()) != 1 {
		t.Fatalf("%s registrations in Tandem, %d at the platform", n, len(p.ToolRegistrations()))
	}
	tb.open("/admin/lti", "Learning platforms")
	tb.expectText("#lti-registrations", p.Issuer)
	tb.clearCookies()
	p.TrustTool(t, env.URL+"/api/v1/lti/jwks.json")

	course := ltiplatform.Launch{CourseID: "ward-ai-tab", Course: "Ward AI", LineItem: "quiz:clin-evaluation-quiz",
		TargetLinkURI: env.URL + "/quizzes/clin-evaluation-quiz"}
	toQuiz := func(tb *tab, hint string, l ltiplatform.Launch) {
		fromCourse(t, tb, env, p, hint, l, "medicine")
		tb.waitPage("Evaluation check")
	}
	teacher := course
	teacher.Subject, teacher.Name, teacher.Email, teacher.Roles = "tab-teacher", "Tara Teacher", "tara@school.test", []string{ltiplatform.Instructor}
	toQuiz(tb, "tab-teacher", teacher)
	learner := course
	learner.Subject, learner.Name, learner.Email, learner.Roles = "tab-learner", "Liam Learner", "liam@school.test", []string{ltiplatform.Learner}
	lb := newTab(t, browser, env.URL, 390, 844)
	toQuiz(lb, "tab-learner", learner)
	lb.click(".page button.button-large")
	lb.until(`location.pathname.startsWith('/attempts/') && document.querySelector('.attempt-form')`)
	answerByKey(lb, env, evaluationAnswers)
	lb.click(".attempt-form button[type=submit]")
	lb.waitPage("Results: Evaluation check")

	// The gradebook is down: the score fails at once (one try in this test).
	pub := env.App.ScorePublisher("ui-"+t.Name(), testenv.Logger())
	pub.Lag, pub.FirstRetry, pub.MaxAttempts = 0, 0, 1
	p.FailScores(1)
	if _, err := pub.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
	cohort := env.Scalar("SELECT cohort_id FROM lti_contexts WHERE context_id = ?", course.CourseID)
	tb.open("/teach/cohorts/"+cohort+"/platform", "Learning platform")
	tb.expectText(`.lti-scores tr[data-status=failed]`, "Liam Learner")
	tb.expectText(`.lti-scores tr[data-status=failed]`, "Evaluation check")
	tb.expectText(`.lti-scores tr[data-status=failed]`, "503")
	tb.audit("cohort learning platform tab with a failed score")
	tb.resize(390, 844)
	tb.audit("cohort learning platform tab at 390 px")
	tb.resize(1366, 800)

	tb.click("#retry-scores")
	tb.until(`document.querySelector('#retry-scores') === null`)
	if _, err := pub.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
	tb.open("/teach/cohorts/"+cohort+"/platform", "Learning platform")
	tb.expectText(".notice-good", "Every score reached")
	tb.expectText(`.lti-scores tr[data-status=sent]`, "In the gradebook")
	if got := p.Scores(); len(got) != 1 || got[0].UserID != learner.Subject || got[0].Resource != course.LineItem {
		t.Errorf("the platform's gradebook has %+v", got)
	}
}
