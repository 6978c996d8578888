package uitest

import (
	"context"
	"fmt"
	"net/url"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"

	"tandem/testenv"
	"tandem/testenv/ltiplatform"
)

// testLTIJourney: an instructor opens Tandem from a course of a learning platform to add
// content, finds the evaluation quiz in Tandem's picker and adds it; the platform receives the
// resource link and makes its gradebook column. A learner of the course opens the link, lands
// on the quiz signed in, passes it, and the platform's gradebook shows the learner's counted
// percent in that column.
func testLTIJourney(t *testing.T, browser context.Context) {
	env, p, _ := registeredPlatform(t, "tandem-ui-journey", "Journey Moodle")
	p.TrustTool(t, env.URL+"/api/v1/lti/jwks.json")
	course := ltiplatform.Launch{CourseID: "ward-ai-journey", Course: "Ward AI"}
	fromCourse := func(tb *tab, hint string, l ltiplatform.Launch) { fromCourse(t, tb, env, p, hint, l, "nursing") }

	// The instructor adds the quiz to the course.
	teacher := course
	teacher.Subject, teacher.Name, teacher.Email, teacher.Roles = "journey-teacher", "Iris Instructor", "iris@school.test", []string{ltiplatform.Instructor}
	teacher.TargetLinkURI, teacher.DeepLinkReturn = env.URL+"/", p.Issuer+"/deep-link-return"
	tb := newTab(t, browser, env.URL, 1280, 800)
	fromCourse(tb, "journey-teacher", teacher)
	tb.waitPage("Add Tandem to your course")
	tb.expectText("#deep-link-form", "Quiz: Evaluation check")
	tb.clickLabel("#deep-link-form", "Quiz: Evaluation check")
	tb.click("#deep-link-form button[type=submit]")
	arrive(t, tb, `location.pathname === '/deep-link-return'`)
	items := p.ContentItems()
	if len(p.DeepLinkResponses()) != 1 || len(items) != 1 || items[0].Title != "Evaluation check" || items[0].LineItem == nil {
		t.Fatalf("the platform received %d responses with items %+v", len(p.DeepLinkResponses()), items)
	}
	column := p.LineItems(course.CourseID)
	if len(column) != 1 || column[0].ResourceID != "quiz:clin-evaluation-quiz" || column[0].ScoreMaximum != 100 {
		t.Fatalf("the platform's gradebook columns: %+v", column)
	}

	// A learner opens the link from the course and passes the quiz.
	learner := course
	learner.Subject, learner.Name, learner.Email, learner.Roles = "journey-learner", "Lena Learner", "lena@school.test", []string{ltiplatform.Learner}
	lb := newTab(t, browser, env.URL, 1280, 800)
	fromCourse(lb, "journey-learner", ltiplatform.LaunchOf(items[0], learner))
	lb.waitPage("Evaluation check")
	lb.expectText(".account-name", "Lena Learner")
	lb.click(".page button.button-large")
	lb.until(`location.pathname.startsWith('/attempts/') && document.querySelector('.attempt-form')`)
	answerByKey(lb, env, evaluationAnswers)
	lb.click(".attempt-form button[type=submit]")
	lb.waitPage("Results: Evaluation check")
	lb.expectText(".score-verdict", "Passed")

	// The score reaches the platform's gradebook for that learner, in the quiz's column.
	pub := env.App.ScorePublisher("ui-"+t.Name(), testenv.Logger())
	pub.Lag, pub.FirstRetry = 0, 0
	if _, err := pub.Once(context.Background()); err != nil {
		t.Fatal(err)
	}
	counted, err := strconv.ParseFloat(env.Scalar(`SELECT a.percent FROM quiz_attempts a JOIN users u ON u.id = a.user_id
		WHERE u.email = ? AND a.quiz_slug = ?`, learner.Email, "clin-evaluation-quiz"), 64)
	if err != nil {
		t.Fatal(err)
	}
	lb.expectText(".score-figure", fmt.Sprintf("%g%%", counted))
	var quiz *ltiplatform.Score
	for _, sc := range p.Scores() {
		if sc.Resource == column[0].ResourceID && sc.UserID == learner.Subject {
			quiz = &sc
		}
	}
	if quiz == nil || quiz.ScoreGiven != counted || quiz.ScoreMaximum != 100 || quiz.GradingProgress != "FullyGraded" {
		t.Errorf("the platform's gradebook has %+v for the quiz, want %g of 100 for %s", p.Scores(), counted, learner.Subject)
	}
}

// answerByKey answers the questions of the attempt on screen through the UI with answers
// written with the catalogue's ids, as the API takes them; the attempt the page shows names
// the ids its options carry.
func answerByKey(tb *tab, env *testenv.Env, answers []map[string]any) {
	tb.t.Helper()
	shown := eval[string](tb, `(async () => JSON.stringify(await (await import('/assets/api.js')).api('/attempts/' + location.pathname.split('/').pop())))()`)
	for _, a := range env.AnswersFor([]byte(shown), answers) {
		q := fmt.Sprintf(`[data-question=%q]`, a["question_id"])
		switch {
		case a["choice_ids"] != nil:
			for _, id := range a["choice_ids"].([]string) {
				tb.click(fmt.Sprintf(`%s label.choice:has(input[value=%q])`, q, id))
			}
		case a["value"] != nil:
			tb.fill(q+" input", fmt.Sprint(a["value"]))
		case a["text"] != nil:
			tb.fill(q+" input", a["text"].(string))
		case a["order"] != nil:
			var texts []string
			for _, id := range a["order"].([]string) {
				texts = append(texts, eval[string](tb, fmt.Sprintf(`document.querySelector(%s).textContent`,
					jsString(fmt.Sprintf(`%s .ordering-item[data-id=%q] .ordering-text`, q, id)))))
			}
			orderByKeyboard(tb, q, texts)
		case a["pairs"] != nil:
			for item, target := range a["pairs"].(map[string]string) {
				tb.selectByKeyboard(fmt.Sprintf(`%s select[data-item=%q]`, q, item), target)
			}
		}
	}
}

// fromCourse opens Tandem in tb from the platform's course as the launch l (expected under
// hint), and answers the discipline asked on a first launch.
func fromCourse(t *testing.T, tb *tab, env *testenv.Env, p *ltiplatform.Platform, hint string, l ltiplatform.Launch, discipline string) {
	t.Helper()
	p.Expect(hint, l)
	login := url.Values{"iss": {p.Issuer}, "login_hint": {hint}, "target_link_uri": {l.TargetLinkURI}, "client_id": {p.ClientID}}
	tb.do(chromedp.Navigate(env.URL + "/lti/login?" + login.Encode()))
	arrive(t, tb, `location.pathname === '/lti/signed-in' && document.title === 'Welcome · Tandem'`)
	tb.selectByKeyboard("#lti-discipline", discipline)
	tb.click("#lti-discipline-form button[type=submit]")
}
