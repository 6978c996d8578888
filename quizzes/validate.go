package quizzes

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

// Normalize fills the defaults an author may leave out: grading best, feedback immediate, the
// review parts from the feedback setting (the score after each attempt) and one point per
// question. Validate accepts a quiz before or after Normalize.
func (q *Quiz) Normalize() {
	if q.Grading == "" {
		q.Grading = GradeBest
	}
	if q.Feedback == "" {
		q.Feedback = FeedbackImmediate
	}
	q.Review.normalize(q.Feedback)
	for i := range q.Questions {
		qu := &q.Questions[i]
		switch {
		case qu.Points != 0:
		case qu.Type == Reflection && len(qu.Rubric) > 0:
			qu.Points = RubricPoints(qu.Rubric)
		default:
			qu.Points = 1
		}
	}
}

// problems collects human-readable validation messages.
type problems []string

func (p *problems) add(format string, args ...any) {
	*p = append(*p, fmt.Sprintf(format, args...))
}

// Validate lists every problem in the quiz as a sentence, each prefixed with the id of the
// question it concerns where there is one. An empty result means the quiz is well-formed.
func (q *Quiz) Validate() []string {
	var p problems
	if strings.TrimSpace(q.Slug) == "" {
		p.add("quiz needs a slug")
	}
	if strings.TrimSpace(q.Title) == "" {
		p.add("quiz needs a title")
	}
	if q.PassPercent < 1 || q.PassPercent > 100 {
		p.add("pass_percent must be between 1 and 100, not %d", q.PassPercent)
	}
	if q.MaxAttempts < 0 {
		p.add("max_attempts must be 0 (unlimited) or more, not %d", q.MaxAttempts)
	}
	if q.TimeLimitMinutes < 0 {
		p.add("time_limit_minutes must be 0 (no limit) or more, not %d", q.TimeLimitMinutes)
	}
	switch q.Grading {
	case "", GradeBest, GradeLast:
	default:
		p.add("grading must be best or last, not %q", q.Grading)
	}
	switch q.Feedback {
	case "", FeedbackImmediate, FeedbackAfterDeadline, FeedbackNever:
	default:
		p.add("feedback must be immediate, after_deadline or never, not %q", q.Feedback)
	}
	p = append(p, q.Review.problems(q)...)
	p = append(p, q.moderationProblems()...)
	if len(q.Questions) == 0 {
		p.add("quiz has no questions")
	}
	seen := map[string]bool{}
	inPool := map[string]int{}
	for i := range q.Questions {
		qu := &q.Questions[i]
		where := "question " + qu.ID
		if strings.TrimSpace(qu.ID) == "" {
			where = fmt.Sprintf("question #%d", i+1)
			p.add("%s: needs an id", where)
		} else if seen[qu.ID] {
			p.add("%s: id is used by more than one question", where)
		}
		seen[qu.ID] = true
		if qu.Pool != "" {
			inPool[qu.Pool]++
			if _, ok := q.Pools[qu.Pool]; !ok {
				p.add("%s: pool %q is not declared under pools", where, qu.Pool)
			}
		}
		for _, msg := range qu.problems() {
			p.add("%s: %s", where, msg)
		}
	}
	names := make([]string, 0, len(q.Pools))
	for name := range q.Pools {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		draw := q.Pools[name]
		if draw < 1 {
			p.add("pool %s: must draw at least 1 question, not %d", name, draw)
		} else if draw > inPool[name] {
			p.add("pool %s: draws %d, but only %d questions are in it", name, draw, inPool[name])
		}
	}
	return p
}

// problems lists what is wrong with one question, without the question prefix.
func (qu *Question) problems() []string {
	var p problems
	if strings.TrimSpace(qu.Prompt) == "" {
		p.add("needs a prompt")
	}
	if qu.Points < 0 || math.IsNaN(qu.Points) || math.IsInf(qu.Points, 0) {
		p.add("points must be a positive number (0 or absent means 1)")
	}
	switch qu.Type {
	case SingleChoice, MultipleChoice, Judgement:
		p = append(p, qu.optionProblems()...)
	case TrueFalse:
		if qu.Answer == nil {
			p.add("true_false needs an answer (true or false)")
		}
	case Numeric:
		p = append(p, qu.numericProblems()...)
	case ShortText:
		if len(qu.Accepted) == 0 {
			p.add("short_text needs at least one accepted answer")
		}
		for i, a := range qu.Accepted {
			if normalizeText(a) == "" {
				p.add("accepted answer %d is blank", i+1)
			}
		}
		for i, a := range qu.Partial {
			switch {
			case normalizeText(a.Text) == "":
				p.add("partial answer %d is blank", i+1)
			case !finite(a.Percent) || a.Percent <= 0 || a.Percent >= 100:
				p.add("partial answer %d: percent must be above 0 and below 100", i+1)
			}
		}
	case Ordering:
		// Items are never presented in their right order, so two would give the answer away.
		if len(qu.Items) < 3 {
			p.add("ordering needs at least 3 items")
		}
		p = append(p, itemProblems(qu.Items, false)...)
	case Matching:
		p = append(p, qu.matchingProblems()...)
	case Reflection:
		p = append(p, qu.rubricProblems()...)
	case "":
		p.add("needs a type")
	default:
		p.add("unknown type %q", qu.Type)
	}
	for i, t := range qu.Tags {
		if strings.TrimSpace(t) == "" {
			p.add("tag %d is blank", i+1)
		}
	}
	p = append(p, qu.strayFields()...)
	return p
}

// strayFields reports fields the question's type ignores, which usually mean a typo in type.
func (qu *Question) strayFields() []string {
	var p problems
	has := func(t ...Type) bool {
		for _, x := range t {
			if qu.Type == x {
				return true
			}
		}
		return false
	}
	if len(qu.Options) > 0 && !has(SingleChoice, MultipleChoice, Judgement) {
		p.add("%s does not use options", qu.Type)
	}
	if qu.Answer != nil && !has(TrueFalse) {
		p.add("%s does not use answer", qu.Type)
	}
	if (qu.ExplanationTrue != "" || qu.ExplanationFalse != "") && !has(TrueFalse) {
		p.add("%s does not use explanation_true or explanation_false", qu.Type)
	}
	if (qu.Value != nil || qu.Tolerance != 0 || len(qu.Ranges) > 0) && !has(Numeric) {
		p.add("%s does not use value, tolerance or ranges", qu.Type)
	}
	if (len(qu.Accepted) > 0 || len(qu.Partial) > 0) && !has(ShortText) {
		p.add("%s does not use accepted or partial", qu.Type)
	}
	if len(qu.Items) > 0 && !has(Ordering, Matching) {
		p.add("%s does not use items", qu.Type)
	}
	if len(qu.Targets) > 0 && !has(Matching) {
		p.add("%s does not use targets", qu.Type)
	}
	if (len(qu.Rubric) > 0 || qu.RubricPending) && !has(Reflection) {
		p.add("%s does not use rubric or rubric_pending", qu.Type)
	}
	return p
}
