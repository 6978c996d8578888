package metrics

import (
	"math"
	"sort"
)

// Bin is one bin of a calibration plot: its patients' mean predicted risk and the observed
// share with events, with the counts behind it.
type Bin struct {
	N         int        `json:"n"`
	Events    int        `json:"events"`
	Predicted float64    `json:"predicted"`
	Observed  Proportion `json:"observed"`
}

// Calibration is the binned calibration plot with the logistic recalibration summary:
// Slope is b in logit(y) = a + b·logit(p) (1 is ideal; below 1, predictions too extreme), and
// Intercept is a in logit(y) = a + logit(p), the calibration-in-the-large (0 is ideal; above 0,
// the model under-predicts). Both are nil when they cannot be estimated (no events, or no
// non-events).
type Calibration struct {
	Bins      []Bin    `json:"bins"`
	Slope     *float64 `json:"slope"`
	Intercept *float64 `json:"intercept"`
	// Expected and Observed are the mean predicted risk and the event rate.
	Expected float64 `json:"expected"`
	Observed float64 `json:"observed"`
}

// Calibrate bins patients into up to bins groups of equal size by predicted risk.
func Calibrate(scores []float64, labels []bool, bins int) Calibration {
	n := len(scores)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return scores[idx[a]] < scores[idx[b]] })
	c := Calibration{}
	events := 0
	for b := range min(bins, n) {
		lo, hi := b*n/bins, (b+1)*n/bins
		bin := Bin{N: hi - lo}
		sum := 0.0
		for _, i := range idx[lo:hi] {
			sum += scores[i]
			if labels[i] {
				bin.Events++
			}
		}
		bin.Predicted = sum / float64(bin.N)
		bin.Observed = Wilson(bin.Events, bin.N)
		c.Expected += sum
		events += bin.Events
		c.Bins = append(c.Bins, bin)
	}
	if n > 0 {
		c.Expected /= float64(n)
		c.Observed = float64(events) / float64(n)
	}
	if events > 0 && events < n {
		c.Slope, c.Intercept = recalibrate(scores, labels)
	}
	return c
}

// InTheLarge is calibration in the large: the mean predicted risk and the event rate (0 and 0
// for no patients).
func InTheLarge(scores []float64, labels []bool) (expected, observed float64) {
	if len(scores) == 0 {
		return 0, 0
	}
	for i, s := range scores {
		expected += s
		observed += boolNum(labels[i])
	}
	n := float64(len(scores))
	return expected / n, observed / n
}

// recalibrate fits the calibration slope (two parameters) and the calibration intercept (one
// parameter, logit(p) as an offset) by Newton–Raphson.
func recalibrate(scores []float64, labels []bool) (slope, intercept *float64) {
	lp := logits(scores)
	_, b, ok := platt(lp, labels)
	if !ok {
		return nil, nil
	}
	c := 0.0
	for range 50 {
		var g, h float64
		for i, x := range lp {
			mu := 1 / (1 + math.Exp(-(c + x)))
			g, h = g+boolNum(labels[i])-mu, h+mu*(1-mu)
		}
		step := math.Max(-1, math.Min(1, g/h))
		c += step
		if math.Abs(step) < 1e-10 {
			break
		}
	}
	return &b, &c
}

// Platt fits logistic recalibration, logit(y) = a + b·logit(p), by Newton–Raphson; ok is false
// when the labels cannot support it (no events, no non-events, or one score for all).
func Platt(scores []float64, labels []bool) (a, b float64, ok bool) {
	return platt(logits(scores), labels)
}

func platt(lp []float64, labels []bool) (a, b float64, ok bool) {
	a, b = 0.0, 1.0
	for range 50 {
		var g0, g1, h00, h01, h11 float64
		for i, x := range lp {
			mu := 1 / (1 + math.Exp(-(a + b*x)))
			r, w := boolNum(labels[i])-mu, mu*(1-mu)
			g0, g1 = g0+r, g1+r*x
			h00, h01, h11 = h00+w, h01+w*x, h11+w*x*x
		}
		det := h00*h11 - h01*h01
		if !(det > 0) {
			return 0, 0, false
		}
		da, db := (h11*g0-h01*g1)/det, (h00*g1-h01*g0)/det
		if size := math.Abs(da) + math.Abs(db); size > 1 { // damped: a full step can overshoot from b = 1
			da, db = da/size, db/size
		}
		a, b = a+da, b+db
		if math.Abs(da)+math.Abs(db) < 1e-10 {
			break
		}
	}
	return a, b, true
}

// Logit is the log-odds of a risk, kept finite at 0 and 1.
func Logit(p float64) float64 {
	p = math.Min(math.Max(p, 1e-12), 1-1e-12)
	return math.Log(p / (1 - p))
}

func logits(scores []float64) []float64 {
	lp := make([]float64, len(scores))
	for i, s := range scores {
		lp[i] = Logit(s)
	}
	return lp
}

func boolNum(v bool) float64 {
	if v {
		return 1
	}
	return 0
}
