package quizstats

import (
	"math"
	"testing"
)

func near(t *testing.T, what string, got *float64, want float64) {
	t.Helper()
	if got == nil || math.Abs(*got-want) > 1e-6 {
		t.Errorf("%s = %v, want %.6f", what, got, want)
	}
}

// Five attempts at three one-point questions, worked by hand:
//
//	attempt  q1 q2 q3  total
//	1         1  1  1      3
//	2         1  1  0      2
//	3         1  0  0      1
//	4         0  1  0      1
//	5         0  0  0      0
func handWorked() ([]Sums, Totals) {
	scores := [][]float64{{1, 1, 1}, {1, 1, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 0}}
	items := make([]Sums, 3)
	var t Totals
	for _, row := range scores {
		total := row[0] + row[1] + row[2]
		for i, x := range row {
			r := total - x
			items[i].Add(Sums{N: 1, X: x, XX: x * x, P: x, PP: x * x, R: r, RR: r * r, XR: x * r})
		}
		t.N, t.T, t.TT, t.Questions = t.N+1, t.T+total, t.TT+total*total, t.Questions+3
	}
	return items, t
}

func TestItemStatisticsEqualHandComputedValues(t *testing.T) {
	items, totals := handWorked()
	near(t, "facility q1", items[0].Facility(), 0.6)
	near(t, "facility q3", items[2].Facility(), 0.2)
	// q1: n=5, Σx=3, Σx²=3, Σr=4, Σr²=6, Σxr=3: (5·3−3·4)/√((5·3−9)(5·6−16)) = 3/√84
	near(t, "discrimination q1", items[0].Discrimination(), 3/math.Sqrt(84))
	// item variances .24+.24+.16 = .64; totals' variance 3 − 1.4² = 1.04; 3/2·(1 − .64/1.04)
	near(t, "alpha", Alpha(items, totals), 1.5*(1-0.64/1.04))
	if d := (Sums{N: 3, X: 3, XX: 3, R: 2, RR: 2, XR: 2}).Discrimination(); d != nil {
		t.Errorf("a question everyone got right discriminates %v; want none", *d)
	}
	if a := Alpha(items[:1], Totals{N: 5, T: 3, TT: 3, Questions: 5}); a != nil {
		t.Errorf("alpha of one question per attempt = %v; want none", *a)
	}
}

// Two score levels in which clinical learners get the question right more often than
// technical learners of the same standing, worked by hand: A = 25, E(A) = 20, Var(A) =
// 2 · 20·20·15·25/(40²·39); χ² = (5 − .5)²/Var(A); common odds ratio 7.5/2.5 = 3.
func TestMantelHaenszelEqualsHandComputedValues(t *testing.T) {
	d := MantelHaenszel([]Stratum{{RefRight: 10, RefWrong: 10, FocalRight: 5, FocalWrong: 15}, {RefRight: 15, RefWrong: 5, FocalRight: 10, FocalWrong: 10}})
	if d == nil {
		t.Fatal("no screen")
	}
	va := 2 * 20.0 * 20 * 15 * 25 / (1600 * 39)
	near(t, "chi-square", &d.ChiSquare, 20.25/va)
	near(t, "odds ratio", &d.OddsRatio, 3)
	near(t, "delta", &d.DeltaMH, -2.35*math.Log(3))
	near(t, "p", &d.P, math.Erfc(math.Sqrt(20.25/va/2)))
	if d.P > 0.05 || d.Class != "C" || d.Favours != "clinical" {
		t.Errorf("p %.4f, class %s favouring %q; want C favouring clinical", d.P, d.Class, d.Favours)
	}
	same := MantelHaenszel([]Stratum{{RefRight: 10, RefWrong: 10, FocalRight: 10, FocalWrong: 10}})
	if same == nil || same.Class != "A" || same.Favours != "" {
		t.Errorf("equal groups: %+v; want class A", same)
	}
	if small := MantelHaenszel([]Stratum{{RefRight: 5, RefWrong: 1, FocalRight: 1, FocalWrong: 5}}); small != nil {
		t.Errorf("six learners a group were screened: %+v", small)
	}
}

func TestOptionCounts(t *testing.T) {
	got := OptionCounts(map[string]int{JoinIDs([]string{"b", "a"}): 3, "a": 2, "": 4})
	if got["a"] != 5 || got["b"] != 3 || len(got) != 2 {
		t.Errorf("counts %v", got)
	}
}

// Marks of 1.5, 3 and 0 points of 3 have a mean share of 0.5 and a (population) standard
// deviation of sqrt(1/6).
func TestMarks(t *testing.T) {
	var s Sums
	for _, share := range []float64{0.5, 1, 0} {
		s.Add(Sums{N: 1, X: share, XX: share * share})
	}
	m := s.Marks()
	if m == nil || math.Abs(m.Mean-0.5) > 1e-12 || math.Abs(m.SD-math.Sqrt(1.0/6)) > 1e-12 {
		t.Fatalf("marks: %+v", m)
	}
	if (Sums{}).Marks() != nil {
		t.Fatal("marks of nothing")
	}
}
