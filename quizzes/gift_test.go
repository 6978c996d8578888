package quizzes

import (
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// parse reads src with no limit on the number of questions.
func parse(t testing.TB, src string) *GIFTImport {
	t.Helper()
	imp, err := ParseGIFT(context.Background(), src, 0)
	if err != nil {
		t.Fatal(err)
	}
	return imp
}

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
	imp := parse(t, string(src))
	qs := imp.Questions
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
	if len(imp.Skipped) != 1 || imp.Skipped[0].Line != 72 || !strings.Contains(imp.Skipped[0].Msg, "description") {
		t.Errorf("the description is not reported: %v", imp.Skipped)
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

// only parses src, which must import exactly one question, and returns it.
func only(t *testing.T, src string) Question {
	t.Helper()
	imp := parse(t, src)
	if len(imp.Questions) != 1 {
		t.Fatalf("imported %d questions, skipped %v", len(imp.Questions), imp.Skipped)
	}
	return imp.Questions[0]
}

func TestParseGIFTMapping(t *testing.T) {
	cases := []struct {
		name, src string
		check     func(qs []Question) bool
	}{
		{"ids from titles, numbers, and duplicates", "::Same::A{T}\n\n::Same::B{F}\n\nC{T}\n\n::Ménière's disease — 2::D{T}\n\n::Same::E{T}",
			func(qs []Question) bool {
				return qs[0].ID == "same" && qs[1].ID == "same-2" && qs[2].ID == "q3" && qs[3].ID == "meniere-s-disease-2" && qs[4].ID == "same-3"
			}},
		{"a title that is never closed is text, as in Moodle", "::No title here{T}",
			func(qs []Question) bool { return qs[0].ID == "q1" && qs[0].Prompt == "No title here" }},
		{"comment lines inside a question", "Which?{\n// not an answer\n=yes\n~no}",
			func(qs []Question) bool { return len(qs[0].Options) == 2 && qs[0].Type == SingleChoice }},
		{"categories name pools", "$CATEGORY: $course$/top/Cardiology/Heart Failure\n\nA{T}\n\n$CATEGORY: $course$/top\nB{F}",
			func(qs []Question) bool { return qs[0].Pool == "heart-failure" && qs[1].Pool == "" }},
		{"true and false in any case", "A{t}\n\nB{false}",
			func(qs []Question) bool { return *qs[0].Answer && !*qs[1].Answer }},
		{"full-weight short answers", "Capital of France?{=%100%Paris =paris}",
			func(qs []Question) bool { return qs[0].Type == ShortText && len(qs[0].Accepted) == 2 }},
		{"partial short answers", "Best animal?{=Frog =%50%Cat =%0%Dog#No.}",
			func(qs []Question) bool {
				return qs[0].Partial[0] == PartialText{"Cat", 50} && len(qs[0].Accepted) == 1 && qs[0].Explanation == "- For “Dog”: No."
			}},
		{"an unmarked short answer, as in Moodle", "Capital of France?{Paris}",
			func(qs []Question) bool { return qs[0].Type == ShortText && qs[0].Accepted[0] == "Paris" }},
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
			func(qs []Question) bool { return qs[0].Prompt == "Two\\\nlines" }},
		{"CRLF line ends", "::A::First\r\nline{T}\r\n\r\n::B::Second{F}\r\n",
			func(qs []Question) bool { return len(qs) == 2 && qs[0].Prompt == "First\\\nline" }},
		{"backslashes that escape nothing stay", `Is C:\temp a path?{T}`,
			func(qs []Question) bool { return qs[0].Prompt == `Is C:\\temp a path?` }},
		{"fill the blank", "The {=second ~first} step.",
			func(qs []Question) bool { return qs[0].Prompt == `The \_____ step.` }},
		{"the last #### starts the general feedback, as in Moodle", "Q{=a#x ~b#y ####one####two}",
			func(qs []Question) bool {
				return qs[0].Explanation == "two" && qs[0].Options[1].Explanation == "y ####one"
			}},
		{"markdown text stays as written", "[markdown]Is **this** `code`?{T}",
			func(qs []Question) bool { return qs[0].Prompt == "Is **this** `code`?" }},
		{"plain text is escaped", "[plain]Is a*b [[sepsis]] <b>?{T}",
			func(qs []Question) bool { return qs[0].Prompt == `Is a\*b \[\[sepsis\]\] \<b\>?` }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			imp := parse(t, c.src)
			if len(imp.Skipped) > 0 || !c.check(imp.Questions) {
				t.Fatalf("got %+v, skipped %v", imp.Questions, imp.Skipped)
			}
		})
	}
}

