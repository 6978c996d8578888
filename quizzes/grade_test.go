package quizzes

import (
	"encoding/json"
	"math"
	"testing"
)

func TestGrade(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	cases := []struct {
		name, qid string
		answer    *Answer
		points    float64
		correct   bool
		answered  bool
	}{
		{"single right", "single", &Answer{ChoiceIDs: []string{"a"}}, 1, true, true},
		{"single wrong", "single", &Answer{ChoiceIDs: []string{"b"}}, 0, false, true},
		{"single nil answer", "single", nil, 0, false, false},
		{"single empty choices", "single", &Answer{ChoiceIDs: []string{}}, 0, false, false},
		{"single unknown id", "single", &Answer{ChoiceIDs: []string{"zz"}}, 0, false, true},
		{"multi exact", "multi", &Answer{ChoiceIDs: []string{"b", "a"}}, 2, true, true},
		{"multi one of two", "multi", &Answer{ChoiceIDs: []string{"a"}}, 1, false, true},
		{"multi right and wrong cancel", "multi", &Answer{ChoiceIDs: []string{"a", "c"}}, 0, false, true},
		{"multi all correct plus one wrong", "multi", &Answer{ChoiceIDs: []string{"a", "b", "c"}}, 1, false, true},
		{"multi all wrong clamps at zero", "multi", &Answer{ChoiceIDs: []string{"c", "d"}}, 0, false, true},
		{"multi everything", "multi", &Answer{ChoiceIDs: []string{"a", "b", "c", "d"}}, 0, false, true},
		{"multi duplicate picks count once", "multi", &Answer{ChoiceIDs: []string{"a", "a"}}, 1, false, true},
		{"weighted exact", "weighted", &Answer{ChoiceIDs: []string{"a", "b"}}, 1, true, true},
		{"weighted half", "weighted", &Answer{ChoiceIDs: []string{"a"}}, 0.5, false, true},
		{"weighted zero-weight pick is free", "weighted", &Answer{ChoiceIDs: []string{"a", "d"}}, 0.5, false, true},
		{"weighted full penalty", "weighted", &Answer{ChoiceIDs: []string{"a", "b", "c"}}, 0, false, true},
		{"true_false right", "tf", &Answer{ChoiceIDs: []string{"true"}}, 1, true, true},
		{"true_false wrong", "tf", &Answer{ChoiceIDs: []string{"false"}}, 0, false, true},
		{"numeric exact", "num", &Answer{Value: num(0.33)}, 1, true, true},
		{"numeric at tolerance edge", "num", &Answer{Value: num(0.34)}, 1, true, true},
		{"numeric partial range", "num", &Answer{Value: num(0.36)}, 0.5, false, true},
		{"numeric range min inclusive", "num", &Answer{Value: num(0.3)}, 0.5, false, true},
		{"numeric wrong", "num", &Answer{Value: num(0.5)}, 0, false, true},
		{"numeric nil value", "num", &Answer{}, 0, false, false},
		{"short exact", "short", &Answer{Text: text("ROC curve")}, 1, true, true},
		{"short case and spaces", "short", &Answer{Text: text("  roc \t  CURVE\n")}, 1, true, true},
		{"short second accepted", "short", &Answer{Text: text("Receiver Operating Characteristic Curve")}, 1, true, true},
		{"short wrong", "short", &Answer{Text: text("roc")}, 0, false, true},
		{"short blank", "short", &Answer{Text: text("   ")}, 0, false, false},
		{"order right", "order", &Answer{Order: []string{"collect", "split", "train", "test"}}, 1, true, true},
		{"order two swapped", "order", &Answer{Order: []string{"split", "collect", "train", "test"}}, 0.5, false, true},
		{"order reversed", "order", &Answer{Order: []string{"test", "train", "split", "collect"}}, 0, false, true},
		{"order too short", "order", &Answer{Order: []string{"collect", "split"}}, 0.5, false, true},
		{"match right", "match", &Answer{Pairs: map[string]string{"auroc": "disc", "slope": "cal"}}, 1, true, true},
		{"match half", "match", &Answer{Pairs: map[string]string{"auroc": "disc", "slope": "util"}}, 0.5, false, true},
		{"match swapped", "match", &Answer{Pairs: map[string]string{"auroc": "cal", "slope": "disc"}}, 0, false, true},
		{"match one given", "match", &Answer{Pairs: map[string]string{"slope": "cal"}}, 0.5, false, true},
		{"judgement any option", "judge", &Answer{ChoiceIDs: []string{"b"}}, 1, true, true},
		{"judgement two options", "judge", &Answer{ChoiceIDs: []string{"a", "b"}}, 0, false, true},
		{"judgement blank", "judge", &Answer{}, 0, false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := question(t, quiz, c.qid)
			r := Grade(q, c.answer)
			if math.Abs(r.Points-c.points) > 1e-9 || r.Correct != c.correct || r.Answered != c.answered {
				t.Errorf("got points %v correct %v answered %v, want %v %v %v",
					r.Points, r.Correct, r.Answered, c.points, c.correct, c.answered)
			}
			if r.QuestionID != c.qid || r.MaxPoints != q.Points {
				t.Errorf("result names %q with max %v", r.QuestionID, r.MaxPoints)
			}
		})
	}
}

