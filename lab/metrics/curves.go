package metrics

import "math"

// DecisionPoint is one threshold of a decision curve: the net benefit of acting on the model,
// of acting on everyone, and (always 0) of acting on no one.
type DecisionPoint struct {
	Threshold float64 `json:"threshold"`
	Model     float64 `json:"model"`
	TreatAll  float64 `json:"treat_all"`
	TreatNone float64 `json:"treat_none"`
}

// DecisionCurve evaluates net benefit at thresholds from step to max in steps of step.
func (s *Set) DecisionCurve(step, max float64) []DecisionPoint {
	var out []DecisionPoint
	n := len(s.scores)
	for i := 1; float64(i)*step <= max+1e-9; i++ {
		t := round4(float64(i) * step)
		c := s.confusionTop(s.flagged(t))
		out = append(out, DecisionPoint{Threshold: t, Model: NetBenefit(c.TP, c.FP, n, t),
			TreatAll: NetBenefit(s.events, n-s.events, n, t)})
	}
	return out
}

// Sweep is the lab's view at every slider position, as columns: the browser redraws from it
// without asking the server, and computes nothing itself. Ratios without a denominator are nil.
type Sweep struct {
	Thresholds     []float64  `json:"thresholds"`
	TP             []int      `json:"tp"`
	FP             []int      `json:"fp"`
	FN             []int      `json:"fn"`
	TN             []int      `json:"tn"`
	Sensitivity    []*float64 `json:"sensitivity"`
	Specificity    []*float64 `json:"specificity"`
	PPV            []*float64 `json:"ppv"`
	NPV            []*float64 `json:"npv"`
	FlagRate       []float64  `json:"flag_rate"`
	NNE            []*float64 `json:"nne"`
	AlertsPerShift []float64  `json:"alerts_per_shift"`
	NetBenefit     []float64  `json:"net_benefit"`
	TreatAll       []float64  `json:"net_benefit_treat_all"`
}

// SweepSteps is the number of slider steps: thresholds 0.00 to 1.00 by 0.01.
const SweepSteps = 100

// Sweep computes the point at every slider threshold.
func (s *Set) Sweep() Sweep {
	var w Sweep
	for i := 0; i <= SweepSteps; i++ {
		p := s.At(round4(float64(i) / SweepSteps))
		w.Thresholds = append(w.Thresholds, p.Threshold)
		w.TP, w.FP = append(w.TP, p.Confusion.TP), append(w.FP, p.Confusion.FP)
		w.FN, w.TN = append(w.FN, p.Confusion.FN), append(w.TN, p.Confusion.TN)
		w.Sensitivity, w.Specificity = append(w.Sensitivity, p.Sensitivity.Value), append(w.Specificity, p.Specificity.Value)
		w.PPV, w.NPV = append(w.PPV, p.PPV.Value), append(w.NPV, p.NPV.Value)
		w.FlagRate = append(w.FlagRate, valueOr0(p.FlagRate))
		w.NNE = append(w.NNE, p.NNE)
		w.AlertsPerShift = append(w.AlertsPerShift, p.AlertsPerShift)
		w.NetBenefit, w.TreatAll = append(w.NetBenefit, p.NetBenefit), append(w.TreatAll, p.NetBenefitTreatAll)
	}
	return w
}

func round4(v float64) float64 { return math.Round(v*1e4) / 1e4 }

func valueOr0(p Proportion) float64 {
	if p.Value == nil {
		return 0
	}
	return *p.Value
}
