package model

import (
	"errors"
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"

	"tandem/lab/synth"
)

// ErrUnknownFeature is returned for a feature name that Features does not list.
var ErrUnknownFeature = errors.New("model: unknown feature")

// ErrNotFitted is returned when the data cannot support the model (no events, no
// non-events, or predictors that separate them perfectly).
var ErrNotFitted = errors.New("model: the data cannot support this model")

// Coefficient is one fitted log-odds coefficient with its standard error.
type Coefficient struct {
	Name      string  `json:"name"`
	Label     string  `json:"label"`
	Estimate  float64 `json:"estimate"`
	StdError  float64 `json:"std_error"`
	OddsRatio float64 `json:"odds_ratio"`
}

// Model is a fitted logistic regression. It never changes after Fit, so it may be shared.
type Model struct {
	// Features are the names of the features used, in the order of Features.
	Features []string
	// Coefficients start with the intercept.
	Coefficients []Coefficient
	// Iterations is how many IRLS steps the fit took.
	Iterations int
	columns    []Column
}

const (
	maxIterations = 50
	tolerance     = 1e-9
)

// Fit fits a logistic regression of the recorded event on the named features by iteratively
// reweighted least squares (Newton–Raphson on the log-likelihood).
func Fit(pts []*synth.Patient, features []string) (*Model, error) {
	return FitTo(pts, features, Recorded)
}

// Recorded is the label every lab's models learn: the event as documented.
func Recorded(p *synth.Patient) bool { return p.Event }

// FitTo fits a logistic regression of another outcome than the recorded event.
func FitTo(pts []*synth.Patient, features []string, outcome func(*synth.Patient) bool) (*Model, error) {
	cols, names, err := columnsOf(features)
	if err != nil {
		return nil, err
	}
	k := len(cols) + 1
	x, y := design(pts, cols), labels(pts, outcome)
	beta := make([]float64, k)
	m := &Model{Features: names, columns: cols}
	for m.Iterations = 1; m.Iterations <= maxIterations; m.Iterations++ {
		info, step, err := newtonStep(x, y, beta, k)
		if err != nil {
			return nil, err
		}
		change := 0.0
		for j := range beta {
			beta[j] += step[j]
			change = math.Max(change, math.Abs(step[j]))
		}
		if change < tolerance {
			m.Coefficients = coefficients(cols, beta, info)
			return m, nil
		}
	}
	return nil, fmt.Errorf("%w: no convergence after %d iterations", ErrNotFitted, maxIterations)
}

// newtonStep returns the information matrix XᵀWX at beta and the step that solves
// XᵀWX·step = Xᵀ(y−μ).
func newtonStep(x, y, beta []float64, k int) (*mat.SymDense, []float64, error) {
	info := mat.NewSymDense(k, nil)
	score := make([]float64, k)
	raw := info.RawSymmetric().Data
	for i := range y {
		row := x[i*k : (i+1)*k]
		eta := 0.0
		for j, v := range row {
			eta += v * beta[j]
		}
		mu := 1 / (1 + math.Exp(-eta))
		w := mu * (1 - mu)
		for a, va := range row {
			score[a] += va * (y[i] - mu)
			wa := w * va
			for b := a; b < k; b++ {
				raw[a*k+b] += wa * row[b]
			}
		}
	}
	var chol mat.Cholesky
	if !chol.Factorize(info) {
		return nil, nil, fmt.Errorf("%w: the information matrix is singular", ErrNotFitted)
	}
	step := mat.NewVecDense(k, nil)
	if err := chol.SolveVecTo(step, mat.NewVecDense(k, score)); err != nil {
		return nil, nil, fmt.Errorf("%w: %v", ErrNotFitted, err)
	}
	return info, step.RawVector().Data, nil
}

// coefficients pairs the estimates with their standard errors, the square roots of the
// diagonal of the inverse information matrix.
func coefficients(cols []Column, beta []float64, info *mat.SymDense) []Coefficient {
	var cov mat.Dense
	if err := cov.Inverse(info); err != nil {
		cov = *mat.NewDense(len(beta), len(beta), nil) // unreachable after a successful Cholesky
	}
	out := make([]Coefficient, len(beta))
	for j, b := range beta {
		name, label := "intercept", "Intercept (log-odds at the reference values)"
		if j > 0 {
			name, label = cols[j-1].Name, cols[j-1].Label
		}
		out[j] = Coefficient{Name: name, Label: label, Estimate: b, StdError: math.Sqrt(cov.At(j, j)), OddsRatio: math.Exp(b)}
	}
	return out
}

// columnsOf resolves feature names to design columns, in the order of Features.
func columnsOf(features []string) ([]Column, []string, error) {
	want := map[string]bool{}
	for _, f := range features {
		if _, ok := FeatureByName(f); !ok {
			return nil, nil, fmt.Errorf("%w: %q", ErrUnknownFeature, f)
		}
		want[f] = true
	}
	var cols []Column
	var names []string
	for _, f := range Features {
		if want[f.Name] {
			cols = append(cols, f.Columns...)
			names = append(names, f.Name)
		}
	}
	return cols, names, nil
}

// design is the n×k design matrix, row-major, with a leading column of ones.
func design(pts []*synth.Patient, cols []Column) []float64 {
	k := len(cols) + 1
	x := make([]float64, len(pts)*k)
	for i, p := range pts {
		x[i*k] = 1
		for j, c := range cols {
			x[i*k+j+1] = c.value(p)
		}
	}
	return x
}

func labels(pts []*synth.Patient, outcome func(*synth.Patient) bool) []float64 {
	y := make([]float64, len(pts))
	for i, p := range pts {
		if outcome(p) {
			y[i] = 1
		}
	}
	return y
}
