package teamwork

import (
	"math"
	"slices"
)

// Calibration accuracy and the weighting of cross reviews.
//
// Moodle's Workshop grades an assessment by comparing it with the assessment closest to the
// mean of all; Tandem compares each reviewer with a reference the instructor marked, which
// needs no quorum of reviewers and means the same in a team of two as in a team of six. The
// accuracy is
//
//	accuracy = max(0, 1 − mean over criteria of |reviewer − instructor| / criterion maximum)
//
// over the criteria of the reviewer's discipline group: 1 is the instructor's marks exactly,
// 0.75 is a quarter of each criterion's range away on average, and half the range or more
// away on every criterion gives at most 0.5. It weights the reviewer's marks: a criterion's
// peer score is the accuracy-weighted mean of its reviewers' marks (no score while every
// weight is 0). Reviewers of a criterion disagree when their marks spread (highest − lowest)
// by more than DisagreementShare of its maximum; the peer score differs from the
// instructor's when they are that far apart.

// DisagreementShare is the share of a criterion's maximum beyond which marks disagree.
const DisagreementShare = 0.25

// accuracy is how close marks came to the instructor's on criteria, each with its maximum.
func accuracy(marks, reference map[string]float64, maxima map[string]int) float64 {
	if len(maxima) == 0 {
		return 0
	}
	var sum float64
	for c, max := range maxima {
		sum += math.Abs(marks[c]-reference[c]) / float64(max)
	}
	return round3(math.Max(0, 1-sum/float64(len(maxima))))
}

// weightedMark is one reviewer's mark on a criterion with the weight of their accuracy.
type weightedMark struct {
	points, weight float64
}

// CriterionScore is what the peer reviews make of one criterion.
type CriterionScore struct {
	Criterion string   `json:"criterion"`
	Group     string   `json:"group"`
	MaxPoints int      `json:"max_points"`
	Weighted  *float64 `json:"weighted"` // nil before any review with a weight above 0
	Reviewers int      `json:"reviewers"`
	Spread    float64  `json:"spread"`
	Disagree  bool     `json:"disagreement"`
	// Instructor is the instructor's last review's points on the criterion, for instructors.
	Instructor            *float64 `json:"instructor,omitempty"`
	DiffersFromInstructor bool     `json:"differs_from_instructor,omitempty"`
}

// scoreCriterion is the weighted mean and the spread of marks on a criterion.
func scoreCriterion(marks []weightedMark, max int) (weighted *float64, spread float64, disagree bool) {
	var sum, weights float64
	points := make([]float64, 0, len(marks))
	for _, m := range marks {
		sum += m.points * m.weight
		weights += m.weight
		points = append(points, m.points)
	}
	if weights > 0 {
		w := round3(sum / weights)
		weighted = &w
	}
	if len(points) > 1 {
		spread = slices.Max(points) - slices.Min(points)
	}
	return weighted, spread, spread > DisagreementShare*float64(max)
}

func round3(x float64) float64 { return math.Round(x*1000) / 1000 }
