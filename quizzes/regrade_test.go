package quizzes

import "testing"

// A regrade grades each stored answer by the question as it is now; a question gone from the
// quiz, or now of a type the answer does not answer, keeps its earlier result.
func TestRegrade(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	single, _ := quiz.Question("single")
	single.Options[0].Correct, single.Options[1].Correct = false, true // the key moved from a to b
	single.Points = 2
	tf, _ := quiz.Question("tf")
	tf.Type = Numeric // now answered with a value, not a choice
	answers := []Answer{{QuestionID: "single", ChoiceIDs: []string{"b"}}, {QuestionID: "tf", ChoiceIDs: []string{"true"}},
		{QuestionID: "gone", ChoiceIDs: []string{"x"}}, {QuestionID: "num", Value: num(0.5)}}
	earlier := []Result{{QuestionID: "single", MaxPoints: 1, Answered: true}, {QuestionID: "tf", Points: 1, MaxPoints: 1, Correct: true, Answered: true},
		{QuestionID: "gone", Points: 1, MaxPoints: 1, Correct: true, Answered: true}, {QuestionID: "num", MaxPoints: 1, Answered: true}}
	g := Regrade(quiz.Question, answers, earlier)
	want := []Result{{QuestionID: "single", Points: 2, MaxPoints: 2, Correct: true, Answered: true}, earlier[1], earlier[2], earlier[3]}
	for i := range want {
		if g.Results[i] != want[i] {
			t.Errorf("result %d: %+v, want %+v", i, g.Results[i], want[i])
		}
	}
	if g.Score != 4 || g.MaxScore != 5 || g.Percent != 80 {
		t.Fatalf("total %v of %v (%v%%), want 4 of 5 (80%%)", g.Score, g.MaxScore, g.Percent)
	}
}

// A reflection answer is marked by people, not by a key: a regrade keeps its marked points, or
// leaves it pending while its marking is under way.
func TestRegradeKeepsReflectionMarks(t *testing.T) {
	essay := &Question{ID: "essay", Type: Reflection, Rubric: []Criterion{{ID: "c", Criterion: "Clear", MaxPoints: 3}}}
	text := "Thresholds trade alarms for misses."
	answers := []Answer{{QuestionID: "essay", Text: &text}}
	question := func(id string) (*Question, bool) { return essay, id == "essay" }
	for _, earlier := range []Result{
		{QuestionID: "essay", Points: 2.5, MaxPoints: 3, Answered: true},
		{QuestionID: "essay", MaxPoints: 3, Answered: true, Pending: true},
	} {
		if g := Regrade(question, answers, []Result{earlier}); g.Results[0] != earlier || g.Score != earlier.Points {
			t.Errorf("regraded %+v to %+v", earlier, g.Results[0])
		}
	}
}
