package handlers_test

import (
	"net/http"
	"strings"
	"testing"

	"tandem/testenv"
)

func exportOf(t *testing.T, env *testenv.Env, u *testenv.User) map[string]any {
	t.Helper()
	resp := env.Do(testenv.Request{Method: "GET", Path: "/api/v1/me/export", Token: u.AccessToken})
	if resp.Status != http.StatusOK {
		t.Fatalf("export: %d %s", resp.Status, resp.Body)
	}
	return resp.JSON(t)["reflections"].(map[string]any)
}

func erase(t *testing.T, env *testenv.Env, u *testenv.User) {
	t.Helper()
	if resp := env.Do(testenv.Request{Method: "DELETE", Path: "/api/v1/me", Token: u.AccessToken, Body: map[string]string{"password": u.Password}}); resp.Status != http.StatusNoContent {
		t.Fatalf("erase: %d %s", resp.Status, resp.Body)
	}
}

// A learner's export holds their reflection answers and the marks and comments they received,
// without who marked; a marker's holds the marks they gave. Erasure clears what the learner
// wrote and the comments on it (the points stay), and takes the marker's name off their marks.
func TestReflectionExportAndErasure(t *testing.T) {
	m := newMarking(t)
	const text = "On the Quillwort ward we silenced the alarm twice."
	id, _ := m.answer(t, text)
	m.mark(m.clin, id, 2, 2, "Name the Quillwort handover.")
	m.mark(m.tech, id, 2, 1, "Good.")
	mine := exportOf(t, m.env, m.learner)
	answers, received := mine["answers"].([]any), mine["marks_received"].([]any)
	if len(answers) != 1 || !strings.Contains(answers[0].(map[string]any)["answer_html"].(string), "Quillwort") || len(received) != 2 ||
		received[0].(map[string]any)["comment"] != "Name the Quillwort handover." || received[0].(map[string]any)["marker"] != nil {
		t.Fatalf("the learner's export: %v", mine)
	}
	if given := exportOf(t, m.env, m.tech)["marks_given"].([]any); len(given) != 1 || given[0].(map[string]any)["points"] != 3.0 {
		t.Fatalf("the marker's export: %v", given)
	}
	erase(t, m.env, m.learner)
	for _, q := range []string{
		"SELECT COUNT(*) FROM quiz_attempts WHERE id = ? AND answers LIKE '%Quillwort%'",
		"SELECT COUNT(*) FROM reflection_answers WHERE attempt_id = ? AND body_html <> ''",
		"SELECT COUNT(*) FROM reflection_marks WHERE attempt_id = ? AND comment <> ''",
	} {
		if n := m.env.Scalar(q, id); n != "0" {
			t.Errorf("after erasure, %s: %s", q, n)
		}
	}
	if n := m.env.Scalar("SELECT COUNT(*) FROM reflection_answers WHERE attempt_id = ? AND points = 3.5", id); n != "1" {
		t.Error("erasure took the points away")
	}
	erase(t, m.env, m.tech)
	if n := m.env.Scalar("SELECT COUNT(*) FROM reflection_marks WHERE attempt_id = ? AND role = 'technical' AND marker_id = '' AND points = 3", id); n != "1" {
		t.Error("an erased marker's mark still names them, or is gone")
	}
}
