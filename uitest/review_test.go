package uitest

import (
	"context"
	"fmt"
	"testing"

	"tandem/testenv"
)

// testReview: a certificate exam that reviews after the last attempt shows a learner, with an
// attempt left, whether they passed and nothing that tells an answer, and says when the rest
// will show; after the last attempt it shows each answer beside the right one, item by item.
func testReview(t *testing.T, browser context.Context) {
	requireAxe(t)
	cfg := testenv.Config(t)
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-evaluation/quiz.yaml", "max_attempts: 3\n",
		"max_attempts: 2\nreview: {correctness: after_last_attempt, right_answer: after_last_attempt, explanations: after_last_attempt, score: after_last_attempt}\n")
	env := testenv.NewWith(t, cfg)
	learner := env.Learner("medicine")
	id := startAttempt(t, env, learner, "clin-evaluation-quiz")
	submitAPI(t, env, learner, id, evaluationAnswers[:3])
	tabs := map[int64]*tab{}
	for _, width := range []int64{390, 1366} {
		tb := newTab(t, browser, env.URL, width, 900)
		tabs[width] = tb
		logIn(tb, learner)
		tb.open("/quizzes/clin-evaluation-quiz", "Evaluation check")
		tb.expectText(".facts", "Your score after your last attempt")
		tb.open("/attempts/"+id, "Results: Evaluation check")
		tb.expectText(".score-detail", "Score not shown yet")
		tb.expectText(".review-notes", "This quiz shows whether each answer was right, the right answers, the explanations, and your score after your last attempt.")
		if n := eval[int](tb, `document.querySelectorAll('.verdict-good, .verdict-partial, .feedback-html, .score-figure').length`); n != 0 {
			t.Errorf("at %d px, with an attempt left, %d marks tell answers", width, n)
		}
		tb.expectText(`.result-item[data-question$=".single"] .answer-review`, "Your answer")
		tb.audit("results with an attempt left")
		tb.screenshot(fmt.Sprintf("review-waiting-%d", width))
	}
	last := startAttempt(t, env, learner, "clin-evaluation-quiz")
	submitAPI(t, env, learner, last, evaluationAnswers)
	for width, tb := range tabs {
		tb.open("/attempts/"+id, "Results: Evaluation check")
		tb.expectText(".score-figure", "%")
		tb.expectText(`.result-item[data-question$=".order"] .review-table`, "Right order")
		tb.expectText(`.result-item[data-question$=".match"] .review-table`, "Of the sick, how many are flagged?")
		tb.expectText(`.result-item[data-question$=".num"] .answer-review`, "50 (± 0.5)")
		tb.audit("results after the last attempt")
		tb.screenshot(fmt.Sprintf("review-shown-%d", width))
	}
}
