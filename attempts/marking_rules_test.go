package attempts

import (
	"encoding/json"
	"testing"
	"time"

	"tandem/models"
	"tandem/quizzes"
)

func marks(byRole map[string]float64) []models.ReflectionMark {
	var out []models.ReflectionMark
	for _, role := range []string{RoleClinical, RoleTechnical, RoleModerator} {
		if p, ok := byRole[role]; ok {
			out = append(out, models.ReflectionMark{Role: role, Points: p, QuestionID: "r"})
		}
	}
	return out
}

func TestAnswerState(t *testing.T) {
	cases := []struct {
		name   string
		marks  map[string]float64
		status string
		points float64
	}{
		{"no marks", nil, models.MarkingAwaited, 0},
		{"one marker", map[string]float64{RoleClinical: 6}, models.MarkingAwaited, 0},
		{"agree exactly", map[string]float64{RoleClinical: 6, RoleTechnical: 6}, models.MarkingDone, 6},
		{"within the threshold: the mean", map[string]float64{RoleClinical: 6, RoleTechnical: 4}, models.MarkingDone, 5},
		{"at the threshold: still agree", map[string]float64{RoleClinical: 5, RoleTechnical: 2}, models.MarkingDone, 3.5},
		{"beyond the threshold: moderation", map[string]float64{RoleClinical: 6, RoleTechnical: 2}, models.MarkingModeration, 0},
		{"moderated: the moderator's mark", map[string]float64{RoleClinical: 6, RoleTechnical: 2, RoleModerator: 3}, models.MarkingDone, 3},
		{"mean rounded to hundredths", map[string]float64{RoleClinical: 1, RoleTechnical: 1.333}, models.MarkingDone, 1.17},
	}
	for _, c := range cases {
		status, points := answerState(10, 30, marks(c.marks))
		got := 0.0
		if points != nil {
			got = *points
		}
		if status != c.status || got != c.points || (status == models.MarkingDone) != (points != nil) {
			t.Errorf("%s: got %s %v, want %s %v", c.name, status, got, c.status, c.points)
		}
	}
}

func TestRoleFor(t *testing.T) {
	cases := []struct{ status, discipline, want string }{
		{models.MarkingAwaited, "medicine", RoleClinical},
		{models.MarkingAwaited, "allied_health", RoleClinical},
		{models.MarkingAwaited, "engineering", RoleTechnical},
		{models.MarkingAwaited, "other", ""},
		{models.MarkingModeration, "other", RoleModerator},
		{models.MarkingModeration, "nursing", RoleModerator},
		{models.MarkingDone, "medicine", ""},
	}
	for _, c := range cases {
		if got := roleFor(c.status, c.discipline); got != c.want {
			t.Errorf("%s, %s: got %q, want %q", c.status, c.discipline, got, c.want)
		}
	}
}

func TestFinalGrade(t *testing.T) {
	results, _ := json.Marshal([]quizzes.Result{{QuestionID: "a", Points: 1, MaxPoints: 1, Correct: true, Answered: true},
		{QuestionID: "r", MaxPoints: 4, Answered: true, Pending: true}, {QuestionID: "s", MaxPoints: 5, Answered: true, Pending: true}})
	a := &models.QuizAttempt{Score: 1, MaxScore: 10, Results: string(results), Marking: models.MarkingAwaited}
	r, s := 2.5, 5.0
	f, got := finalGrade(a, []models.ReflectionAnswer{{QuestionID: "r", Points: &r}, {QuestionID: "s", Points: &s}}, 85)
	if f.Score != 8.5 || f.Percent != 85 || !f.Passed || got[1].Points != 2.5 || got[1].Pending || got[1].Correct || !got[2].Correct {
		t.Fatalf("got %+v %+v", f, got)
	}
	if a.Score != 1 {
		t.Fatal("finalGrade changed the attempt it was given")
	}
}

func TestMarkedAnswers(t *testing.T) {
	now := time.Date(2027, 1, 5, 10, 0, 0, 0, time.UTC)
	answers := []models.ReflectionAnswer{{QuestionID: "r", MaxPoints: 10, Status: models.MarkingAwaited},
		{QuestionID: "s", MaxPoints: 10, Status: models.MarkingAwaited}}
	ms := append(marks(map[string]float64{RoleClinical: 8, RoleTechnical: 7}),
		models.ReflectionMark{QuestionID: "s", Role: RoleClinical, Points: 9})
	out, done := markedAnswers(answers, ms, 20, now)
	if done || out[0].Status != models.MarkingDone || *out[0].Points != 7.5 || !out[0].MarkedAt.Equal(now) || out[1].Status != models.MarkingAwaited {
		t.Fatalf("one of two marked: %+v, done %v", out, done)
	}
	ms = append(ms, models.ReflectionMark{QuestionID: "s", Role: RoleTechnical, Points: 9})
	if _, done := markedAnswers(out, ms, 20, now); !done {
		t.Fatal("both marked, not done")
	}
}
