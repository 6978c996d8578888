package handlers_test

import (
	"net/http"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// singleHead is the test quiz's single-choice question up to its options.
const singleHead = `  - id: single
    type: single_choice
    prompt: Which measure depends on **prevalence**?
    explanation: Predictive values change with prevalence; sensitivity and specificity do not.
    options:
`

// A regrade after a key change regrades the auto-graded questions of attempts with reflection
// answers and keeps what the markers gave: a marked attempt keeps its reflection points; one
// still awaiting marking is regraded but stays ungraded and counted nowhere until its marking
// completes, which then adds the reflection points to the regraded score, counted once.
func TestRegradeKeepsReflectionMarking(t *testing.T) {
	const quizFile = "tracks/clinicians/clin-evaluation/quiz.yaml"
	cfg := testenv.OwnDatabase(t, testenv.Config(t))
	cfg.CatalogDir = testenv.CatalogWith(t, quizFile, "questions:\n", reflectionQuestion)
	m := newMarkingIn(t, testenv.NewWith(t, cfg))
	marked, pending := m.learner, m.env.Learner("data_science")
	join(t, m.env, m.clin, m.cohort, pending)
	markedID, _ := m.answer(t, "False alarms cost the ward time.")
	for _, u := range []*testenv.User{m.clin, m.tech} {
		if resp := m.mark(u, markedID, 2, 2, "Clear on both sides."); resp.Status != http.StatusCreated {
			t.Fatalf("mark: %d %s", resp.Status, resp.Body)
		}
	}
	pendingID, _ := m.answerAs(t, pending, "Thresholds trade alarms for misses.")
	if resp := m.mark(m.clin, pendingID, 1, 1, "A start."); resp.Status != http.StatusCreated {
		t.Fatalf("mark: %d %s", resp.Status, resp.Body)
	}
	responses := m.env.Scalar("SELECT COUNT(*) FROM question_responses WHERE attempt_id = ?", markedID)

	cfg.CatalogDir = testenv.CatalogWith(t, quizFile, "questions:\n"+singleHead+keyChangeOld, reflectionQuestion+singleHead+keyChangeNew)
	after := *m
	after.env = testenv.NewWith(t, cfg)
	admin := after.env.WithRole(auth.RoleAdmin, "other")
	for _, u := range []*testenv.User{marked, pending, m.clin, m.tech} {
		after.env.Login(u)
	}
	var report struct {
		Learners []struct {
			User     string `json:"user"`
			Attempts []struct {
				ID              string `json:"id"`
				AwaitingMarking bool   `json:"awaiting_marking"`
				After           struct {
					Score   float64 `json:"score"`
					Percent float64 `json:"percent"`
					Passed  bool    `json:"passed"`
				} `json:"after"`
			} `json:"attempts"`
		} `json:"learners"`
	}
	resp := after.env.Do(testenv.Request{Method: "POST", Path: "/api/v1/quizzes/" + evalQuiz + "/regrade", Token: admin.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("regrade: %d %s", resp.Status, resp.Body)
	}
	resp.Decode(t, &report)
	byAttempt := map[string]bool{}
	for _, l := range report.Learners {
		for _, a := range l.Attempts {
			byAttempt[a.ID] = true
			switch a.ID {
			case markedID:
				if a.AwaitingMarking || a.After.Score != 12 || a.After.Percent != 80 || !a.After.Passed {
					t.Errorf("the marked attempt after the regrade: %+v; want 8 auto-graded points and the 4 marked, 80%%", a)
				}
			case pendingID:
				if !a.AwaitingMarking || a.After.Score != 8 || a.After.Percent != 0 || a.After.Passed {
					t.Errorf("the attempt awaiting marking after the regrade: %+v; want 8 auto-graded points, ungraded", a)
				}
			}
		}
	}
	if len(byAttempt) != 2 {
		t.Fatalf("the regrade's attempts: %s", resp.Body)
	}
	if r := reflectionResult(t, after.attempt(t, markedID)["result"].(map[string]any)); r["points"] != 4.0 || r["status"] != "marked" {
		t.Errorf("the marked reflection after the regrade: %v", r)
	}
	if n := after.env.Scalar("SELECT COUNT(*) FROM question_responses WHERE attempt_id = ?", pendingID); n != "0" {
		t.Errorf("%s responses of the attempt awaiting marking counted by the regrade", n)
	}
	if got := after.queue(t, m.tech, ""); len(got) != 1 || got[0]["attempt_id"] != pendingID || got[0]["your_role"] != "technical" {
		t.Fatalf("the technical marker's queue after the regrade: %v", got)
	}
	if resp := after.mark(m.tech, pendingID, 1, 1, "Name the threshold."); resp.Status != http.StatusCreated {
		t.Fatalf("the second mark after the regrade: %d %s", resp.Status, resp.Body)
	}
	var done struct {
		Result struct {
			Score    float64 `json:"score"`
			MaxScore float64 `json:"max_score"`
			Marking  string  `json:"marking"`
		} `json:"result"`
	}
	after.env.Do(testenv.Request{Method: "GET", Path: "/api/v1/attempts/" + pendingID, Token: pending.AccessToken}).Decode(t, &done)
	if r := done.Result; r.Marking != "marked" || r.Score != 10 || r.MaxScore != 15 {
		t.Errorf("once marked, the regraded attempt: %+v; want 8 regraded points and 2 marked, of 15", done)
	}
	if n := after.env.Scalar("SELECT COUNT(*) FROM question_responses WHERE attempt_id = ?", pendingID); n != responses {
		t.Errorf("%s responses of the marked attempt, want %s: counted once", n, responses)
	}
	after.env.FoldItemSums()
	if n := after.env.Scalar("SELECT SUM(n) FROM item_totals WHERE quiz_slug = ? AND selection = 'all'", evalQuiz); n != "2" {
		t.Errorf("the item sums count %s attempts, want 2", n)
	}
}
