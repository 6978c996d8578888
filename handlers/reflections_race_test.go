package handlers_test

import (
	"net/http"
	"sync"
	"testing"

	"tandem/testenv"
)

// markAtOnce has each marker post a mark of the attempt at the same moment and returns the
// responses in the markers' order.
func (m *marking) markAtOnce(attempt string, markers ...*testenv.User) []*testenv.Response {
	out := make([]*testenv.Response, len(markers))
	var ready, done sync.WaitGroup
	ready.Add(1)
	for i, u := range markers {
		done.Add(1)
		go func() {
			defer done.Done()
			ready.Wait()
			out[i] = m.mark(u, attempt, 2, 2, "At once.")
		}()
	}
	ready.Done()
	done.Wait()
	return out
}

// Two markers saving at once: in the same role, the first mark stands and the other is told
// already_marked; in the two roles, both stand and the attempt is graded exactly once.
func TestReflectionMarkersSavingAtOnce(t *testing.T) {
	m := newMarking(t)
	for round := range 4 {
		learner := m.env.Learner("medicine")
		join(t, m.env, m.clin, m.cohort, learner)
		same, _ := m.answerAs(t, learner, "Same role.")
		got := m.markAtOnce(same, m.clin, m.mod) // both clinical
		created, conflicts := 0, 0
		for _, r := range got {
			switch {
			case r.Status == http.StatusCreated:
				created++
			case r.Status == http.StatusConflict && r.ErrorCode() == "already_marked":
				conflicts++
			default:
				t.Fatalf("round %d, same role: %d %s", round, r.Status, r.Body)
			}
		}
		if created != 1 || conflicts != 1 || m.env.Scalar("SELECT COUNT(*) FROM reflection_marks WHERE attempt_id = ?", same) != "1" {
			t.Fatalf("round %d, same role: %d created, %d conflicts", round, created, conflicts)
		}
		both, _ := m.answerAs(t, learner, "Both roles.")
		for _, r := range m.markAtOnce(both, m.clin, m.tech) {
			if r.Status != http.StatusCreated {
				t.Fatalf("round %d, both roles: %d %s", round, r.Status, r.Body)
			}
		}
		if s := m.env.Scalar("SELECT marking FROM quiz_attempts WHERE id = ?", both); s != "marked" {
			t.Fatalf("round %d: the attempt is %q after both marks", round, s)
		}
		events := m.env.Scalar("SELECT COUNT(*) FROM progress_events WHERE verb IN ('passed', 'failed') AND result LIKE ?", `%"`+both+`"%`)
		responses := m.env.Scalar("SELECT COUNT(*) FROM question_responses WHERE attempt_id = ?", both)
		if events != "1" || responses != "9" {
			t.Fatalf("round %d: %s graded events and %s responses for one attempt", round, events, responses)
		}
	}
}
