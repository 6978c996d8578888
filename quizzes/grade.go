package quizzes

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// Result is the grade of one question in an attempt.
type Result struct {
	QuestionID string  `json:"question_id"`
	Points     float64 `json:"points"`
	MaxPoints  float64 `json:"max_points"`
	Correct    bool    `json:"correct"`
	// Answered is false when the learner left the question blank (no answer, or an empty one).
	Answered bool `json:"answered"`
	// Pending is true for an answered reflection question until its marking is complete.
	Pending bool `json:"pending,omitempty"`
}

// Grade scores one answer to q; a nil or empty answer is unanswered and earns 0. The rules
// below are the ones the catalogue README promises authors; keep the two in sync.
//
//   - single_choice: full points for picking the one correct option; a wrong option with a
//     weight w (0..1) earns w*points. Picking more than one option earns nothing.
//   - true_false: all or nothing.
//   - multiple_choice: each correct option picked earns points/#correct, each wrong option
//     picked costs points/#wrong; an option's weight w (-1..1), where set, replaces its
//     share with w*points. The total is clamped to [0, points]. Correct only when exactly
//     the correct options are picked, which always earns full points.
//   - numeric: full points within |given-value| <= tolerance or inside any range; a range
//     with a percent earns that percent of the points (the best matching range counts).
//     Correct only for full points. A rounding allowance of 1e-9 (relative) applies.
//   - short_text: full points when the text equals an accepted answer after Unicode NFC
//     normalisation, lowercasing and collapsing white space; else a partial answer it equals
//     earns its percent of the points.
//   - ordering: points * (items in their correct position) / #items.
//   - matching: points * (items paired with their target) / #items.
//   - judgement: participation: full points, and Correct, for choosing exactly one option.
//   - reflection: marked by people against the rubric; an answer earns 0 here and is Pending
//     until its marking is complete (see the attempts package); a blank one earns 0.
//
// Grade never fails: ids it does not know earn nothing. GradeAttempt rejects malformed answers.
func Grade(q *Question, a *Answer) Result {
	r := Result{QuestionID: q.ID, MaxPoints: pointsOf(q)}
	if a == nil || !a.given(q.Type) {
		return r
	}
	r.Answered = true
	share, correct := 0.0, false
	switch q.Type {
	case SingleChoice:
		share, correct = gradeSingle(q.Options, a.ChoiceIDs)
	case TrueFalse:
		correct = q.Answer != nil && len(a.ChoiceIDs) == 1 && a.ChoiceIDs[0] == strconv.FormatBool(*q.Answer)
	case MultipleChoice:
		share, correct = gradeMultiple(q.Options, a.ChoiceIDs)
	case Numeric:
		share = gradeNumeric(q, *a.Value)
		correct = share == 1
	case ShortText:
		share, correct = gradeText(q, *a.Text)
	case Ordering:
		right := 0
		for i, it := range q.Items {
			if i < len(a.Order) && a.Order[i] == it.ID {
				right++
			}
		}
		share, correct = fraction(right, len(q.Items)), right > 0 && right == len(q.Items) && len(a.Order) == right
	case Matching:
		right := 0
		for _, it := range q.Items {
			if t, ok := a.Pairs[it.ID]; ok && t == it.Match {
				right++
			}
		}
		share, correct = fraction(right, len(q.Items)), right > 0 && right == len(q.Items)
	case Reflection:
		r.Pending = true
	case Judgement:
		correct = len(a.ChoiceIDs) == 1 && slices.ContainsFunc(q.Options, func(o Option) bool {
			return o.ID == a.ChoiceIDs[0]
		})
	}
	if correct {
		share = 1
	}
	r.Correct = correct
	r.Points = share * r.MaxPoints
	return r
}

// gradeText returns the share of points text earns: full for an accepted answer, else the
// best percent of a partial one.
func gradeText(q *Question, text string) (float64, bool) {
	given := normalizeText(text)
	if slices.ContainsFunc(q.Accepted, func(s string) bool { return normalizeText(s) == given }) {
		return 1, true
	}
	best := 0.0
	for _, p := range q.Partial {
		if normalizeText(p.Text) == given {
			best = max(best, p.Percent/100)
		}
	}
	return best, false
}

// gradeSingle returns the share of points earned by picking ids, and whether it is the one
// correct option: full points for it, a wrong option's weight (partial credit) for another.
func gradeSingle(opts []Option, ids []string) (float64, bool) {
	if len(ids) != 1 {
		return 0, false
	}
	for _, o := range opts {
		switch {
		case o.ID != ids[0]:
		case o.Correct:
			return 1, true
		case o.Weight != nil:
			return min(max(*o.Weight, 0), 1), false
		}
	}
	return 0, false
}

// gradeMultiple returns the share of points earned by picking ids, and whether exactly the
// correct options were picked.
func gradeMultiple(opts []Option, ids []string) (float64, bool) {
	share, exact := 0.0, true
	for _, o := range opts {
		picked := slices.Contains(ids, o.ID)
		if picked {
			share += optionWeight(opts, o)
		}
		if picked != o.Correct {
			exact = false
		}
	}
	return min(max(share, 0), 1), exact
}

// gradeNumeric returns the share of points v earns: 1 within tolerance, else the best range.
func gradeNumeric(q *Question, v float64) float64 {
	if !finite(v) {
		return 0
	}
	if q.Value != nil && math.Abs(v-*q.Value) <= q.Tolerance+slack(*q.Value) {
		return 1
	}
	best := 0.0
	for _, r := range q.Ranges {
		if v >= r.Min-slack(r.Min) && v <= r.Max+slack(r.Max) {
			p := r.Percent / 100
			if r.Percent == 0 {
				p = 1
			}
			best = max(best, p)
		}
	}
	return best
}

// slack absorbs binary rounding, so that 0.4 is within 0.1 of 0.3.
func slack(x float64) float64 { return 1e-9 * max(1, math.Abs(x)) }

func fraction(n, of int) float64 {
	if of == 0 {
		return 0
	}
	return float64(n) / float64(of)
}

// pointsOf is a question's maximum points; absent (0) means 1.
func pointsOf(q *Question) float64 {
	if q.Points == 0 {
		return 1
	}
	return q.Points
}

// optionWeight is the share of a question's points that picking o earns (negative: costs).
func optionWeight(opts []Option, o Option) float64 {
	if o.Weight != nil {
		return *o.Weight
	}
	correct := 0
	for _, x := range opts {
		if x.Correct {
			correct++
		}
	}
	if o.Correct {
		return 1 / float64(correct)
	}
	return -1 / float64(len(opts)-correct)
}

// normalizeText puts s in Unicode NFC, lowercases it and collapses runs of white space into
// single spaces, so that "  Beta  Blocker" and "beta blocker" compare equal.
func normalizeText(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(s)), " "))
}
