package metrics

import (
	"math"
	"math/rand/v2"
	"sort"
	"testing"

	"gonum.org/v1/gonum/stat"
)

// A table small enough to compute by hand: ten patients, four with the event.
var (
	handScores = []float64{0.9, 0.8, 0.7, 0.6, 0.55, 0.4, 0.3, 0.2, 0.1, 0.05}
	handLabels = []bool{true, true, false, true, false, false, true, false, false, false}
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-4 }

func TestPointByHand(t *testing.T) {
	for _, p := range []Point{PointAt(handScores, handLabels, 0.5), NewSet(handScores, handLabels).At(0.5)} {
		if p.Confusion != (Confusion{TP: 3, FP: 2, FN: 1, TN: 4}) {
			t.Fatalf("confusion %+v", p.Confusion)
		}
		for name, got := range map[string]float64{
			"sensitivity": *p.Sensitivity.Value, "specificity": *p.Specificity.Value, "ppv": *p.PPV.Value, "npv": *p.NPV.Value,
			"flag rate": *p.FlagRate.Value, "nne": *p.NNE, "alerts": p.AlertsPerShift, "net benefit": p.NetBenefit, "treat all": p.NetBenefitTreatAll,
			"sensitivity low": *p.Sensitivity.Low, "sensitivity high": *p.Sensitivity.High,
		} {
			want := map[string]float64{"sensitivity": 0.75, "specificity": 4.0 / 6, "ppv": 0.6, "npv": 0.8, "flag rate": 0.5,
				"nne": 5.0 / 3, "alerts": 0.5 * 10 * 12 / 72, "net benefit": (3 - 2*1.0) / 10, "treat all": (4 - 6*1.0) / 10,
				"sensitivity low": 0.3006, "sensitivity high": 0.9544}[name]
			if !near(got, want) {
				t.Errorf("%s = %.5f, want %.5f", name, got, want)
			}
		}
	}
	// A score equal to the threshold is flagged.
	if c := PointAt(handScores, handLabels, 0.6).Confusion; c.TP != 3 || c.FP != 1 {
		t.Errorf("at 0.6: %+v", c)
	}
	// No one flagged: PPV and NNE do not exist.
	p := PointAt(handScores, handLabels, 0.95)
	if p.PPV.Value != nil || p.NNE != nil || *p.Sensitivity.Value != 0 {
		t.Errorf("nobody flagged: ppv %v nne %v", p.PPV.Value, p.NNE)
	}
}

func TestWilsonByHand(t *testing.T) {
	for _, tc := range []struct {
		num, den  int
		low, high float64
	}{{0, 10, 0, 0.2775}, {10, 10, 0.7225, 1}, {5, 10, 0.2366, 0.7634}, {81, 263, 0.2553, 0.3662}} {
		p := Wilson(tc.num, tc.den)
		if !near(*p.Low, tc.low) || !near(*p.High, tc.high) {
			t.Errorf("Wilson(%d, %d) = [%.4f, %.4f], want [%.4f, %.4f]", tc.num, tc.den, *p.Low, *p.High, tc.low, tc.high)
		}
	}
	if Wilson(0, 0).Value != nil {
		t.Error("a proportion of nothing has a value")
	}
}

func TestAUROCByHand(t *testing.T) {
	// 20 of the 24 event/non-event pairs are ordered rightly.
	if _, auc := NewSet(handScores, handLabels).ROC(); !near(auc, 20.0/24) {
		t.Errorf("AUROC %.4f, want %.4f", auc, 20.0/24)
	}
	// A tie between an event and a non-event counts half.
	if _, auc := NewSet([]float64{0.5, 0.5}, []bool{true, false}).ROC(); !near(auc, 0.5) {
		t.Errorf("tied AUROC %.4f", auc)
	}
}

