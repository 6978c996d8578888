package model

import (
	"math"

	"tandem/lab/synth"
)

// Predict is the model's predicted risk of a recorded deterioration for p.
func (m *Model) Predict(p *synth.Patient) float64 {
	eta := m.Coefficients[0].Estimate
	for j, c := range m.columns {
		eta += m.Coefficients[j+1].Estimate * c.value(p)
	}
	return 1 / (1 + math.Exp(-eta))
}

// Scores predicts the risk of every patient, in order.
func (m *Model) Scores(pts []*synth.Patient) []float64 {
	out := make([]float64, len(pts))
	for i, p := range pts {
		out[i] = m.Predict(p)
	}
	return out
}

// Coefficient returns the coefficient of a column by name (such as "spo2" or "asa_3").
func (m *Model) Coefficient(name string) (Coefficient, bool) {
	for _, c := range m.Coefficients {
		if c.Name == name {
			return c, true
		}
	}
	return Coefficient{}, false
}
