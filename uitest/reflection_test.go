package uitest

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"tandem/auth"
	"tandem/testenv"
)

// reflectionQuiz adds a reflection question to the test catalogue's evaluation quiz.
const reflectionQuiz = `moderation_threshold_percent: 25
questions:
  - id: reflect
    type: reflection
    prompt: Describe how you would explain a model's false alarms to the other discipline.
    rubric:
      - id: clinical
        criterion: Clinical consequence
        description: Names what a false alarm costs patients and staff.
        max_points: 3
      - id: technical
        criterion: Technical cause
        description: Relates false alarms to the threshold and prevalence.
        max_points: 3
`

// testReflection: a learner writes a reflection, submits and is told it awaits marking; a
// clinical and a technical instructor each mark it from the cohort's review queue, neither
// seeing the other's mark; the learner then sees the score, the pass and both comments.
func testReflection(t *testing.T, browser context.Context) {
	requireAxe(t)
	cfg := testenv.Config(t)
	cfg.CatalogDir = testenv.CatalogWith(t, "tracks/clinicians/clin-evaluation/quiz.yaml", "questions:\n", reflectionQuiz)
	env := testenv.NewWith(t, cfg)
	learner := env.Learner("nursing")
	clin, tech := env.WithRole(auth.RoleInstructor, "medicine"), env.WithRole(auth.RoleInstructor, "computer_science")
	cohort := call(t, env, clin, "POST", "/api/v1/cohorts", map[string]any{"name": "Reflective cohort", "tracks": []string{"clinicians"}},
		http.StatusCreated).JSON(t)["id"].(string)
	call(t, env, clin, "POST", "/api/v1/cohorts/"+cohort+"/invitations", map[string]any{"invitations": []map[string]string{{"email": learner.Email}}}, http.StatusCreated)
	acceptInvitation(t, env, learner, cohort)
	call(t, env, clin, "POST", "/api/v1/cohorts/"+cohort+"/instructors", map[string]string{"email": tech.Email}, http.StatusNoContent)
	id := startAttempt(t, env, learner, "clin-evaluation-quiz")
	call(t, env, learner, "PUT", "/api/v1/attempts/"+id+"/draft", map[string]any{"answers": env.InAttempt(learner, id, evaluationAnswers)}, http.StatusOK)

	student := newTab(t, browser, env.URL, 390, 900)
	logIn(student, learner)
	student.open("/attempts/"+id, "Evaluation check")
	student.fill(".question-reflection textarea", "False alarms take a nurse away from a patient.\n\nAt **low prevalence** most alerts are false.")
	student.audit("a reflection question")
	student.click(".submit-area button[type=submit]")
	student.waitPage("Results: Evaluation check")
	student.expectText(".score-verdict", "Awaiting marking")
	student.expectText(".reflection-review .reflection-status", "Waiting for a clinical and a technical instructor")
	student.audit("results awaiting marking")

	for i, marker := range []struct {
		user  *testenv.User
		role  string
		width int64
		c, t  string
		note  string
	}{{clin, "clinical", 1366, "3", "2", "You name the cost to the ward well."}, {tech, "technical", 390, "2.5", "2", "Tie the false alarms to the threshold you chose."}} {
		tb := newTab(t, browser, env.URL, marker.width, 900)
		logIn(tb, marker.user)
		tb.open("/teach/cohorts/"+cohort+"/reviews", "Review queue")
		tb.expectText(".reflection-queue .queue-count", "1 reflection waits; 1 for your mark.")
		tb.expectText(".reflection-item .version-body strong", "low prevalence")
		if n := eval[int](tb, `document.querySelectorAll('.reflection-item .reflection-mark').length`); n != 0 {
			t.Errorf("the %s marker sees %d other marks", marker.role, n)
		}
		tb.fill(`.reflection-item input[data-criterion="clinical"]`, marker.c)
		tb.fill(`.reflection-item input[data-criterion="technical"]`, marker.t)
		tb.fill(".reflection-item textarea", marker.note)
		tb.audit(fmt.Sprintf("marking form, %s", marker.role))
		tb.click(".reflection-item .mark-form button[type=submit]")
		tb.expectText(".reflection-item .notice-good", "Your "+marker.role+" mark")
		tb.screenshot(fmt.Sprintf("reflection-marked-%d", i))
	}

	student.open("/attempts/"+id, "Results: Evaluation check")
	student.expectText(".score-verdict", "Passed")
	student.expectText(".score-detail", "13.75 of 15 points")
	student.expectText(`.reflection-mark[data-role="clinical"]`, "You name the cost to the ward well.")
	student.expectText(`.reflection-mark[data-role="technical"]`, "Tie the false alarms to the threshold you chose.")
	student.audit("results after marking")
	student.screenshot("reflection-results")
}