// TestROCMatchesGonum compares the curve with gonum's stat.ROC on synthetic scores.
func TestROCMatchesGonum(t *testing.T) {
	scores, labels := simulated(3000, 1, 7)
	for i := range scores { // ties, as rounded risks have
		scores[i] = math.Round(scores[i]*200) / 200
	}
	curve, auc := NewSet(scores, labels).ROC()
	y, classes := append([]float64(nil), scores...), append([]bool(nil), labels...)
	stat.SortWeightedLabeled(y, classes, nil)
	tpr, fpr, _ := stat.ROC(nil, y, classes, nil)
	type pt struct{ x, y float64 }
	ours := map[pt]bool{}
	for _, p := range curve {
		ours[pt{math.Round(p.X * 1e9), math.Round(p.Y * 1e9)}] = true
	}
	theirs := make([]pt, len(tpr))
	for i := range tpr {
		theirs[i] = pt{fpr[i], tpr[i]}
		if !ours[pt{math.Round(fpr[i] * 1e9), math.Round(tpr[i] * 1e9)}] {
			t.Fatalf("gonum's point (%.4f, %.4f) is not on our curve", fpr[i], tpr[i])
		}
	}
	sort.Slice(theirs, func(a, b int) bool {
		return theirs[a].x < theirs[b].x || theirs[a].x == theirs[b].x && theirs[a].y < theirs[b].y
	})
	area := 0.0
	for i := 1; i < len(theirs); i++ {
		area += (theirs[i].x - theirs[i-1].x) * (theirs[i].y + theirs[i-1].y) / 2
	}
	if math.Abs(area-auc) > 1e-12 {
		t.Errorf("AUROC %.6f, gonum's curve gives %.6f", auc, area)
	}
}

func TestSetAgreesWithOnePass(t *testing.T) {
	scores, labels := simulated(6000, 1, 3)
	set := NewSet(scores, labels)
	for _, th := range []float64{0, 0.01, 0.05, 0.1, 0.2, 0.5, 0.99, 1} {
		if a, b := set.At(th), PointAt(scores, labels, th); a.Confusion != b.Confusion {
			t.Errorf("at %.2f: sorted %+v, one pass %+v", th, a.Confusion, b.Confusion)
		}
	}
	w := set.Sweep()
	if len(w.Thresholds) != SweepSteps+1 || w.TP[10] != set.At(0.1).Confusion.TP {
		t.Errorf("sweep: %d thresholds, TP at 0.10 %d", len(w.Thresholds), w.TP[10])
	}
}

// TestCalibrationRecoversKnownMiscalibration: labels drawn from p are calibrated for p
// (slope 1, intercept 0); scores twice as extreme on the logit scale have slope 1/2.
func TestCalibrationRecoversKnownMiscalibration(t *testing.T) {
	scores, labels := simulated(20000, 1, 11)
	c := Calibrate(scores, labels, 10)
	if math.Abs(*c.Slope-1) > 0.08 || math.Abs(*c.Intercept) > 0.08 {
		t.Errorf("calibrated scores: slope %.3f, intercept %.3f", *c.Slope, *c.Intercept)
	}
	extreme, labels := simulated(20000, 2, 11)
	if c := Calibrate(extreme, labels, 10); math.Abs(*c.Slope-0.5) > 0.05 {
		t.Errorf("twice too extreme: slope %.3f, want 0.5", *c.Slope)
	}
	bins := Calibrate(handScores, handLabels, 5).Bins
	if len(bins) != 5 || bins[0].N != 2 || bins[0].Events != 0 || bins[4].Events != 2 || !near(bins[4].Predicted, 0.85) {
		t.Errorf("hand bins: %+v", bins)
	}
	if c := Calibrate([]float64{0.2, 0.3}, []bool{false, false}, 2); c.Slope != nil {
		t.Error("a slope without events")
	}
}

