// Package metrics computes what the prototype lab shows about a model's scores on a set of
// patients: the confusion matrix and its rates at a threshold (with Wilson intervals), the
// workload an alert threshold makes, net benefit, ROC and precision-recall curves, calibration,
// a decision curve, and which fairness criteria a threshold meets across groups.
//
// A patient is flagged when the score is at or above the threshold.
package metrics

import "math"

// Confusion is the confusion matrix at a threshold.
type Confusion struct {
	TP int `json:"tp"`
	FP int `json:"fp"`
	FN int `json:"fn"`
	TN int `json:"tn"`
}

// Proportion is num/den with its Wilson 95% interval; Value, Low and High are nil when den
// is 0 (a rate of nothing is not 0).
type Proportion struct {
	Num   int      `json:"num"`
	Den   int      `json:"den"`
	Value *float64 `json:"value"`
	Low   *float64 `json:"ci_low"`
	High  *float64 `json:"ci_high"`
}

// z95 is the standard normal quantile for a two-sided 95% interval.
const z95 = 1.959963984540054

// Wilson is num/den with its Wilson score interval (Wilson 1927), which, unlike the Wald
// interval, stays inside 0–1 and behaves for small groups and rates near 0 or 1.
func Wilson(num, den int) Proportion {
	p := Proportion{Num: num, Den: den}
	if den == 0 {
		return p
	}
	n, ph := float64(den), float64(num)/float64(den)
	z2 := z95 * z95
	centre := (ph + z2/(2*n)) / (1 + z2/n)
	half := z95 / (1 + z2/n) * math.Sqrt(ph*(1-ph)/n+z2/(4*n*n))
	lo, hi := math.Max(0, centre-half), math.Min(1, centre+half)
	p.Value, p.Low, p.High = &ph, &lo, &hi
	return p
}

// Workload turns a flag rate into alerts at the bedside. Assumptions: each patient is scored
// once on arrival on the ward and alerts at most once; beds are always full; a patient stays
// StayHours (the outcome's 72-hour window by default), so a bed takes ShiftHours/StayHours new
// patients per shift.
type Workload struct {
	Beds       float64 `json:"beds"`
	ShiftHours float64 `json:"shift_hours"`
	StayHours  float64 `json:"stay_hours"`
}

// DefaultWorkload is 10 beds, a 12-hour shift and a 72-hour stay.
var DefaultWorkload = Workload{Beds: 10, ShiftHours: 12, StayHours: 72}

// AlertsPerShift is the number of alerts per Beds beds per shift at a flag rate.
func (w Workload) AlertsPerShift(flagRate float64) float64 {
	return flagRate * w.Beds * w.ShiftHours / w.StayHours
}

// Point is everything the lab shows at one threshold.
type Point struct {
	Threshold   float64    `json:"threshold"`
	N           int        `json:"n"`
	Events      int        `json:"events"`
	Confusion   Confusion  `json:"confusion"`
	Prevalence  Proportion `json:"prevalence"`
	FlagRate    Proportion `json:"flag_rate"`
	Sensitivity Proportion `json:"sensitivity"`
	Specificity Proportion `json:"specificity"`
	PPV         Proportion `json:"ppv"`
	NPV         Proportion `json:"npv"`
	// NNE, the number needed to evaluate, is how many flagged patients are assessed for each
	// one who truly deteriorates (1/PPV); nil when no one with an event is flagged.
	NNE *float64 `json:"nne"`
	// AlertsPerShift is alerts per 10 beds per 12-hour shift under DefaultWorkload's assumptions.
	AlertsPerShift float64 `json:"alerts_per_shift"`
	// NetBenefit is (TP − FP × t/(1−t)) / N (Vickers and Elkin 2006); TreatAll is the net
	// benefit of flagging everyone at the same threshold, and treating no one scores 0.
	NetBenefit         float64 `json:"net_benefit"`
	NetBenefitTreatAll float64 `json:"net_benefit_treat_all"`
}

// PointAt computes the point at threshold t in one pass over unsorted scores.
func PointAt(scores []float64, labels []bool, t float64) Point {
	var c Confusion
	for i, s := range scores {
		c.Count(s >= t, labels[i])
	}
	return PointOf(c, t)
}

// Count adds one patient, flagged or not, with or without the event.
func (c *Confusion) Count(flagged, event bool) {
	switch {
	case flagged && event:
		c.TP++
	case flagged:
		c.FP++
	case event:
		c.FN++
	default:
		c.TN++
	}
}

// PointOf derives every rate from a confusion matrix at threshold t.
func PointOf(c Confusion, t float64) Point {
	n, events := c.TP+c.FP+c.FN+c.TN, c.TP+c.FN
	p := Point{Threshold: t, N: n, Events: events, Confusion: c,
		Prevalence: Wilson(events, n), FlagRate: Wilson(c.TP+c.FP, n),
		Sensitivity: Wilson(c.TP, events), Specificity: Wilson(c.TN, c.FP+c.TN),
		PPV: Wilson(c.TP, c.TP+c.FP), NPV: Wilson(c.TN, c.TN+c.FN)}
	if c.TP > 0 {
		nne := float64(c.TP+c.FP) / float64(c.TP)
		p.NNE = &nne
	}
	if n > 0 {
		p.AlertsPerShift = DefaultWorkload.AlertsPerShift(float64(c.TP+c.FP) / float64(n))
		p.NetBenefit = NetBenefit(c.TP, c.FP, n, t)
		p.NetBenefitTreatAll = NetBenefit(events, n-events, n, t)
	}
	return p
}

// NetBenefit is (tp − fp × t/(1−t)) / n: true positives per patient, less false positives
// weighted by the odds at the threshold, the exchange rate a threshold of t implies between a
// missed event and an unnecessary intervention (Vickers and Elkin 2006).
func NetBenefit(tp, fp, n int, t float64) float64 {
	if n == 0 || t >= 1 {
		return 0
	}
	return (float64(tp) - float64(fp)*t/(1-t)) / float64(n)
}
