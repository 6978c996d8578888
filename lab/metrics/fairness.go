package metrics

import "math"

// Group is one subgroup's point at the threshold and its calibration-in-the-large.
type Group struct {
	Name     string  `json:"name"`
	Point    Point   `json:"point"`
	Expected float64 `json:"expected"` // mean predicted risk
	Observed float64 `json:"observed"` // event rate
}

// Criterion says whether the threshold meets one fairness criterion across the groups.
type Criterion struct {
	Name  string `json:"name"`
	Label string `json:"label"`
	// Measures names what is compared, such as "sensitivity" or "ppv".
	Measures []string `json:"measures"`
	Met      bool     `json:"met"`
	// Gap is the largest difference between two groups (for calibration, the observed/expected
	// ratio furthest from 1, as |ratio − 1|); nil when fewer than two groups can be compared.
	Gap *float64 `json:"gap"`
	// Compared lists the groups the measure exists for (a group without events has no
	// sensitivity, for instance).
	Compared []string `json:"compared"`
}

// Fairness is the check of every criterion at one threshold.
type Fairness struct {
	Tolerance float64     `json:"tolerance"`
	Criteria  []Criterion `json:"criteria"`
	// BaseRatesDiffer is true when two groups' prevalence intervals do not overlap: then no
	// imperfect classifier can meet calibration within groups together with equal error rates
	// (Kleinberg, Mullainathan and Raghavan 2017; Chouldechova 2017).
	BaseRatesDiffer bool `json:"base_rates_differ"`
}

// CalibrationBand is how far a group's observed/expected ratio may stray from 1 (0.8–1.25).
const CalibrationBand = 1.25

// CheckFairness compares the groups at one threshold; rates within tol of each other count
// as equal.
func CheckFairness(groups []Group, tol float64) Fairness {
	rate := func(f func(Point) Proportion) func(Group) *float64 {
		return func(g Group) *float64 { return f(g.Point).Value }
	}
	tpr := rate(func(p Point) Proportion { return p.Sensitivity })
	fpr := func(g Group) *float64 {
		if v := g.Point.Specificity.Value; v != nil {
			x := 1 - *v
			return &x
		}
		return nil
	}
	f := Fairness{Tolerance: tol, BaseRatesDiffer: baseRatesDiffer(groups)}
	f.Criteria = append(f.Criteria,
		equal("equal_opportunity", "Equal opportunity: the same sensitivity in every group", tol, groups, []string{"sensitivity"}, tpr),
		equal("equalised_odds", "Equalised odds: the same sensitivity and false-positive rate", tol, groups, []string{"sensitivity", "false_positive_rate"}, tpr, fpr),
		equal("predictive_parity", "Predictive parity: the same PPV", tol, groups, []string{"ppv"}, rate(func(p Point) Proportion { return p.PPV })),
		calibratedWithin(groups),
		equal("demographic_parity", "Demographic parity: the same share flagged", tol, groups, []string{"flag_rate"}, rate(func(p Point) Proportion { return p.FlagRate })),
	)
	return f
}

// equal meets when, for every measure, the groups that have it differ by at most tol.
func equal(name, label string, tol float64, groups []Group, measures []string, of ...func(Group) *float64) Criterion {
	c := Criterion{Name: name, Label: label, Measures: measures, Met: true}
	var worst *float64
	for i, measure := range of {
		lo, hi := math.Inf(1), math.Inf(-1)
		var have []string
		for _, g := range groups {
			if v := measure(g); v != nil {
				lo, hi = math.Min(lo, *v), math.Max(hi, *v)
				have = append(have, g.Name)
			}
		}
		if i == 0 {
			c.Compared = have
		}
		if len(have) < 2 {
			continue
		}
		gap := hi - lo
		if worst == nil || gap > *worst {
			worst = &gap
		}
		c.Met = c.Met && gap <= tol
	}
	c.Gap = worst
	return c
}

// calibratedWithin meets when every group's observed/expected ratio is within CalibrationBand.
func calibratedWithin(groups []Group) Criterion {
	c := Criterion{Name: "calibration_within_groups", Label: "Calibration within groups: predicted risk matches the event rate in every group",
		Measures: []string{"observed_over_expected"}, Met: true}
	var worst *float64
	for _, g := range groups {
		if g.Expected <= 0 || g.Point.N == 0 {
			continue
		}
		ratio := g.Observed / g.Expected
		dev := math.Abs(ratio - 1)
		if worst == nil || dev > *worst {
			worst = &dev
		}
		c.Compared = append(c.Compared, g.Name)
		c.Met = c.Met && ratio <= CalibrationBand && ratio >= 1/CalibrationBand
	}
	c.Gap = worst
	return c
}

// baseRatesDiffer reports two groups whose prevalence intervals do not overlap.
func baseRatesDiffer(groups []Group) bool {
	for i, a := range groups {
		for _, b := range groups[i+1:] {
			pa, pb := a.Point.Prevalence, b.Point.Prevalence
			if pa.Value != nil && pb.Value != nil && (*pa.Low > *pb.High || *pb.Low > *pa.High) {
				return true
			}
		}
	}
	return false
}
