// Package quizstats computes the item analysis of a quiz from sums the database aggregates:
// each question's facility and discrimination (the corrected item-total correlation), how
// often each option was chosen, the quiz's Cronbach's alpha, and a screen for differential
// item functioning between clinical and technical learners (Mantel–Haenszel, with the ETS
// A/B/C classification). It knows nothing of storage or HTTP.
package quizstats

import (
	"math"
	"slices"
	"strings"

	"tandem/disciplines"
)

// Sums are the moments of one question's responses (in one discipline group, or all): x is
// the score as a fraction of the question's points, p the score in points and r the rest of
// the attempt's total (the total without this question), in points.
type Sums struct {
	N                       int
	X, XX, P, PP, R, RR, XR float64
}

// Add merges other into s.
func (s *Sums) Add(o Sums) {
	s.N += o.N
	s.X, s.XX, s.P, s.PP = s.X+o.X, s.XX+o.XX, s.P+o.P, s.PP+o.PP
	s.R, s.RR, s.XR = s.R+o.R, s.RR+o.RR, s.XR+o.XR
}

// Facility is the mean score as a share of the points, 0..1: how easy the question was.
func (s Sums) Facility() *float64 {
	if s.N == 0 {
		return nil
	}
	return ptr(s.X / float64(s.N))
}

// Marks describes the marks of a question marked by people: their mean and standard
// deviation as shares of its points, 0..1.
type Marks struct {
	Mean float64 `json:"mean"`
	SD   float64 `json:"sd"`
}

// Marks describes s's scores as marks; nil without any.
func (s Sums) Marks() *Marks {
	if s.N == 0 {
		return nil
	}
	n := float64(s.N)
	mean := s.X / n
	return &Marks{Mean: mean, SD: math.Sqrt(max(0, s.XX/n-mean*mean))}
}

// Discrimination is the Pearson correlation between the question's score and the rest of the
// attempt's total: whether those who do well elsewhere do well here. Nil when either side
// does not vary.
func (s Sums) Discrimination() *float64 {
	n := float64(s.N)
	vx, vr := n*s.XX-s.X*s.X, n*s.RR-s.R*s.R
	if s.N < 2 || vx <= 1e-12 || vr <= 1e-12 {
		return nil
	}
	return ptr((n*s.XR - s.X*s.R) / math.Sqrt(vx*vr))
}

// variance is the population variance of the score in points.
func (s Sums) variance() float64 {
	if s.N == 0 {
		return 0
	}
	m := s.P / float64(s.N)
	return math.Max(0, s.PP/float64(s.N)-m*m)
}

// Totals are the moments of the attempts' totals in points, and how many questions the
// attempts held between them.
type Totals struct {
	N         int
	T, TT     float64
	Questions int // responses over all attempts
}

// Alpha is Cronbach's alpha: k/(k-1) * (1 - sum of item variances / variance of totals),
// with k the number of questions per attempt. Where pools give attempts different questions,
// k is the mean number per attempt and the item variances are scaled to it (their mean times
// k): an approximation that equals the usual alpha for a fixed form. Nil below two
// questions per attempt, or when totals do not vary.
func Alpha(items []Sums, t Totals) *float64 {
	if t.N < 2 || len(items) == 0 {
		return nil
	}
	k := float64(t.Questions) / float64(t.N)
	m := t.T / float64(t.N)
	vt := t.TT/float64(t.N) - m*m
	if k < 2 || vt <= 1e-12 {
		return nil
	}
	var sum float64
	for _, it := range items {
		sum += it.variance()
	}
	return ptr(k / (k - 1) * (1 - k*sum/float64(len(items))/vt))
}

// Stratum counts full-credit answers to one question among learners of one rest-score level:
// the reference group (clinical) and the focal group (technical).
type Stratum struct {
	RefRight, RefWrong, FocalRight, FocalWrong int
}

// DIF is the Mantel–Haenszel screen of one question (Holland and Thayer, 1988): do clinical
// and technical learners of the same overall standing differ in getting it right?
type DIF struct {
	// ChiSquare is the Mantel–Haenszel statistic with continuity correction (1 df) and P its
	// p-value.
	ChiSquare float64 `json:"chi_square"`
	P         float64 `json:"p"`
	// OddsRatio is the common odds ratio of a right answer, clinical over technical; DeltaMH
	// is -2.35 ln(OddsRatio), on the ETS delta scale: negative favours clinical learners.
	OddsRatio float64 `json:"odds_ratio"`
	DeltaMH   float64 `json:"delta_mh"`
	// Class is the ETS classification: A negligible, B moderate, C large.
	Class   string `json:"class"`
	Favours string `json:"favours,omitempty"` // clinical or technical, for B and C
}

// MinGroup is how many learners of each group a question needs before it is screened.
const MinGroup = 10

// MantelHaenszel screens one question over its strata; nil when either group has fewer than
// MinGroup learners or the strata carry no information.
func MantelHaenszel(strata []Stratum) *DIF {
	var ref, focal int
	var a, ea, va, num, den float64
	for _, s := range strata {
		nr, nf := s.RefRight+s.RefWrong, s.FocalRight+s.FocalWrong
		ref, focal = ref+nr, focal+nf
		t := float64(nr + nf)
		if nr == 0 || nf == 0 || t < 2 {
			continue
		}
		right, wrong := float64(s.RefRight+s.FocalRight), float64(s.RefWrong+s.FocalWrong)
		a += float64(s.RefRight)
		ea += float64(nr) * right / t
		va += float64(nr) * float64(nf) * right * wrong / (t * t * (t - 1))
		num += float64(s.RefRight) * float64(s.FocalWrong) / t
		den += float64(s.RefWrong) * float64(s.FocalRight) / t
	}
	if ref < MinGroup || focal < MinGroup || va == 0 || num == 0 || den == 0 {
		return nil
	}
	chi := math.Pow(math.Max(0, math.Abs(a-ea)-0.5), 2) / va
	d := &DIF{ChiSquare: chi, P: math.Erfc(math.Sqrt(chi / 2)), OddsRatio: num / den}
	d.DeltaMH = -2.35 * math.Log(d.OddsRatio)
	abs := math.Abs(d.DeltaMH)
	switch {
	case d.P >= 0.05 || abs < 1:
		d.Class = "A"
	case abs >= 1.5:
		d.Class = "C"
	default:
		d.Class = "B"
	}
	if d.Class != "A" {
		d.Favours = disciplines.Technical
		if d.DeltaMH < 0 {
			d.Favours = disciplines.Clinical
		}
	}
	return d
}

// OptionCounts turns the stored choices of a question (each a comma-separated list of option
// ids, with how many responses made it) into how many responses chose each option.
func OptionCounts(choices map[string]int) map[string]int {
	out := map[string]int{}
	for list, n := range choices {
		if list == "" {
			continue
		}
		for id := range strings.SplitSeq(list, ",") {
			out[id] += n
		}
	}
	return out
}

// JoinIDs is how a response's chosen option ids are stored: sorted, comma-separated.
func JoinIDs(ids []string) string {
	s := slices.Clone(ids)
	slices.Sort(s)
	return strings.Join(s, ",")
}

func ptr(f float64) *float64 { return &f }
