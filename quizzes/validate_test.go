package quizzes

import (
	"strings"
	"testing"
)

func TestValidateAcceptsSample(t *testing.T) {
	if problems := loadQuiz(t, "sample-quiz.yaml").Validate(); len(problems) > 0 {
		t.Fatalf("sample quiz: %q", problems)
	}
}

func TestNormalize(t *testing.T) {
	q := Quiz{Questions: []Question{{Points: 0}, {Points: 3}}}
	q.Normalize()
	if q.Grading != GradeBest || q.Feedback != FeedbackImmediate || q.Questions[0].Points != 1 || q.Questions[1].Points != 3 {
		t.Fatalf("got %+v", q)
	}
}

func TestValidateFindsProblems(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	cases := []struct {
		name   string
		breakQ func(q *Quiz)
		want   string
	}{
		{"no slug", func(q *Quiz) { q.Slug = " " }, "quiz needs a slug"},
		{"no title", func(q *Quiz) { q.Title = "" }, "quiz needs a title"},
		{"pass 0", func(q *Quiz) { q.PassPercent = 0 }, "pass_percent must be between 1 and 100"},
		{"pass 101", func(q *Quiz) { q.PassPercent = 101 }, "pass_percent must be between 1 and 100"},
		{"negative attempts", func(q *Quiz) { q.MaxAttempts = -1 }, "max_attempts must be 0"},
		{"negative time", func(q *Quiz) { q.TimeLimitMinutes = -5 }, "time_limit_minutes must be 0"},
		{"grading", func(q *Quiz) { q.Grading = "first" }, `grading must be best or last, not "first"`},
		{"feedback", func(q *Quiz) { q.Feedback = "later" }, "feedback must be immediate"},
		{"no questions", func(q *Quiz) { q.Questions = nil; q.Pools = nil }, "quiz has no questions"},
		{"duplicate id", func(q *Quiz) { q.Questions[1].ID = "single" }, "question single: id is used by more than one question"},
		{"missing id", func(q *Quiz) { q.Questions[1].ID = "" }, "question #2: needs an id"},
		{"unknown type", func(q *Quiz) { q.Questions[0].Type = "essay" }, `question single: unknown type "essay"`},
		{"no type", func(q *Quiz) { q.Questions[0].Type = "" }, "question single: needs a type"},
		{"blank prompt", func(q *Quiz) { q.Questions[0].Prompt = "\n" }, "question single: needs a prompt"},
		{"negative points", func(q *Quiz) { q.Questions[0].Points = -1 }, "question single: points must be a positive number"},
		{"single two correct", func(q *Quiz) { q.Questions[0].Options[1].Correct = true }, "question single: single_choice needs exactly one correct option, not 2"},
		{"single none correct", func(q *Quiz) { q.Questions[0].Options[0].Correct = false }, "single_choice needs exactly one correct option, not 0"},
		{"single one option", func(q *Quiz) { q.Questions[0].Options = q.Questions[0].Options[:1] }, "single_choice needs at least 2 options"},
		{"multi none correct", func(q *Quiz) { q.Questions[1].Options[0].Correct = false; q.Questions[1].Options[1].Correct = false }, "question multi: multiple_choice needs at least one correct option"},
		{"duplicate option id", func(q *Quiz) { q.Questions[1].Options[1].ID = "a" }, "question multi: option id a is used more than once"},
		{"duplicate option text", func(q *Quiz) { q.Questions[1].Options[1].Text = "AUROC" }, "question multi: option b repeats the text of another option"},
		{"blank option text", func(q *Quiz) { q.Questions[1].Options[1].Text = "" }, "question multi: option b needs a text"},
		{"option without id", func(q *Quiz) { q.Questions[1].Options[1].ID = "" }, "question multi: option 2 needs an id"},
		{"weight out of range", func(q *Quiz) { q.Questions[2].Options[2].Weight = f(-2) }, "question weighted: option c: weight must be between -1 and 1"},
		{"correct with negative weight", func(q *Quiz) { q.Questions[2].Options[0].Weight = f(-0.5) }, "option a: a correct option needs a positive weight"},
		{"wrong with positive weight", func(q *Quiz) { q.Questions[2].Options[3].Weight = f(0.5) }, "option d: a positive weight needs correct: true"},
		{"weights short of full marks", func(q *Quiz) { q.Questions[2].Options[0].Weight = f(0.2) }, "add up to 70%, so full marks are out of reach"},
		{"weight on single", func(q *Quiz) { q.Questions[0].Options[0].Weight = f(0.5) }, "option a: the correct option of a single_choice question earns full points"},
		{"partial credit on single", func(q *Quiz) { q.Questions[0].Options[1].Weight = f(0.5) }, ""},
		{"full credit on a wrong single option", func(q *Quiz) { q.Questions[0].Options[1].Weight = f(1) }, "option b: on single_choice, weight is the partial credit of a wrong option"},
		{"per-answer explanations off true_false", func(q *Quiz) { q.Questions[4].ExplanationTrue = "x" }, "question num: numeric does not use explanation_true or explanation_false"},
		{"blank tag", func(q *Quiz) { q.Questions[0].Tags = []string{"ok", " "} }, "question single: tag 2 is blank"},
		{"true_false without answer", func(q *Quiz) { q.Questions[3].Answer = nil }, "question tf: true_false needs an answer"},
		{"numeric without value", func(q *Quiz) { q.Questions[4].Value = nil; q.Questions[4].Ranges = nil }, "question num: numeric needs a value or at least one range"},
		{"numeric ranges only is fine", func(q *Quiz) { q.Questions[4].Value = nil }, ""},
		{"negative tolerance", func(q *Quiz) { q.Questions[4].Tolerance = -0.1 }, "question num: tolerance must be 0 or more"},
		{"range inverted", func(q *Quiz) { q.Questions[4].Ranges[0].Min = 1 }, "question num: range 1 has min 1 above max 0.4"},
		{"range percent", func(q *Quiz) { q.Questions[4].Ranges[0].Percent = 150 }, "range 1: percent must be between 0 and 100"},
		{"short_text nothing accepted", func(q *Quiz) { q.Questions[5].Accepted = nil }, "question short: short_text needs at least one accepted answer"},
		{"short_text blank accepted", func(q *Quiz) { q.Questions[5].Accepted[1] = "  " }, "question short: accepted answer 2 is blank"},
		{"ordering two items", func(q *Quiz) { q.Questions[6].Items = q.Questions[6].Items[:2] }, "question order: ordering needs at least 3 items"},
		{"ordering duplicate id", func(q *Quiz) { q.Questions[6].Items[1].ID = "collect" }, "question order: item id collect is used more than once"},
		{"ordering blank item", func(q *Quiz) { q.Questions[6].Items[1].Text = "" }, "question order: item split needs a text"},
		{"matching without match", func(q *Quiz) { q.Questions[7].Items[0].Match = "" }, "question match: item auroc needs a match naming its target"},
		{"matching unknown target", func(q *Quiz) { q.Questions[7].Items[0].Match = "ppv" }, `question match: item auroc matches "ppv", which is not a target`},
		{"matching duplicate item", func(q *Quiz) { q.Questions[7].Items[1].ID = "auroc" }, "question match: item id auroc is used more than once"},
		{"matching duplicate target", func(q *Quiz) { q.Questions[7].Targets[1].ID = "disc" }, "question match: target id disc is used more than once"},
		{"judgement with correct", func(q *Quiz) { q.Questions[8].Options[0].Correct = true }, "question judge: option a: judgement options have no correct answer"},
		{"judgement without tradeoffs", func(q *Quiz) { q.Questions[8].Options[1].Tradeoffs = "" }, "question judge: option b: judgement options need tradeoffs"},
		{"stray options", func(q *Quiz) { q.Questions[4].Options = q.Questions[0].Options }, "question num: numeric does not use options"},
		{"stray answer", func(q *Quiz) { q.Questions[0].Answer = new(bool) }, "question single: single_choice does not use answer"},
		{"undeclared pool", func(q *Quiz) { q.Questions[0].Pool = "extra" }, `question single: pool "extra" is not declared under pools`},
		{"pool draws too many", func(q *Quiz) { q.Pools["core"] = 4 }, "pool core: draws 4, but only 3 questions are in it"},
		{"pool draws none", func(q *Quiz) { q.Pools["core"] = 0 }, "pool core: must draw at least 1 question, not 0"},
		{"empty pool", func(q *Quiz) { q.Pools["empty"] = 1 }, "pool empty: draws 1, but only 0 questions are in it"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			q := loadQuiz(t, "sample-quiz.yaml")
			c.breakQ(q)
			problems := q.Validate()
			if c.want == "" {
				if len(problems) > 0 {
					t.Fatalf("unexpected problems %q", problems)
				}
				return
			}
			for _, p := range problems {
				if strings.Contains(p, c.want) {
					return
				}
			}
			t.Fatalf("problems %q do not include %q", problems, c.want)
		})
	}
}
