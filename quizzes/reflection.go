package quizzes

import (
	"math"
	"strings"
	"unicode/utf8"

	"tandem/errs"
)

// Criterion is one line of a reflection question's marking rubric: what markers look for and
// the most points it earns.
type Criterion struct {
	ID          string  `yaml:"id" json:"id"`
	Criterion   string  `yaml:"criterion" json:"criterion"`
	Description string  `yaml:"description" json:"description"`
	MaxPoints   float64 `yaml:"max_points" json:"max_points"`
}

// DefaultModerationThreshold is the moderation threshold of a quiz that sets none: markers
// more than a fifth of a question's points apart go to moderation.
const DefaultModerationThreshold = 20

// MaxReflectionRunes is the longest reflection answer accepted, in characters.
const MaxReflectionRunes = 20000

// ModerationThreshold is the quiz's moderation threshold in percent of a question's points.
func (q *Quiz) ModerationThreshold() float64 {
	if q.ModerationThresholdPercent == 0 {
		return DefaultModerationThreshold
	}
	return q.ModerationThresholdPercent
}

// RubricPoints is the sum of the rubric's max points.
func RubricPoints(rubric []Criterion) float64 {
	sum := 0.0
	for _, c := range rubric {
		sum += c.MaxPoints
	}
	return sum
}

// rubricProblems checks a reflection question's rubric: at least one criterion, each with a
// unique id, a criterion, a description and positive max points; the question's points, when
// given, are the rubric's sum.
func (qu *Question) rubricProblems() []string {
	var p problems
	if len(qu.Rubric) == 0 {
		p.add("reflection needs a rubric with at least one criterion")
	}
	ids := map[string]bool{}
	for i, c := range qu.Rubric {
		label := label("criterion", i, c.ID)
		switch {
		case strings.TrimSpace(c.ID) == "":
			p.add("%s needs an id", label)
		case ids[c.ID]:
			p.add("criterion id %s is used more than once", c.ID)
		}
		ids[c.ID] = true
		if strings.TrimSpace(c.Criterion) == "" {
			p.add("%s needs a criterion (what markers look for)", label)
		}
		if strings.TrimSpace(c.Description) == "" {
			p.add("%s needs a description (what earns its points)", label)
		}
		if !finite(c.MaxPoints) || c.MaxPoints <= 0 {
			p.add("%s: max_points must be a positive number", label)
		}
	}
	if sum := RubricPoints(qu.Rubric); qu.Points != 0 && sum > 0 && math.Abs(qu.Points-sum) > 1e-9 {
		p.add("points (%g) must equal the rubric's max_points added up (%g), or be left out", qu.Points, sum)
	}
	return p
}

// moderationProblems checks the quiz's moderation threshold.
func (q *Quiz) moderationProblems() []string {
	var p problems
	if t := q.ModerationThresholdPercent; !finite(t) || t < 0 || t > 100 {
		p.add("moderation_threshold_percent must be between 0 (the default, %d) and 100", DefaultModerationThreshold)
	}
	return p
}

// reflectionMisfit explains why a reflection answer's text cannot be taken; "" when it can.
func reflectionMisfit(text *string) string {
	if text != nil && utf8.RuneCountInString(*text) > MaxReflectionRunes {
		return errs.Reason("reason.reflection_length", map[string]any{"Max": errs.Grouped(MaxReflectionRunes)})
	}
	return ""
}

// RubricScore checks a marker's scores against rubric (every criterion scored, from 0 to its
// max points, no other keys) and returns their total, or the problems keyed by criterion id.
func RubricScore(rubric []Criterion, scores map[string]float64) (float64, map[string]string) {
	fields := map[string]string{}
	known := map[string]bool{}
	total := 0.0
	for _, c := range rubric {
		known[c.ID] = true
		v, ok := scores[c.ID]
		switch {
		case !ok:
			fields[c.ID] = "is not scored"
		case !finite(v) || v < 0 || v > c.MaxPoints:
			fields[c.ID] = errs.Reason("reason.between", map[string]any{"Min": 0, "Max": c.MaxPoints})
		default:
			total += v
		}
	}
	for id := range scores {
		if !known[id] {
			fields[id] = "is not a criterion of this rubric"
		}
	}
	if len(fields) > 0 {
		return 0, fields
	}
	return total, nil
}

// rubricPendingMessage tells an author what an imported essay still needs.
const rubricPendingMessage = "write the marking rubric (criteria, what earns their points, max points) in place of the placeholder; then remove rubric_pending"

// giftEssay makes q, a GIFT essay, a reflection question. GIFT carries no rubric, so it gets
// one placeholder criterion worth the question's point, and is marked rubric_pending.
func giftEssay(q *Question) {
	q.Type = Reflection
	q.RubricPending = true
	q.Rubric = []Criterion{{ID: "overall", Criterion: "Overall answer",
		Description: "Placeholder from a GIFT import: replace with the criteria markers apply.", MaxPoints: 1}}
}
