package uitest

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

// statisticsViewports are the widths the item analysis is checked at: a phone and a laptop.
var statisticsViewports = []viewport{{"phone-390", 390, 844}, {"laptop-1366", 1366, 768}}

// testItemAnalysis: the cohort's progress grid notes the accommodations its instructor set;
// six clinical learners of a cohort answer the evaluation quiz right and six
// technical learners pick the wrong single-choice option. Their instructor goes from the
// cohort's page to its item analysis, picks the quiz and first attempts, reads each
// question's figures and option bars, and downloads the CSV; an admin (as a content author
// would) reaches the platform-wide analysis from the quiz's page.
func testItemAnalysis(t *testing.T, env *testenv.Env, browser context.Context) {
	requireAxe(t)
	instructor := env.WithRole("instructor", "medicine")
	id := call(t, env, instructor, "POST", "/api/v1/cohorts", map[string]any{"name": "Analysis cohort", "tracks": []string{"clinicians"}}, http.StatusCreated).JSON(t)["id"].(string)
	code := call(t, env, instructor, "POST", "/api/v1/cohorts/"+id+"/join-code", map[string]any{}, http.StatusCreated).JSON(t)["code"]
	var first *testenv.User
	for i := range 12 {
		discipline := map[bool]string{true: "medicine", false: "computer_science"}[i < 6]
		u := env.Learner(discipline)
		if i == 0 {
			first = u
		}
		call(t, env, u, "POST", "/api/v1/join-codes/redeem", map[string]any{"code": code}, http.StatusOK)
		if i < 6 {
			passEvaluationQuiz(t, env, u)
			continue
		}
		submitAPI(t, env, u, startAttempt(t, env, u, "clin-evaluation-quiz"), []map[string]any{
			{"question_id": "clin-evaluation-quiz.single", "choice_ids": []string{"sens"}},
		})
	}

	call(t, env, instructor, "PUT", "/api/v1/accommodations", map[string]any{"cohort": id, "extra_minutes": 10}, http.StatusOK)
	call(t, env, instructor, "PUT", "/api/v1/accommodations", map[string]any{"cohort": id, "user": first.ID, "quiz": "clin-deployment-quiz", "extra_time_percent": 50}, http.StatusOK)

	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, instructor)
	tb.open("/teach/cohorts/"+id, "Analysis cohort")
	// The progress grid notes the accommodations: the later sitting above it, one learner's in their row.
	tb.expectText(".cohort-accommodation", "Every member of the cohort: +10 min.")
	tb.expectText(`tr[data-learner="`+first.ID+`"] .grid-accommodation`, "Accommodation: +50% time at Deployment check")
	tb.clickLink(".subnav", "Item analysis")
	tb.until(`location.pathname.endsWith('/statistics') && document.querySelector('select[name=quiz]') !== null`)
	tb.selectByKeyboard("select[name=quiz]", "clin-evaluation-quiz")
	tb.selectByKeyboard("select[name=attempts]", "first")
	tb.click(".scope-form button[type=submit]")
	tb.until(`document.querySelector('section[data-scope="first"]') !== null`)
	tb.waitPage("Item analysis: Evaluation check")
	tb.expectText("[data-attempts]", "12")
	single := `tr[data-question="single"]`
	tb.expectText(single+" [data-facility]", "0.50")
	tb.expectText(single+" [data-discrimination]", "1.00")
	tb.expectText(single+" [data-dif]", "too few in a group")
	tb.expectText(`.option-bars[data-question="single"] [data-option="ppv"]`, "6 of 12 (50%)")
	tb.expectText(`.option-bars[data-question="single"] [data-option="ppv"]`, "(key)")
	tb.expectText(`.option-bars[data-question="single"] [data-option="sens"]`, "6 of 12 (50%)")
	tb.click(".method summary")
	tb.expectText(".method", "Mantel–Haenszel")
	file := downloads(tb)
	tb.click(".csv-download")
	if csv := string(file("clin-evaluation-quiz-statistics.csv")); !strings.Contains(csv, "\nsingle,single_choice,12,0.500,1.000,1.000,0.000") {
		t.Errorf("the CSV download: %s", csv)
	}
	checkPageAt(tb, "item-analysis-cohort", statisticsViewports)

	admin := env.WithRole("admin", "computer_science")
	at := newTab(t, browser, env.URL, 390, 844)
	logIn(at, admin)
	at.open("/quizzes/clin-evaluation-quiz", "Evaluation check")
	at.clickLink(".analysis-link", "Item analysis of this quiz")
	at.waitPage("Item analysis: Evaluation check")
	at.until(`Number(document.querySelector('[data-attempts]').textContent) >= 12`)
	checkPageAt(at, "item-analysis-platform", statisticsViewports)
}