func TestNormalizeText(t *testing.T) {
	cases := map[string]string{
		"  Beta\u00a0 BLOCKER ": "beta blocker",
		"ME\u0301NIE\u0300RE":   "ménière", // decomposed accents compare equal to composed ones
		"ÇA\tVA":                "ça va",
		"":                      "",
	}
	for in, want := range cases {
		if got := normalizeText(in); got != want {
			t.Errorf("normalizeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGradeAttempt(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	var qs []*Question
	var answers []Answer
	for i := range quiz.Questions {
		qs = append(qs, &quiz.Questions[i])
		answers = append(answers, rightAnswer(&quiz.Questions[i]))
	}
	g, err := GradeAttempt(qs, answers)
	if err != nil {
		t.Fatal(err)
	}
	if g.Score != g.MaxScore || g.MaxScore != 10 || g.Percent != 100 || len(g.Results) != len(qs) {
		t.Fatalf("all right: got %+v", g)
	}

	// Only the first answer, and one unanswered: 1 of 10 points; results keep qs order.
	g, err = GradeAttempt(qs, answers[:1])
	if err != nil {
		t.Fatal(err)
	}
	if g.Score != 1 || g.Percent != 10 || g.Results[1].Answered || g.Results[8].QuestionID != "judge" {
		t.Fatalf("one right: got %+v", g)
	}

	g, _ = GradeAttempt([]*Question{qs[1]}, []Answer{{QuestionID: "multi", ChoiceIDs: []string{"a"}}})
	if g.Percent != 50 {
		t.Fatalf("half of multi: got %v", g.Percent)
	}
	// Rounded to two decimals: 2 of 3 points.
	three := []*Question{qs[0], qs[3], qs[4]}
	g, _ = GradeAttempt(three, []Answer{{QuestionID: "single", ChoiceIDs: []string{"a"}}, {QuestionID: "tf", ChoiceIDs: []string{"true"}}})
	if g.Percent != 66.67 {
		t.Fatalf("2 of 3: got %v", g.Percent)
	}

	if g, err := GradeAttempt(nil, nil); err != nil || g.Percent != 0 || g.MaxScore != 0 {
		t.Fatalf("empty attempt: %+v %v", g, err)
	}
}

func TestGradeAttemptMalformed(t *testing.T) {
	quiz := loadQuiz(t, "sample-quiz.yaml")
	var qs []*Question
	for i := range quiz.Questions {
		qs = append(qs, &quiz.Questions[i])
	}
	cases := []struct {
		name    string
		answers []Answer
		field   string // "" means not malformed
	}{
		{"unknown question", []Answer{{QuestionID: "nope", ChoiceIDs: []string{"a"}}}, "answers[0].question_id"},
		{"answered twice", []Answer{{QuestionID: "single", ChoiceIDs: []string{"a"}}, {QuestionID: "single", ChoiceIDs: []string{"b"}}}, "answers[1].question_id"},
		{"text for single_choice", []Answer{{QuestionID: "single", Text: text("a")}}, "answers[0].text"},
		{"value for short_text", []Answer{{QuestionID: "short", Value: num(1)}}, "answers[0].value"},
		{"choices for ordering", []Answer{{QuestionID: "order", ChoiceIDs: []string{"collect"}}}, "answers[0].choice_ids"},
		{"order for matching", []Answer{{QuestionID: "match", Order: []string{"auroc"}}}, "answers[0].order"},
		{"unknown choice", []Answer{{QuestionID: "multi", ChoiceIDs: []string{"a", "z"}}}, "answers[0].choice_ids"},
		{"duplicate choice", []Answer{{QuestionID: "multi", ChoiceIDs: []string{"a", "a"}}}, "answers[0].choice_ids"},
		{"two choices for single", []Answer{{QuestionID: "single", ChoiceIDs: []string{"a", "b"}}}, "answers[0].choice_ids"},
		{"two choices for judgement", []Answer{{QuestionID: "judge", ChoiceIDs: []string{"a", "b"}}}, "answers[0].choice_ids"},
		{"true_false with option letter", []Answer{{QuestionID: "tf", ChoiceIDs: []string{"a"}}}, "answers[0].choice_ids"},
		{"non-finite value", []Answer{{QuestionID: "num", Value: num(math.NaN())}}, "answers[0].value"},
		{"unknown order item", []Answer{{QuestionID: "order", Order: []string{"collect", "boil"}}}, "answers[0].order"},
		{"repeated order item", []Answer{{QuestionID: "order", Order: []string{"collect", "collect"}}}, "answers[0].order"},
		{"unknown pair item", []Answer{{QuestionID: "match", Pairs: map[string]string{"ppv": "disc"}}}, "answers[0].pairs"},
		{"unknown pair target", []Answer{{QuestionID: "match", Pairs: map[string]string{"auroc": "nowhere"}}}, "answers[0].pairs"},
		{"order of wrong length is graded", []Answer{{QuestionID: "order", Order: []string{"collect"}}}, ""},
		{"two items on one target is graded", []Answer{{QuestionID: "match", Pairs: map[string]string{"auroc": "disc", "slope": "disc"}}}, ""},
		{"empty answers are fine", []Answer{{QuestionID: "single"}, {QuestionID: "num"}, {QuestionID: "short"},
			{QuestionID: "order"}, {QuestionID: "match"}, {QuestionID: "tf"}, {QuestionID: "judge"}}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := GradeAttempt(qs, c.answers)
			if c.field == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			ae, ok := err.(*AnswerError)
			if !ok {
				t.Fatalf("got %v, want *AnswerError", err)
			}
			if ae.Fields[c.field] == "" || len(ae.Fields) != 1 {
				t.Fatalf("got fields %v, want %s", ae.Fields, c.field)
			}
		})
	}
}

// FuzzGradeAttempt submits arbitrary JSON answers: no panic, and any grade stays in bounds.
func FuzzGradeAttempt(f *testing.F) {
	quiz := loadQuiz(f, "sample-quiz.yaml")
	var qs []*Question
	for i := range quiz.Questions {
		qs = append(qs, &quiz.Questions[i])
	}
	for _, q := range qs {
		a, _ := json.Marshal([]Answer{rightAnswer(q)})
		f.Add(a)
	}
	f.Add([]byte(`[{"question_id":"num"},{"question_id":"match","pairs":{"auroc":"cal"}}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var answers []Answer
		if json.Unmarshal(body, &answers) != nil {
			return
		}
		g, err := GradeAttempt(qs, answers)
		if err != nil {
			if ae, ok := err.(*AnswerError); !ok || len(ae.Fields) == 0 {
				t.Fatalf("bad error %v", err)
			}
			return
		}
		if g.Score < 0 || g.Score > g.MaxScore || g.Percent < 0 || g.Percent > 100 {
			t.Fatalf("out of bounds: %+v", g)
		}
	})
}

func BenchmarkGradeAttempt(b *testing.B) {
	quiz := loadQuiz(b, "sample-quiz.yaml")
	var qs []*Question
	var answers []Answer
	for i := 0; len(qs) < 20; i++ {
		q := quiz.Questions[i%len(quiz.Questions)]
		q.ID = q.ID + "-" + string(rune('a'+i/len(quiz.Questions)))
		qs = append(qs, &q)
		answers = append(answers, rightAnswer(&q))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := GradeAttempt(qs, answers); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGradeSingleChoiceWithPartialCredit(t *testing.T) {
	q := &Question{ID: "q", Type: SingleChoice, Prompt: "Which?", Points: 2, Options: []Option{
		{ID: "a", Text: "Right", Correct: true}, {ID: "b", Text: "Half", Weight: num(0.5)}, {ID: "c", Text: "Wrong"},
	}}
	if ps := q.problems(); len(ps) > 0 {
		t.Fatal(ps)
	}
	cases := []struct {
		ids     []string
		points  float64
		correct bool
	}{
		{[]string{"a"}, 2, true},
		{[]string{"b"}, 1, false},
		{[]string{"c"}, 0, false},
		{[]string{"a", "b"}, 0, false}, // one answer only: ticking several earns nothing
		{[]string{"a", "b", "c"}, 0, false},
	}
	for _, c := range cases {
		if r := Grade(q, &Answer{ChoiceIDs: c.ids}); r.Points != c.points || r.Correct != c.correct {
			t.Errorf("%v: %+v", c.ids, r)
		}
	}
}

func TestGradeShortTextWithPartialCredit(t *testing.T) {
	q := &Question{ID: "q", Type: ShortText, Prompt: "Best animal?", Accepted: []string{"Frog"},
		Partial: []PartialText{{"Cat", 50}, {"cat ", 25}, {"Toad", 30}}}
	if ps := q.problems(); len(ps) > 0 {
		t.Fatal(ps)
	}
	for text, want := range map[string]float64{"frog": 1, " CAT": 0.5, "toad": 0.3, "dog": 0} {
		if r := Grade(q, &Answer{Text: &text}); r.Points != want || r.Correct != (want == 1) {
			t.Errorf("%q: %+v", text, r)
		}
	}
	q.Partial = append(q.Partial, PartialText{"Newt", 100})
	if ps := q.problems(); len(ps) != 1 || ps[0] != "partial answer 4: percent must be above 0 and below 100" {
		t.Errorf("problems %q", ps)
	}
}
