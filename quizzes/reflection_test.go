package quizzes

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"tandem/i18n"
)

func reflectionQuiz(rubric []Criterion, points float64, threshold float64) *Quiz {
	return &Quiz{Slug: "r-quiz", Title: "R", PassPercent: 50, ModerationThresholdPercent: threshold, Questions: []Question{
		{ID: "r1", Type: Reflection, Prompt: "Reflect.", Points: points, Rubric: rubric}}}
}

func TestReflectionRubricValidation(t *testing.T) {
	good := []Criterion{{ID: "clinical", Criterion: "Clinical", Description: "Names the risk.", MaxPoints: 3},
		{ID: "technical", Criterion: "Technical", Description: "Names the cause.", MaxPoints: 2}}
	cases := []struct {
		name      string
		rubric    []Criterion
		points    float64
		threshold float64
		want      string // "" for a valid quiz
	}{
		{"valid, points left out", good, 0, 0, ""},
		{"valid, points equal to the rubric", good, 5, 35, ""},
		{"no rubric", nil, 0, 0, "needs a rubric"},
		{"points differ from the rubric", good, 4, 0, "must equal the rubric's max_points added up (5)"},
		{"criterion without id", []Criterion{{Criterion: "C", Description: "D", MaxPoints: 1}}, 0, 0, "criterion 1 needs an id"},
		{"repeated id", []Criterion{good[0], good[0]}, 0, 0, "criterion id clinical is used more than once"},
		{"no description", []Criterion{{ID: "a", Criterion: "C", MaxPoints: 1}}, 0, 0, "needs a description"},
		{"no criterion text", []Criterion{{ID: "a", Description: "D", MaxPoints: 1}}, 0, 0, "needs a criterion"},
		{"zero max points", []Criterion{{ID: "a", Criterion: "C", Description: "D"}}, 0, 0, "max_points must be a positive number"},
		{"threshold above 100", good, 0, 120, "moderation_threshold_percent must be between"},
		{"negative threshold", good, 0, -1, "moderation_threshold_percent must be between"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := strings.Join(reflectionQuiz(c.rubric, c.points, c.threshold).Validate(), "; ")
			if c.want == "" && got != "" || !strings.Contains(got, c.want) {
				t.Fatalf("got %q, want %q", got, c.want)
			}
		})
	}
	stray := &Quiz{Slug: "s", Title: "S", PassPercent: 50, Questions: []Question{{ID: "q", Type: ShortText, Prompt: "P", Accepted: []string{"a"}, Rubric: good}}}
	if got := strings.Join(stray.Validate(), "; "); !strings.Contains(got, "short_text does not use rubric") {
		t.Fatalf("a rubric on short_text: %q", got)
	}
	q := reflectionQuiz(good, 0, 0)
	q.Normalize()
	if q.Questions[0].Points != 5 || q.ModerationThreshold() != DefaultModerationThreshold {
		t.Fatalf("normalised points %v, threshold %v", q.Questions[0].Points, q.ModerationThreshold())
	}
}

func TestReflectionGradesPendingUntilMarked(t *testing.T) {
	q := &reflectionQuiz([]Criterion{{ID: "a", Criterion: "C", Description: "D", MaxPoints: 4}}, 4, 0).Questions[0]
	text, blank, long := "I would ask the ward team first.", "  \n", strings.Repeat("é", MaxReflectionRunes+1)
	cases := []struct {
		name string
		ans  *Answer
		want Result
	}{
		{"answered", &Answer{Text: &text}, Result{QuestionID: "r1", MaxPoints: 4, Answered: true, Pending: true}},
		{"blank", &Answer{Text: &blank}, Result{QuestionID: "r1", MaxPoints: 4}},
		{"unanswered", nil, Result{QuestionID: "r1", MaxPoints: 4}},
	}
	for _, c := range cases {
		if got := Grade(q, c.ans); got != c.want {
			t.Errorf("%s: got %+v, want %+v", c.name, got, c.want)
		}
	}
	_, err := GradeAttempt([]*Question{q}, []Answer{{QuestionID: "r1", Text: &long}})
	if ae, ok := err.(*AnswerError); !ok || !strings.Contains(i18n.Default().FieldReason("en", ae.Fields["answers[0].text"]), "at most 20,000 characters") {
		t.Fatalf("an over-long reflection: %v", err)
	}
	_, err = GradeAttempt([]*Question{q}, []Answer{{QuestionID: "r1", ChoiceIDs: []string{"x"}}})
	if ae, ok := err.(*AnswerError); !ok || ae.Fields["answers[0].choice_ids"] == "" {
		t.Fatalf("a reflection answered with choices: %v", err)
	}
}

func TestRubricScore(t *testing.T) {
	rubric := []Criterion{{ID: "a", MaxPoints: 3}, {ID: "b", MaxPoints: 2}}
	cases := []struct {
		name   string
		scores map[string]float64
		total  float64
		fields map[string]string
	}{
		{"all scored", map[string]float64{"a": 2.5, "b": 2}, 4.5, nil},
		{"zero is a score", map[string]float64{"a": 0, "b": 0}, 0, nil},
		{"one missing", map[string]float64{"a": 1}, 0, map[string]string{"b": "is not scored"}},
		{"above the maximum", map[string]float64{"a": 4, "b": 1}, 0, map[string]string{"a": "must be between 0 and 3"}},
		{"negative", map[string]float64{"a": 1, "b": -1}, 0, map[string]string{"b": "must be between 0 and 2"}},
		{"unknown criterion", map[string]float64{"a": 1, "b": 1, "c": 1}, 0, map[string]string{"c": "is not a criterion of this rubric"}},
	}
	for _, c := range cases {
		total, fields := RubricScore(rubric, c.scores)
		for id, reason := range fields {
			fields[id] = i18n.Default().FieldReason("en", reason)
		}
		if total != c.total || !reflect.DeepEqual(fields, c.fields) {
			t.Errorf("%s: got %v %v, want %v %v", c.name, total, fields, c.total, c.fields)
		}
	}
}

func TestGIFTEssayImportsAsReflectionWithPendingRubric(t *testing.T) {
	q, imp, err := ImportGIFT(context.Background(), "::Ward round::How would you explain a model's alert to a colleague?{####Thanks}", "clin-x", "", 70, 1)
	if err != nil {
		t.Fatal(err)
	}
	got := q.Questions[0]
	if got.Type != Reflection || !got.RubricPending || got.Points != 1 || got.Explanation != "Thanks" || len(imp.Pending) != 1 ||
		!strings.Contains(imp.Pending[0].Msg, "question ward-round: write the marking rubric") {
		t.Fatalf("got %+v, pending %v", got, imp.Pending)
	}
	y, err := QuizYAML(q)
	if err != nil || !strings.Contains(string(y), "rubric_pending: true") || !strings.Contains(string(y), "type: reflection") {
		t.Fatalf("yaml %s, %v", y, err)
	}
}
