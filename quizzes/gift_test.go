package quizzes

import (
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// giftQuiz wraps imported questions in a quiz that asks every question of every pool.
func giftQuiz(qs []Question) *Quiz {
	q := &Quiz{Slug: "imported", Title: "Imported", PassPercent: 70, Questions: qs}
	for _, qu := range qs {
		if qu.Pool != "" {
			if q.Pools == nil {
				q.Pools = map[string]int{}
			}
			q.Pools[qu.Pool]++
		}
	}
	return q
}

func TestParseGIFTAllConstructs(t *testing.T) {
	src, err := os.ReadFile("testdata/all-constructs.gift")
	if err != nil {
		t.Fatal(err)
	}
	qs, err := ParseGIFT(string(src))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Type{
		"held-out-data": SingleChoice, "discrimination-metrics": MultipleChoice,
		"regularisation": MultipleChoice, "sensitivity": TrueFalse, "specificity": TrueFalse,
		"roc": ShortText, "name-the-statistic": ShortText, "pi": Numeric,
		"normal-temperature": Numeric, "threshold": Numeric, "heart": Numeric,
		"match-metrics": Matching, "escapes": SingleChoice, "formatted": SingleChoice,
		"multi-line": SingleChoice, "q16": SingleChoice, "q17": TrueFalse, "q18": MultipleChoice,
	}
	if len(qs) != len(want) {
		t.Fatalf("imported %d questions, want %d", len(qs), len(want))
	}
	for i := range qs {
		q := &qs[i]
		if want[q.ID] != q.Type {
			t.Errorf("%s: type %q, want %q", q.ID, q.Type, want[q.ID])
		}
		a := rightAnswer(q)
		if r := Grade(q, &a); !r.Correct || r.Points != r.MaxPoints {
			t.Errorf("%s: the right answer earned %+v", q.ID, r)
		}
	}
	quiz := giftQuiz(qs)
	if problems := quiz.Validate(); len(problems) > 0 {
		t.Fatalf("imported quiz: %q", problems)
	}
	if quiz.Pools["evaluation-basics"] != 7 || quiz.Pools["numbers"] != 11 {
		t.Errorf("pools %v", quiz.Pools)
	}
	out, err := QuizYAML(quiz)
	if err != nil {
		t.Fatal(err)
	}
	var back Quiz
	if err := yaml.Unmarshal(out, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back.Questions, qs) || back.Grading != GradeBest || back.Feedback != FeedbackImmediate {
		t.Fatalf("quiz.yaml does not read back as written:\n%s", out)
	}
}

func TestParseGIFTMapping(t *testing.T) {
	cases := []struct {
		name, src string
		check     func(qs []Question) bool
	}{
		{"ids from titles, numbers, and duplicates", "::Same::A{T}\n\n::Same::B{F}\n\nC{T}\n\n::Ménière's disease — 2::D{T}",
			func(qs []Question) bool {
				return qs[0].ID == "same" && qs[1].ID == "same-2" && qs[2].ID == "q3" && qs[3].ID == "meniere-s-disease-2"
			}},
		{"comment lines inside a question", "Which?{\n// not an answer\n=yes\n~no}",
			func(qs []Question) bool { return len(qs[0].Options) == 2 && qs[0].Type == SingleChoice }},
		{"categories name pools", "$CATEGORY: $course$/top/Cardiology/Heart Failure\n\nA{T}\n\n$CATEGORY: $course$/top\nB{F}",
			func(qs []Question) bool { return qs[0].Pool == "heart-failure" && qs[1].Pool == "" }},
		{"true and false in any case", "A{t}\n\nB{false}",
			func(qs []Question) bool { return *qs[0].Answer && !*qs[1].Answer }},
		{"full-weight short answers", "Capital of France?{=%100%Paris =paris}",
			func(qs []Question) bool { return qs[0].Type == ShortText && len(qs[0].Accepted) == 2 }},
		{"matching targets shared by text", "Match.{=a -> x =b -> x =c -> y}",
			func(qs []Question) bool {
				q := qs[0]
				return len(q.Targets) == 2 && q.Items[0].Match == q.Items[1].Match && q.Items[2].Match == "t2"
			}},
		{"negative numbers", "A{#-5:1}\n\nB{#-3..-1}",
			func(qs []Question) bool {
				return *qs[0].Value == -5 && qs[0].Tolerance == 1 && qs[1].Ranges[0] == NumberRange{Min: -3, Max: -1}
			}},
		{"html answers in a markdown question", "Pick{=[html]<b>bold</b> &amp; ok ~plain}",
			func(qs []Question) bool { return qs[0].Options[0].Text == "bold & ok" }},
		{"escaped newline", `Two\nlines{T}`,
			func(qs []Question) bool { return qs[0].Prompt == "Two\nlines" }},
		{"CRLF line ends", "::A::First\r\nline{T}\r\n\r\n::B::Second{F}\r\n",
			func(qs []Question) bool { return len(qs) == 2 && qs[0].Prompt == "First\nline" }},
		{"descriptions only", "Just some text.\n\nAnd more.",
			func(qs []Question) bool { return len(qs) == 0 }},
		{"backslashes that escape nothing stay", `Is C:\temp a path?{T}`,
			func(qs []Question) bool { return qs[0].Prompt == `Is C:\temp a path?` }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qs, err := ParseGIFT(c.src)
			if err != nil {
				t.Fatal(err)
			}
			if !c.check(qs) {
				t.Fatalf("got %+v", qs)
			}
		})
	}
}

func TestParseGIFTErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"essay", "Intro.\n\nTell us about it.{}", 3, "essay questions are not supported: Tandem has no free-text grading"},
		{"essay with general feedback", "Tell us.{####Thanks}", 1, "essay questions are not supported"},
		{"unclosed block", "Q\n{=a ~b\n", 2, "not closed with }"},
		{"stray close brace", "Q } here {T}", 1, "} without an opening {"},
		{"two blocks", "Q {T}\nQ2 {F}", 2, "a question has one answer block"},
		{"unclosed title", "::abc Q{T}", 1, "title opened with :: is not closed"},
		{"answer without marker", "Q{\nb\n=a}", 2, "each answer starts with = (right) or ~ (wrong)"},
		{"weight not a number", "Q{~%x%a =b}", 1, "a weight is written %n%"},
		{"weight too large", "Q{~%150%a =b}", 1, "weight 150% is outside"},
		{"numeric not a number", "Q{#abc}", 1, "value:tolerance"},
		{"numeric negative tolerance", "Q{#1:-1}", 1, "tolerance after : must be a number of 0 or more"},
		{"numeric NaN", "Q{#NaN}", 1, "value:tolerance"},
		{"numeric bad range", "Q{#1..x}", 1, "min..max"},
		{"numeric empty", "Q{#}", 1, "needs a number"},
		{"numeric inverted range", "Q{#5..1}", 1, "range 1 has min 5 above max 1"},
		{"matching mixed", "Q{=a -> b ~c}", 1, "=item -> target"},
		{"partial short answer", "Q{=%50%a =b}", 1, "short answers with partial credit are not supported"},
		{"no right answer", "::q::Q{~a ~b}", 1, "question q: multiple_choice needs at least one correct option"},
		{"no prompt", "::t::{T}", 1, "question t: needs a prompt"},
		{"weights short of 100%", "Q{~%50%a ~%20%b}", 1, "add up to 70%"},
		{"blank option", "Q{=a ~}", 1, "option b needs a text"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			qs, err := ParseGIFT(c.src)
			if err == nil {
				t.Fatalf("no error; got %+v", qs)
			}
			var ge *GIFTError
			if !errors.As(err, &ge) || ge.Line != c.line || !strings.Contains(ge.Msg, c.msg) {
				t.Fatalf("got %v, want line %d: %s", err, c.line, c.msg)
			}
		})
	}
}

func TestParseGIFTReportsEveryProblem(t *testing.T) {
	_, err := ParseGIFT("A{}\n\nB{T}\n\nC{#x}")
	var errs GIFTErrors
	if !errors.As(err, &errs) || len(errs) != 2 || errs[0].Line != 1 || errs[1].Line != 5 {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(err.Error(), "line 5: ") {
		t.Fatalf("message %q does not name line 5", err)
	}
}

func FuzzParseGIFT(f *testing.F) {
	src, err := os.ReadFile("testdata/all-constructs.gift")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(src))
	for _, s := range []string{"Q{T}", "::a::b{=c ~d}", "{#1..2}", "x{=a -> b}", `a\{{=\}}`, "Q{~%50%a ~%50%b}"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		qs, err := ParseGIFT(src)
		if err != nil {
			var errs GIFTErrors
			if !errors.As(err, &errs) || len(errs) == 0 || qs != nil {
				t.Fatalf("bad error %v", err)
			}
			for _, e := range errs {
				if e.Line < 1 || e.Line > strings.Count(src, "\n")+1 {
					t.Fatalf("error names line %d of %q", e.Line, src)
				}
			}
			return
		}
		if len(qs) == 0 {
			return
		}
		quiz := giftQuiz(qs)
		if problems := quiz.Validate(); len(problems) > 0 {
			t.Fatalf("parsed without error but invalid: %q", problems)
		}
		for i := range qs {
			a := rightAnswer(&qs[i])
			if r := Grade(&qs[i], &a); !r.Correct {
				t.Fatalf("%s: the right answer earned %+v", qs[i].ID, r)
			}
		}
	})
}
