package lab

import (
	"errors"
	"math"
	"testing"

	"tandem/courses"
	"tandem/errs"
	"tandem/lab/synth"
)

func built(t testing.TB) *Built {
	t.Helper()
	b, err := build(&courses.Lab{Slug: "test", Generator: synth.Default(), Model: "base", Threshold: 0.1,
		Views:     []string{"threshold", "subgroups"},
		Subgroups: []string{"age_band", "skin_tone", "ward"}, Fixes: courses.LabFixes, Cards: courses.DefaultCardMix})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func group(f Figures, subgroup, name string) (g struct{ ratio, sensitivity float64 }) {
	for _, br := range f.Subgroups {
		for _, gr := range br.Groups {
			if br.Subgroup == subgroup && gr.Name == name {
				g.ratio = gr.Observed / gr.Expected
				g.sensitivity = *gr.Point.Sensitivity.Value
			}
		}
	}
	return g
}

func ptr(v float64) *float64 { return &v }

func TestGroupRecalibrationMendsTheOverSeventies(t *testing.T) {
	b := built(t)
	out, err := b.Score(Proposal{Fix: FixGroupRecalibration, Threshold: 0.1, Subgroup: "age_band"})
	if err != nil {
		t.Fatal(err)
	}
	before, after := group(out.Original, "age_band", "70+"), group(out.Fixed, "age_band", "70+")
	if math.Abs(after.ratio-1) >= math.Abs(before.ratio-1) || before.ratio < 1.15 {
		t.Errorf("70+: observed/expected %.2f before, %.2f after recalibration", before.ratio, after.ratio)
	}
	if len(out.Recalibration) != 3 || out.Original.N != 1250 || out.Fixed.Point.N != 1250 {
		t.Errorf("fits %v, n %d/%d", out.Recalibration, out.Original.N, out.Fixed.Point.N)
	}
	if out.Original.AUROC == out.Fixed.AUROC {
		t.Error("recalibrating per group should change the ranking across groups")
	}
}

func TestGroupThresholdsMoveOnlyTheirGroup(t *testing.T) {
	b := built(t)
	out, err := b.Score(Proposal{Fix: FixGroupThresholds, Threshold: 0.1, Subgroup: "skin_tone", Thresholds: map[string]float64{"dark": 0.05}})
	if err != nil {
		t.Fatal(err)
	}
	if d0, d1 := group(out.Original, "skin_tone", "dark"), group(out.Fixed, "skin_tone", "dark"); d1.sensitivity <= d0.sensitivity {
		t.Errorf("dark skin: sensitivity %.3f before, %.3f with a lower threshold", d0.sensitivity, d1.sensitivity)
	}
	if l0, l1 := group(out.Original, "skin_tone", "light"), group(out.Fixed, "skin_tone", "light"); l0 != l1 {
		t.Errorf("light skin changed: %+v to %+v", l0, l1)
	}
	if out.Original.AUROC != out.Fixed.AUROC || out.Fixed.Point.Confusion.TP <= out.Original.Point.Confusion.TP {
		t.Errorf("AUROC %.4f/%.4f, TP %d/%d", out.Original.AUROC, out.Fixed.AUROC, out.Original.Point.Confusion.TP, out.Fixed.Point.Confusion.TP)
	}
}

func TestDroppingAFeatureRefits(t *testing.T) {
	b := built(t)
	out, err := b.Score(Proposal{Fix: FixDropFeature, Threshold: 0.1, Feature: "ward_staffing"})
	if err != nil {
		t.Fatal(err)
	}
	if len(out.Coefficients) != len(b.Models["base"].Coefficients)-1 {
		t.Fatalf("%d coefficients", len(out.Coefficients))
	}
	for _, c := range out.Coefficients {
		if c.Name == "ward_staffing" {
			t.Error("the dropped feature is still in the model")
		}
	}
}

func TestReviewBandCountsItsLoad(t *testing.T) {
	b := built(t)
	out, err := b.Score(Proposal{Fix: FixReviewBand, Threshold: 0.1, Lower: ptr(0.07), Upper: ptr(0.15)})
	if err != nil {
		t.Fatal(err)
	}
	n, events := 0, 0
	for _, p := range b.test {
		if s := b.Models["base"].Predict(p); s >= 0.07 && s < 0.15 {
			n++
			if p.Event {
				events++
			}
		}
	}
	if n == 0 || out.Review.Cases.Num != n || out.Review.EventsReviewed != events || out.Fixed.Point.N != 1250-n {
		t.Errorf("review %+v, fixed n %d; counted %d cases, %d events", out.Review, out.Fixed.Point.N, n, events)
	}
}

func TestAnotherLabelScoresBothModelsAgainstIt(t *testing.T) {
	b := built(t)
	out, err := b.Score(Proposal{Fix: FixLabel, Threshold: 0.1, Label: LabelReviewed})
	if err != nil {
		t.Fatal(err)
	}
	events := 0
	for _, p := range b.test {
		if p.TrueEvent {
			events++
		}
	}
	if out.Label != LabelReviewed || out.Original.Point.Events != events || out.Fixed.Point.Events != events {
		t.Errorf("label %s, events %d/%d, want %d", out.Label, out.Original.Point.Events, out.Fixed.Point.Events, events)
	}
	recorded, _ := b.Models["base"].Coefficient("ward_staffing")
	if c, ok := coefficient(out, "ward_staffing"); !ok || c <= recorded.Estimate+0.05 {
		t.Errorf("learnt from reviewed events, busier wards should look less safe: %.3f, recorded %.3f", c, recorded.Estimate)
	}
}

func coefficient(out *Outcome, name string) (float64, bool) {
	for _, c := range out.Coefficients {
		if c.Name == name {
			return c.Estimate, true
		}
	}
	return 0, false
}

func TestProposalsThatDoNotFitTheLab(t *testing.T) {
	b := built(t)
	b.Lab.Fixes = []string{FixRecalibration, FixGroupThresholds, FixDropFeature, FixReviewBand}
	for name, c := range map[string]struct {
		p     Proposal
		field string
	}{
		"fix not open":      {Proposal{Fix: FixLabel, Threshold: 0.1, Label: LabelReviewed}, "fix"},
		"unknown fix":       {Proposal{Fix: "retrain_everything", Threshold: 0.1}, "fix"},
		"threshold":         {Proposal{Fix: FixRecalibration, Threshold: 1.5}, "threshold"},
		"NaN threshold":     {Proposal{Fix: FixRecalibration, Threshold: math.NaN()}, "threshold"},
		"unknown feature":   {Proposal{Fix: FixDropFeature, Threshold: 0.1, Feature: "shoe_size"}, "feature"},
		"not the model's":   {Proposal{Fix: FixDropFeature, Threshold: 0.1, Feature: "arterial_line"}, "feature"},
		"unknown subgroup":  {Proposal{Fix: FixGroupThresholds, Threshold: 0.1, Subgroup: "height"}, "subgroup"},
		"unknown group":     {Proposal{Fix: FixGroupThresholds, Threshold: 0.1, Subgroup: "skin_tone", Thresholds: map[string]float64{"blue": 0.1}}, "thresholds.blue"},
		"group threshold":   {Proposal{Fix: FixGroupThresholds, Threshold: 0.1, Subgroup: "skin_tone", Thresholds: map[string]float64{"dark": -1}}, "thresholds.dark"},
		"no thresholds":     {Proposal{Fix: FixGroupThresholds, Threshold: 0.1, Subgroup: "skin_tone"}, "thresholds"},
		"band misses":       {Proposal{Fix: FixReviewBand, Threshold: 0.1, Lower: ptr(0.2), Upper: ptr(0.3)}, "review_band"},
		"band upside down":  {Proposal{Fix: FixReviewBand, Threshold: 0.1, Lower: ptr(0.3), Upper: ptr(0.05)}, "review_band"},
		"band without ends": {Proposal{Fix: FixReviewBand, Threshold: 0.1}, "review_band"},
	} {
		_, err := b.Score(c.p)
		var e *errs.Error
		if !errors.As(err, &e) || e.Status != 422 {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if _, ok := e.Details.(map[string]any)["fields"].(map[string]string)[c.field]; !ok {
			t.Errorf("%s: fields %v, want %s", name, e.Details, c.field)
		}
	}
}

// TestSmallGroupsAreLeftOut: with a small cohort (140 test patients), some groups of the
// test set are too small to describe without describing patients.
func TestSmallGroupsAreLeftOut(t *testing.T) {
	params := synth.Default()
	params.Patients = 700
	b, err := build(&courses.Lab{Slug: "small", Generator: params, Model: "base", Threshold: 0.1,
		Subgroups: []string{"ethnicity", "skin_tone", "ward"}, Fixes: []string{FixRecalibration}})
	if err != nil {
		t.Fatal(err)
	}
	out, err := b.Score(Proposal{Fix: FixRecalibration, Threshold: 0.1})
	if err != nil {
		t.Fatal(err)
	}
	suppressed := 0
	for _, f := range []Figures{out.Original, out.Fixed} {
		for _, br := range f.Subgroups {
			suppressed += len(br.Suppressed)
			for _, g := range br.Groups {
				if g.Point.N < MinGroup {
					t.Errorf("%s %s: figures of %d patients", br.Subgroup, g.Name, g.Point.N)
				}
			}
		}
	}
	if suppressed == 0 {
		t.Error("no group of the small test set was left out")
	}
}

// BenchmarkScoreFix applies each fix and scores it on the test split.
func BenchmarkScoreFix(b *testing.B) {
	lb := built(b)
	for _, p := range []Proposal{
		{Fix: FixRecalibration, Threshold: 0.1},
		{Fix: FixGroupRecalibration, Threshold: 0.1, Subgroup: "age_band"},
		{Fix: FixGroupThresholds, Threshold: 0.1, Subgroup: "skin_tone", Thresholds: map[string]float64{"dark": 0.05}},
		{Fix: FixDropFeature, Threshold: 0.1, Feature: "ward_staffing"},
		{Fix: FixReviewBand, Threshold: 0.1, Lower: ptr(0.07), Upper: ptr(0.15)},
		{Fix: FixLabel, Threshold: 0.1, Label: LabelReviewed},
	} {
		b.Run(p.Fix, func(b *testing.B) {
			for b.Loop() {
				if _, err := lb.Score(p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