func TestParseGIFTNumericWithWrongAnswerBranch(t *testing.T) {
	q := only(t, "::Q5:: What is a number from 1 to 5? {#3:2~#Completely wrong}")
	if q.Type != Numeric || *q.Value != 3 || q.Tolerance != 2 || q.Explanation != "- For any other answer: Completely wrong" {
		t.Fatalf("got %+v", q)
	}
	q = only(t, "Q{#=%50%3:2#Close. =3#Exactly. ~%0%9#not read ####General.}")
	if *q.Value != 3 || q.Ranges[0] != (NumberRange{Min: 1, Max: 5, Percent: 50}) ||
		q.Explanation != "General.\n\n- For an answer within 3 ± 2: Close.\n- For 3: Exactly.\n- For any other answer: not read" {
		t.Fatalf("got %+v %q", q, q.Explanation)
	}
}

func TestParseGIFTTrueFalseFeedbackPerAnswer(t *testing.T) {
	q := only(t, "42 is the Absolute Answer.{FALSE#42 is the Ultimate Answer.#You gave the right answer.####A reference.}")
	if *q.Answer || q.ExplanationTrue != "42 is the Ultimate Answer." || q.ExplanationFalse != "You gave the right answer." || q.Explanation != "A reference." {
		t.Fatalf("FALSE: got %+v", q)
	}
	q = only(t, "Sensitivity is the true positive rate.{T#No: it is TP/(TP+FN).#Yes.}")
	if !*q.Answer || q.ExplanationTrue != "Yes." || q.ExplanationFalse != "No: it is TP/(TP+FN)." || q.Explanation != "" {
		t.Fatalf("TRUE: got %+v", q)
	}
}

func TestParseGIFTSingleAnswerWithPartialCredit(t *testing.T) {
	q := only(t, "Best first step?{=Check the data#Yes. ~%50%Ask a colleague#Half. ~%-50%Retrain#No. ~Ship it#No.}")
	if q.Type != SingleChoice || !q.Options[0].Correct || *q.Options[1].Weight != 0.5 || q.Options[2].Weight != nil || q.Options[3].Weight != nil {
		t.Fatalf("got %+v", q)
	}
	for _, c := range []struct {
		ids    []string
		points float64
	}{{[]string{"a"}, 1}, {[]string{"b"}, 0.5}, {[]string{"c"}, 0}, {[]string{"a", "b", "c", "d"}, 0}} {
		if r := Grade(&q, &Answer{ChoiceIDs: c.ids}); r.Points != c.points {
			t.Errorf("%v earned %v, want %v", c.ids, r.Points, c.points)
		}
	}
	if q := only(t, "Which?{~%50%a ~%50%b ~c}"); q.Type != MultipleChoice {
		t.Errorf("without an = answer Moodle ticks all that apply; got %s", q.Type)
	}
}

func TestParseGIFTTagsAndIDs(t *testing.T) {
	imp := parse(t, "// [id:sens-1] [tag:metrics] [tag:basics]\n::Sensitivity::Sensitivity is TP/(TP+FN).{T}\n\n"+
		"// [id:sens-1]\nAgain.{T}\n\n// [id:not valid!]\n::Kept title::Q{F}")
	qs := imp.Questions
	if qs[0].ID != "sens-1" || !reflect.DeepEqual(qs[0].Tags, []string{"metrics", "basics"}) || qs[1].ID != "sens-1-2" || qs[2].ID != "kept-title" {
		t.Fatalf("got %+v", qs)
	}
	if len(imp.Notes) != 2 || imp.Notes[0].Line != 5 || imp.Notes[1].Line != 8 || !strings.Contains(imp.Notes[1].Msg, "[id:not valid!]") {
		t.Fatalf("notes %v", imp.Notes)
	}
}

func TestParseGIFTImportsGoodQuestionsBesideBadOnes(t *testing.T) {
	imp := parse(t, "::good::Fine?{T}\n\n::essay::Discuss.{}\n\nJust a description.\n\n::bad::Q{#abc}\n\n::also good::Q{=a ~b}")
	var ids []string
	for _, q := range imp.Questions {
		ids = append(ids, q.ID)
	}
	if !reflect.DeepEqual(ids, []string{"good", "essay", "also-good"}) || !reflect.DeepEqual(imp.Lines, []int{1, 3, 9}) {
		t.Fatalf("imported %v at %v", ids, imp.Lines)
	}
	lines := []int{}
	for _, s := range imp.Skipped {
		lines = append(lines, s.Line)
	}
	if !reflect.DeepEqual(lines, []int{5, 7}) {
		t.Fatalf("skipped %v", imp.Skipped)
	}
}

func TestParseGIFTErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"unclosed block", "Q\n{=a ~b\n", 2, "not closed with }"},
		{"stray close brace", "Q } here {T}", 1, "} without an opening {"},
		{"two blocks", "Q {T}\nQ2 {F}", 2, "a question has one answer block"},
		{"weight not a number", "Q{~%x%a =b}", 1, "a weight is written %n%"},
		{"weight too large", "Q{~%150%a =b}", 1, "weight 150% is outside"},
		{"= with a weight in a choice block", "Q{=%50%a ~b}", 1, "write ~%n% for partial credit"},
		{"one choice", "Q{~a}", 1, "at least two answers"},
		{"numeric not a number", "Q{#abc}", 1, "value:tolerance"},
		{"numeric negative tolerance", "Q{#1:-1}", 1, "tolerance after : must be a number of 0 or more"},
		{"numeric NaN", "Q{#NaN}", 1, "value:tolerance"},
		{"numeric bad range", "Q{#1..x}", 1, "min..max"},
		{"numeric empty", "Q{#}", 1, "needs a number"},
		{"numeric inverted range", "Q{#5..1}", 1, "range 1 has min 5 above max 1"},
		{"matching without arrow", "Q{=a -> b =c}", 1, "=item -> target"},
		{"short answer accepting anything", "Q{=*}", 1, "would give credit for anything"},
		{"short answer with no right answer", "Q{=%0%*#Wrong}", 1, "at least one answer that earns full marks"},
		{"no right answer", "::q::Q{~a ~b}", 1, "multiple_choice needs at least one correct option"},
		{"no prompt", "::t::{T}", 1, "needs a prompt"},
		{"weights short of 100%", "Q{~%50%a ~%20%b}", 1, "add up to 70%"},
		{"full and partial credit in a single-answer block", "Q{=a ~%100%b ~%50%c}", 1, "several answers earn full marks"},
		{"blank option", "Q{=a ~}", 1, "option b needs a text"},
		{"not UTF-8", "Q{T}\n\nQ\xff{T}", 3, "not UTF-8"},
		{"control character", "Q\x00{T}", 1, "control characters"},
		{"description", "Only text.", 1, "a description (text without an answer block) is not imported"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			imp := parse(t, c.src)
			if len(imp.Skipped) != 1 {
				t.Fatalf("skipped %v; imported %+v", imp.Skipped, imp.Questions)
			}
			if ge := imp.Skipped[0]; ge.Line != c.line || !strings.Contains(ge.Msg, c.msg) {
				t.Fatalf("got %v, want line %d: %s", ge, c.line, c.msg)
			}
		})
	}
}

func TestParseGIFTStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := ParseGIFT(ctx, "A{T}\n\nB{F}", 0); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}

func TestParseGIFTCapsTheQuestionCount(t *testing.T) {
	src := strings.Repeat("Q{T}\n\n", 11)
	var tooMany *TooManyGIFTQuestionsError
	if _, err := ParseGIFT(context.Background(), src, 10); !errors.As(err, &tooMany) || tooMany.Max != 10 {
		t.Fatalf("got %v", err)
	}
	if imp, err := ParseGIFT(context.Background(), src, 11); err != nil || len(imp.Questions) != 11 {
		t.Fatalf("at the cap: %v", err)
	}
}

func TestImportGIFTMarksWhatIsLeftToExplain(t *testing.T) {
	q, imp, err := ImportGIFT(context.Background(), "::a::Q?{=yes#Right. ~no ~maybe}\n\n::b::S?{T}\n\n::c::All said?{=x#X. ~y#Y.}", "mod", "", 70, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !q.Questions[0].ExplanationsPending || !q.Questions[1].ExplanationsPending || q.Questions[2].ExplanationsPending {
		t.Fatalf("marks: %+v", q.Questions)
	}
	want := GIFTErrors{
		{1, "question a: add an explanation to options b and c (why each is right or wrong); then remove explanations_pending"},
		{3, "question b: add an explanation (or explanation_true and explanation_false); then remove explanations_pending"},
	}
	if !reflect.DeepEqual(imp.Pending, want) {
		t.Fatalf("pending %v", imp.Pending)
	}
	if _, _, err := ImportGIFT(context.Background(), "Only a description.", "mod", "", 70, 3); err == nil || !strings.Contains(err.Error(), "line 1: a description") {
		t.Fatalf("nothing to import: %v", err)
	}
}
