package model

import (
	"errors"
	"math"
	"sort"
	"testing"

	"tandem/lab/synth"
)

func cohort(t testing.TB) *synth.Cohort {
	t.Helper()
	c, err := synth.Generate(synth.Default())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestFitMatchesTheClosedForm: with one binary predictor the maximum-likelihood logistic
// regression reproduces the 2×2 table, so the intercept is the log-odds among the unexposed
// and the coefficient the log odds ratio, with Woolf's standard error.
func TestFitMatchesTheClosedForm(t *testing.T) {
	// 30 of 100 patients with a line had the event, 10 of 200 without.
	var pts []*synth.Patient
	add := func(n int, line, event bool) {
		for range n {
			pts = append(pts, &synth.Patient{ArterialLine: line, Event: event})
		}
	}
	add(30, true, true)
	add(70, true, false)
	add(10, false, true)
	add(190, false, false)
	m, err := Fit(pts, []string{"arterial_line"})
	if err != nil {
		t.Fatal(err)
	}
	want := []Coefficient{
		{Name: "intercept", Estimate: math.Log(10.0 / 190), StdError: math.Sqrt(1.0/10 + 1.0/190)},
		{Name: "arterial_line", Estimate: math.Log(30.0 * 190 / (70 * 10)), StdError: math.Sqrt(1.0/30 + 1.0/70 + 1.0/10 + 1.0/190)},
	}
	for i, w := range want {
		got := m.Coefficients[i]
		if got.Name != w.Name || math.Abs(got.Estimate-w.Estimate) > 1e-8 || math.Abs(got.StdError-w.StdError) > 1e-8 {
			t.Errorf("coefficient %d: got %+v, want %+v", i, got, w)
		}
	}
	if p := m.Predict(&synth.Patient{ArterialLine: true}); math.Abs(p-0.3) > 1e-9 {
		t.Errorf("predicted risk with a line %.6f, want 0.3", p)
	}
}

// TestFitSolvesTheScoreEquations: at the maximum the residuals are orthogonal to every column.
func TestFitSolvesTheScoreEquations(t *testing.T) {
	c := cohort(t)
	train := c.Split(synth.Train)
	m, err := Fit(train, Shortcut)
	if err != nil {
		t.Fatal(err)
	}
	x := design(train, m.columns)
	k := len(m.columns) + 1
	for j := range k {
		s := 0.0
		for i, p := range train {
			s += x[i*k+j] * (b(p.Event) - m.Predict(p))
		}
		if math.Abs(s) > 1e-6 {
			t.Errorf("score of %s is %g, not 0", m.Coefficients[j].Name, s)
		}
	}
}

func TestFitRefusesWhatItCannotFit(t *testing.T) {
	c := cohort(t)
	if _, err := Fit(c.Split(synth.Train), []string{"age", "shoe_size"}); !errors.Is(err, ErrUnknownFeature) {
		t.Errorf("unknown feature: %v", err)
	}
	none := []*synth.Patient{{Age: 50}, {Age: 60}}
	if _, err := Fit(none, []string{"age"}); !errors.Is(err, ErrNotFitted) {
		t.Errorf("no events: %v", err)
	}
}

// TestPlantedFlawsShowInTheValidationSet checks the known answers the instructor guides give.
func TestPlantedFlawsShowInTheValidationSet(t *testing.T) {
	c := cohort(t)
	base, err := Fit(c.Split(synth.Train), Base)
	if err != nil {
		t.Fatal(err)
	}
	val := c.Split(synth.Validation)
	ratio := func(m *Model, keep func(*synth.Patient) bool) float64 { // predicted over observed events
		var pred, obs float64
		for _, p := range val {
			if keep(p) {
				pred += m.Predict(p)
				obs += b(p.Event)
			}
		}
		return pred / obs
	}
	if r := ratio(base, func(p *synth.Patient) bool { return p.Age >= 70 }); r > 0.85 {
		t.Errorf("aged 70 or more: predicted/observed %.2f, want clear under-prediction", r)
	}
	if r := ratio(base, func(p *synth.Patient) bool { return p.Age < 70 }); math.Abs(r-1) > 0.15 {
		t.Errorf("under 70: predicted/observed %.2f, want about 1", r)
	}
	dark := ratio(base, func(p *synth.Patient) bool { return p.SkinTone == "dark" })
	light := ratio(base, func(p *synth.Patient) bool { return p.SkinTone == "light" })
	if dark > light-0.15 {
		t.Errorf("dark skin predicted/observed %.2f against light %.2f: the oximeter's bias does not show", dark, light)
	}
	if co, _ := base.Coefficient("ward_staffing"); co.Estimate >= 0 {
		t.Errorf("busier wards should look safer to the model, coefficient %.3f", co.Estimate)
	}
	shortcut, err := Fit(c.Split(synth.Train), Shortcut)
	if err != nil {
		t.Fatal(err)
	}
	second := c.Split(synth.SecondSite)
	if auroc(shortcut, val) <= auroc(base, val) || auroc(shortcut, second) >= auroc(base, second) {
		t.Errorf("the shortcut should help at the first site (%.3f vs %.3f) and hurt at the second (%.3f vs %.3f)",
			auroc(shortcut, val), auroc(base, val), auroc(shortcut, second), auroc(base, second))
	}
}

// BenchmarkRefitWithoutFeature measures dropping one feature and refitting on the training set.
func BenchmarkRefitWithoutFeature(b *testing.B) {
	c := cohort(b)
	train := c.Split(synth.Train)
	features := Base[:len(Base)-1] // without ward staffing
	for b.Loop() {
		if _, err := Fit(train, features); err != nil {
			b.Fatal(err)
		}
	}
}

// auroc is the Mann–Whitney estimate of the area under the ROC curve (no ties in practice).
func auroc(m *Model, pts []*synth.Patient) float64 {
	s := m.Scores(pts)
	idx := make([]int, len(pts))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, c int) bool { return s[idx[a]] < s[idx[c]] })
	var pos, neg, ranks float64
	for r, i := range idx {
		if pts[i].Event {
			pos++
			ranks += float64(r + 1)
		} else {
			neg++
		}
	}
	return (ranks - pos*(pos+1)/2) / (pos * neg)
}

func b(v bool) float64 {
	if v {
		return 1
	}
	return 0
}
