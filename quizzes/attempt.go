package quizzes

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strings"

	"tandem/errs"
)

// Answer is a learner's answer to one question, as submitted to the API. Which field is used
// depends on the question's type: choice_ids for choice, true_false and judgement questions,
// value for numeric, text for short_text and reflection (Markdown), order (item ids) for ordering and pairs
// (item id to target id) for matching.
type Answer struct {
	QuestionID string            `json:"question_id"`
	ChoiceIDs  []string          `json:"choice_ids,omitempty"`
	Value      *float64          `json:"value,omitempty"`
	Text       *string           `json:"text,omitempty"`
	Order      []string          `json:"order,omitempty"`
	Pairs      map[string]string `json:"pairs,omitempty"`
}

// Graded is the grade of a whole attempt.
type Graded struct {
	Score    float64 `json:"score"`
	MaxScore float64 `json:"max_score"`
	// Percent is Score/MaxScore in 0..100, rounded to 2 decimals.
	Percent float64  `json:"percent"`
	Results []Result `json:"results"`
}

// AnswerError lists malformed answers, keyed by their place in the request
// ("answers[2].choice_ids"), with a message safe to show the learner.
type AnswerError struct {
	Fields map[string]string
}

// Error lists the malformed fields in a stable order.
func (e *AnswerError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for i, k := range keys {
		keys[i] = k + ": " + e.Fields[k]
	}
	return "malformed answers: " + strings.Join(keys, "; ")
}

// GradeAttempt grades answers to the questions of an attempt, in the order of qs; questions
// without an answer score 0. It returns an *AnswerError, and no grade, when an answer names a
// question not in qs, answers a question twice, or does not fit its question's type (a field
// the type does not use, an id that is not one of the question's, an id given twice).
// An order of the wrong length is not malformed: it is graded.
func GradeAttempt(qs []*Question, answers []Answer) (Graded, error) {
	byID := make(map[string]*Question, len(qs))
	for _, q := range qs {
		byID[q.ID] = q
	}
	fields := map[string]string{}
	given := make(map[string]*Answer, len(answers))
	for i := range answers {
		a := &answers[i]
		at := fmt.Sprintf("answers[%d]", i)
		q, ok := byID[a.QuestionID]
		switch {
		case !ok:
			fields[at+".question_id"] = fmt.Sprintf("question %q is not in this attempt", a.QuestionID)
		case given[a.QuestionID] != nil:
			fields[at+".question_id"] = fmt.Sprintf("question %q is answered more than once", a.QuestionID)
		default:
			given[a.QuestionID] = a
			if field, msg := a.misfit(q); msg != "" {
				fields[at+"."+field] = msg
			}
		}
	}
	if len(fields) > 0 {
		return Graded{}, &AnswerError{Fields: fields}
	}
	results := make([]Result, 0, len(qs))
	for _, q := range qs {
		results = append(results, Grade(q, given[q.ID]))
	}
	return tally(results), nil
}

// tally adds up the results of an attempt.
func tally(results []Result) Graded {
	g := Graded{Results: results}
	for _, r := range results {
		g.Score += r.Points
		g.MaxScore += r.MaxPoints
	}
	if g.MaxScore > 0 {
		g.Percent = math.Round(g.Score/g.MaxScore*10000) / 100
	}
	return g
}

// answerField names the field of Answer that questions of type t are answered with.
func answerField(t Type) string {
	switch t {
	case Numeric:
		return "value"
	case ShortText, Reflection:
		return "text"
	case Ordering:
		return "order"
	case Matching:
		return "pairs"
	default:
		return "choice_ids"
	}
}

// given reports whether a holds a non-empty answer in the field questions of type t use.
func (a *Answer) given(t Type) bool {
	switch t {
	case Numeric:
		return a.Value != nil
	case ShortText, Reflection:
		return a.Text != nil && strings.TrimSpace(*a.Text) != ""
	case Ordering:
		return len(a.Order) > 0
	case Matching:
		return len(a.Pairs) > 0
	default:
		return len(a.ChoiceIDs) > 0
	}
}

// misfit returns the first field of a that does not fit q and why; msg is "" when a fits.
func (a *Answer) misfit(q *Question) (field, msg string) {
	want := answerField(q.Type)
	fields := [...]struct {
		name string
		set  bool
	}{
		{"choice_ids", a.ChoiceIDs != nil}, {"value", a.Value != nil}, {"text", a.Text != nil},
		{"order", a.Order != nil}, {"pairs", a.Pairs != nil},
	}
	for _, f := range fields {
		if f.set && f.name != want {
			return f.name, fmt.Sprintf("a %s question is answered with %s, not %s", q.Type, want, f.name)
		}
	}
	switch q.Type {
	case SingleChoice, TrueFalse, Judgement:
		if len(a.ChoiceIDs) > 1 {
			return "choice_ids", "choose one option"
		}
		return "choice_ids", unknownOrRepeated(a.ChoiceIDs, choiceIDs(q), "option")
	case MultipleChoice:
		return "choice_ids", unknownOrRepeated(a.ChoiceIDs, choiceIDs(q), "option")
	case Numeric:
		if a.Value != nil && !finite(*a.Value) {
			return "value", "give a finite number"
		}
	case Reflection:
		return "text", reflectionMisfit(a.Text)
	case Ordering:
		return "order", unknownOrRepeated(a.Order, itemIDs(q), "item")
	case Matching:
		items, targets := itemIDs(q), make([]string, len(q.Targets))
		for i, t := range q.Targets {
			targets[i] = t.ID
		}
		for _, item := range slices.Sorted(maps.Keys(a.Pairs)) {
			target := a.Pairs[item]
			if !slices.Contains(items, item) {
				return "pairs", notOfQuestion("item", item)
			}
			if !slices.Contains(targets, target) {
				return "pairs", notOfQuestion("target", target)
			}
		}
	}
	return "", ""
}

// unknownOrRepeated explains the first id in ids that is not in known or appears twice.
func unknownOrRepeated(ids, known []string, what string) string {
	for i, id := range ids {
		if !slices.Contains(known, id) {
			return notOfQuestion(what, id)
		}
		if slices.Contains(ids[:i], id) {
			return errs.Reason("reason.answer_twice", map[string]any{"Value": id})
		}
	}
	return ""
}

// notOfQuestion is the reason for id, given as what ("option", "item" or "target") of a
// question, that is none of the question's.
func notOfQuestion(what, id string) string {
	switch what {
	case "item":
		return errs.Reason("reason.answer_not_item", map[string]any{"Value": id})
	case "target":
		return errs.Reason("reason.answer_not_target", map[string]any{"Value": id})
	}
	return errs.Reason("reason.answer_not_option", map[string]any{"Value": id})
}

func choiceIDs(q *Question) []string {
	if q.Type == TrueFalse {
		return []string{"true", "false"}
	}
	ids := make([]string, len(q.Options))
	for i, o := range q.Options {
		ids[i] = o.ID
	}
	return ids
}

func itemIDs(q *Question) []string {
	ids := make([]string, len(q.Items))
	for i, it := range q.Items {
		ids[i] = it.ID
	}
	return ids
}
