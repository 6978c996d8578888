package model

import (
	"cmp"
	"math"
	"slices"

	"tandem/lab/synth"
)

// Contribution is how much one column moves a patient's log-odds away from the reference
// patient's (every column at zero: 60 years, female, ASA 1, elective orthopaedic surgery, MAP
// 90, heart rate 75, SpO2 96, lactate 1.2, five patients per nurse, no arterial line).
type Contribution struct {
	Name    string  `json:"name"`
	Label   string  `json:"label"`
	LogOdds float64 `json:"log_odds"`
}

// Explain returns the n columns that move p's predicted risk most, largest first, each as its
// coefficient times p's value; ties keep the order of Features.
func (m *Model) Explain(p *synth.Patient, n int) []Contribution {
	out := make([]Contribution, 0, len(m.columns))
	for j, c := range m.columns {
		if v := m.Coefficients[j+1].Estimate * c.value(p); v != 0 {
			out = append(out, Contribution{Name: c.Name, Label: c.Label, LogOdds: v})
		}
	}
	slices.SortStableFunc(out, func(a, b Contribution) int { return cmp.Compare(math.Abs(b.LogOdds), math.Abs(a.LogOdds)) })
	return out[:min(n, len(out))]
}
