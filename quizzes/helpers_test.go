package quizzes

import (
	"os"
	"strconv"
	"testing"

	"gopkg.in/yaml.v3"
)

// loadQuiz reads and normalises a quiz.yaml from testdata.
func loadQuiz(t testing.TB, name string) *Quiz {
	t.Helper()
	src, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	var q Quiz
	if err := yaml.Unmarshal(src, &q); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	q.Normalize()
	return &q
}

// question returns the question id of q, failing the test if there is none.
func question(t testing.TB, q *Quiz, id string) *Question {
	t.Helper()
	qu, ok := q.Question(id)
	if !ok {
		t.Fatalf("no question %q", id)
	}
	return qu
}

// rightAnswer builds an answer that should earn q full marks.
func rightAnswer(q *Question) Answer {
	a := Answer{QuestionID: q.ID}
	switch q.Type {
	case SingleChoice, MultipleChoice:
		for _, o := range q.Options {
			if o.Correct {
				a.ChoiceIDs = append(a.ChoiceIDs, o.ID)
			}
		}
	case Judgement:
		a.ChoiceIDs = []string{q.Options[0].ID}
	case TrueFalse:
		a.ChoiceIDs = []string{strconv.FormatBool(*q.Answer)}
	case Numeric:
		v := 0.0
		if q.Value != nil {
			v = *q.Value
		} else {
			for _, r := range q.Ranges {
				if r.Percent == 0 || r.Percent == 100 {
					v = r.Min/2 + r.Max/2
					break
				}
			}
		}
		a.Value = &v
	case ShortText:
		a.Text = &q.Accepted[0]
	case Ordering:
		for _, it := range q.Items {
			a.Order = append(a.Order, it.ID)
		}
	case Matching:
		a.Pairs = map[string]string{}
		for _, it := range q.Items {
			a.Pairs[it.ID] = it.Match
		}
	}
	return a
}

func num(f float64) *float64 { return &f }
func text(s string) *string  { return &s }