func TestDecisionCurveByHand(t *testing.T) {
	dc := NewSet(handScores, handLabels).DecisionCurve(0.1, 0.5)
	if len(dc) != 5 || dc[4].Threshold != 0.5 || !near(dc[4].Model, 0.1) || !near(dc[4].TreatAll, -0.2) {
		t.Fatalf("decision curve: %+v", dc)
	}
	// At t = prevalence (0.4), treating everyone is worth as much as treating no one.
	if !near(dc[3].TreatAll, 0) || dc[3].TreatNone != 0 {
		t.Errorf("treat all at the prevalence: %+v", dc[3])
	}
}

func TestFairnessByHand(t *testing.T) {
	group := func(name string, c Confusion, expected float64) Group {
		p := PointOf(c, 0.1)
		return Group{Name: name, Point: p, Expected: expected, Observed: float64(c.TP+c.FN) / float64(p.N)}
	}
	// a: 100 patients, 10 events, sensitivity 0.8, FPR 10/90, PPV 8/18, 18% flagged.
	// b: 100 patients, 30 events, sensitivity 0.8, FPR 7/70, PPV 24/31, 31% flagged.
	a := group("a", Confusion{TP: 8, FN: 2, FP: 10, TN: 80}, 0.1)
	b := group("b", Confusion{TP: 24, FN: 6, FP: 7, TN: 63}, 0.2)
	f := CheckFairness([]Group{a, b}, 0.05)
	met := map[string]bool{}
	for _, c := range f.Criteria {
		met[c.Name] = c.Met
	}
	want := map[string]bool{"equal_opportunity": true, "equalised_odds": true, "predictive_parity": false,
		"calibration_within_groups": false, "demographic_parity": false}
	for k, v := range want {
		if met[k] != v {
			t.Errorf("%s met = %v, want %v", k, met[k], v)
		}
	}
	if !f.BaseRatesDiffer {
		t.Error("10% against 30% prevalence should differ")
	}
	if g := f.Criteria[2].Gap; !near(*g, 24.0/31-8.0/18) {
		t.Errorf("PPV gap %.4f", *g)
	}
}

// simulated draws n risks and labels from them; the scores returned are the risks made k
// times as extreme on the logit scale (k = 1: calibrated).
func simulated(n int, k float64, seed uint64) ([]float64, []bool) {
	r := rand.New(rand.NewPCG(seed, 1))
	scores, labels := make([]float64, n), make([]bool, n)
	for i := range n {
		lp := -2.5 + 1.2*r.NormFloat64()
		labels[i] = r.Float64() < 1/(1+math.Exp(-lp))
		scores[i] = 1 / (1 + math.Exp(-k*lp))
	}
	return scores, labels
}

func BenchmarkPointAt6000(b *testing.B) {
	scores, labels := simulated(6000, 1, 5)
	for b.Loop() {
		PointAt(scores, labels, 0.12)
	}
}

func BenchmarkSetAt6000(b *testing.B) {
	set := NewSet(simulated(6000, 1, 5))
	for b.Loop() {
		set.At(0.12)
	}
}

func BenchmarkFullEvaluation6000(b *testing.B) {
	scores, labels := simulated(6000, 1, 5)
	for b.Loop() {
		set := NewSet(scores, labels)
		set.At(0.12)
		set.ROC()
		set.PR()
		set.DecisionCurve(0.01, 0.5)
		set.Sweep()
		Calibrate(scores, labels, 10)
	}
}

func TestInTheLargeByHand(t *testing.T) {
	scores, labels := []float64{0.1, 0.3, 0.2, 0.6}, []bool{true, false, false, true}
	e, o := InTheLarge(scores, labels)
	c := Calibrate(scores, labels, 1)
	if !near(e, 0.3) || !near(o, 0.5) || !near(e, c.Expected) || !near(o, c.Observed) {
		t.Errorf("expected %.4f, observed %.4f; calibration says %.4f, %.4f", e, o, c.Expected, c.Observed)
	}
	if e, o := InTheLarge(nil, nil); e != 0 || o != 0 {
		t.Errorf("no patients: %.4f, %.4f", e, o)
	}
}
