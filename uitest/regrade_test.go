package uitest

import (
	"context"
	"maps"
	"testing"

	"tandem/testenv"
)

// testRegrade: a learner fails the evaluation quiz partly for picking Sensitivity; then the
// catalogue makes Sensitivity the key. An admin goes from Administration to Regrade quizzes,
// finds the quiz, previews that the learner passes now, and confirms.
func testRegrade(t *testing.T, browser context.Context) {
	requireAxe(t)
	cfg := testenv.OwnDatabase(t, testenv.Config(t))
	before := testenv.NewWith(t, cfg)
	learner := before.Learner("computer_science")
	answers := make([]map[string]any, len(evaluationAnswers))
	for i, a := range evaluationAnswers {
		answers[i] = maps.Clone(a)
	}
	answers[0]["choice_ids"] = []string{"sens"}
	answers[2]["choice_ids"] = []string{"false"}
	answers[3]["value"] = 10
	submitAPI(t, before, learner, startAttempt(t, before, learner, "clin-evaluation-quiz"), answers) // 6 of 9: not passed
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-evaluation/quiz.yaml",
		"        correct: true\n        explanation: PPV falls as the condition becomes rarer.\n      - id: sens\n        text: Sensitivity\n",
		"        explanation: PPV falls as the condition becomes rarer.\n      - id: sens\n        text: Sensitivity\n        correct: true\n")
	env := testenv.NewWith(t, cfg)
	admin := env.WithRole("admin", "other")

	tb := newTab(t, browser, env.URL, 1366, 768)
	logIn(tb, admin)
	tb.open("/admin", "Administration")
	tb.clickLink(".admin-parts", "Regrade quizzes")
	tb.waitPage("Regrade quizzes")
	tb.expectText(".regrade-quizzes", "1 attempt of 1 learner graded by an earlier version.")
	checkPageAt(tb, "regrade-list", statisticsViewports)
	tb.clickLink(".regrade-quizzes", "Evaluation check")
	tb.waitPage("Regrade: Evaluation check")
	tb.expectText(".regrade-summary", "1 learner would pass now, 0 learners would fail.")
	tb.expectText(`.regrade-table tr[data-change="passes"]`, learner.Name)
	tb.expectText(`.regrade-table tr[data-change="passes"]`, "66.7%, not passed")
	tb.expectText(`.regrade-table tr[data-change="passes"]`, "77.8%, passed")
	checkPageAt(tb, "regrade-preview", statisticsViewports)
	tb.click("#regrade-confirm")
	tb.expectText(".form-status", "Regraded 1 attempt.")
	tb.expectText(".regrade-summary", "1 learner did pass now")
	tb.audit("regrade done")
	tb.open("/regrades", "Regrade quizzes")
	tb.expectText(".page", "Every attempt is graded by the current version of its quiz.")
}
