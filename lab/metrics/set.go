package metrics

import (
	"sort"
)

// Set is a model's scores on a set of patients, sorted once so that any threshold is read by
// binary search and the curves are one pass. It never changes after NewSet.
type Set struct {
	scores []float64 // descending
	cumTP  []int     // cumTP[k]: events among the k highest scores
	events int
}

// NewSet sorts scores with their labels; the slices are not kept.
func NewSet(scores []float64, labels []bool) *Set {
	idx := make([]int, len(scores))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] > scores[idx[b]] })
	s := &Set{scores: make([]float64, len(scores)), cumTP: make([]int, len(scores)+1)}
	for k, i := range idx {
		s.scores[k] = scores[i]
		s.cumTP[k+1] = s.cumTP[k]
		if labels[i] {
			s.cumTP[k+1]++
		}
	}
	s.events = s.cumTP[len(scores)]
	return s
}

// Len is the number of patients.
func (s *Set) Len() int { return len(s.scores) }

// Events is the number of patients with the event.
func (s *Set) Events() int { return s.events }

// flagged is how many scores are at or above t.
func (s *Set) flagged(t float64) int {
	return sort.Search(len(s.scores), func(k int) bool { return s.scores[k] < t })
}

// confusionTop is the confusion matrix when the k highest scores are flagged.
func (s *Set) confusionTop(k int) Confusion {
	tp := s.cumTP[k]
	return Confusion{TP: tp, FP: k - tp, FN: s.events - tp, TN: len(s.scores) - k - (s.events - tp)}
}

// At is the point at threshold t.
func (s *Set) At(t float64) Point { return PointOf(s.confusionTop(s.flagged(t)), t) }

// XY is one point of a curve.
type XY struct {
	X float64 `json:"x"`
	Y float64 `json:"y"`
}

// cuts returns k for every distinct score: flagging the k highest is flagging at that score.
func (s *Set) cuts() []int {
	var ks []int
	for k := 1; k <= len(s.scores); k++ {
		if k == len(s.scores) || s.scores[k] != s.scores[k-1] {
			ks = append(ks, k)
		}
	}
	return ks
}

// ROC is the ROC curve from (0,0) to (1,1), one point per distinct score, and the area under it
// by the trapezoidal rule (the Mann–Whitney statistic, ties counted half).
func (s *Set) ROC() ([]XY, float64) {
	pos, neg := float64(s.events), float64(len(s.scores)-s.events)
	curve := []XY{{0, 0}}
	area := 0.0
	for _, k := range s.cuts() {
		c := s.confusionTop(k)
		p := XY{X: safeDiv(float64(c.FP), neg), Y: safeDiv(float64(c.TP), pos)}
		last := curve[len(curve)-1]
		area += (p.X - last.X) * (p.Y + last.Y) / 2
		curve = append(curve, p)
	}
	return curve, area
}

// PR is the precision–recall curve, one point per distinct score, from recall 0.
func (s *Set) PR() []XY {
	pos := float64(s.events)
	curve := []XY{{0, 1}}
	for _, k := range s.cuts() {
		c := s.confusionTop(k)
		curve = append(curve, XY{X: safeDiv(float64(c.TP), pos), Y: float64(c.TP) / float64(k)})
	}
	return curve
}

// Thin keeps at most max points of a curve, evenly spaced, always with both ends.
func Thin(curve []XY, max int) []XY {
	if len(curve) <= max || max < 2 {
		return curve
	}
	out := make([]XY, 0, max)
	step := float64(len(curve)-1) / float64(max-1)
	for i := range max {
		out = append(out, curve[int(float64(i)*step+0.5)])
	}
	return out
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
