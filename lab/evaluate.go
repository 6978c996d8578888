package lab

import (
	"math"
	"slices"

	"tandem/errs"
	"tandem/lab/metrics"
	"tandem/lab/synth"
)

// subgroupOf names each patient's group for every subgroup a lab may audit.
var subgroupOf = map[string]func(*synth.Patient) string{
	"age_band": func(p *synth.Patient) string {
		switch {
		case p.Age >= 70:
			return "70+"
		case p.Age >= 50:
			return "50-69"
		}
		return "18-49"
	},
	"sex":       func(p *synth.Patient) string { return p.Sex },
	"skin_tone": func(p *synth.Patient) string { return p.SkinTone },
	"ethnicity": func(p *synth.Patient) string { return p.Ethnicity },
	"urgency":   func(p *synth.Patient) string { return p.Urgency },
	"ward":      func(p *synth.Patient) string { return p.Ward },
}

// Query is what the metrics view asks: a model, a threshold, and optionally a subgroup to
// break down by (Subgroup) and one of its groups to look at alone (Group).
type Query struct {
	Model     string
	Threshold float64
	Subgroup  string
	Group     string
}

// Evaluation is the metrics view of the validation split (or one group of it).
type Evaluation struct {
	Model         string                  `json:"model"`
	Subgroup      string                  `json:"subgroup,omitempty"`
	Group         string                  `json:"group,omitempty"`
	AUROC         float64                 `json:"auroc"`
	Point         metrics.Point           `json:"point"`
	ROC           []metrics.XY            `json:"roc"`
	PR            []metrics.XY            `json:"pr"`
	Calibration   metrics.Calibration     `json:"calibration"`
	DecisionCurve []metrics.DecisionPoint `json:"decision_curve"`
	Sweep         metrics.Sweep           `json:"sweep"`
	Workload      metrics.Workload        `json:"workload"`
	Groups        []metrics.Group         `json:"groups,omitempty"`
	Fairness      *metrics.Fairness       `json:"fairness,omitempty"`
}

// curvePoints is how many points of a curve a response carries (the area is computed on all).
const curvePoints = 200

// FairnessTolerance is how far two groups' rates may differ and still count as equal.
const FairnessTolerance = 0.05

// Evaluate answers q on the validation split; bad queries are 422s naming the field.
func (b *Built) Evaluate(q Query) (*Evaluation, error) {
	scores, ok := b.scores[q.Model]
	if !ok {
		return nil, invalid("model", errs.Reason("reason.lab_models", map[string]any{"Models": b.ModelNames()}))
	}
	if math.IsNaN(q.Threshold) || q.Threshold < 0 || q.Threshold > 1 {
		return nil, invalid("threshold", "must be a risk from 0 to 1")
	}
	if q.Subgroup == "" && q.Group != "" {
		return nil, invalid("group", "needs a subgroup")
	}
	if q.Subgroup != "" && !slices.Contains(b.Lab.Subgroups, q.Subgroup) {
		return nil, invalid("subgroup", errs.Reason("reason.lab_subgroups", map[string]any{"Subgroups": b.Lab.Subgroups}))
	}
	names := b.groupNames(q.Subgroup)
	if q.Group != "" && !slices.Contains(names, q.Group) {
		return nil, invalid("group", errs.Reason("reason.rule_oneof", map[string]any{"Choices": names}))
	}
	s, l := b.select1(scores, q.Subgroup, q.Group)
	set := metrics.NewSet(s, l)
	roc, auc := set.ROC()
	e := &Evaluation{Model: q.Model, Subgroup: q.Subgroup, Group: q.Group, AUROC: auc, Point: set.At(q.Threshold),
		ROC: metrics.Thin(roc, curvePoints), PR: metrics.Thin(set.PR(), curvePoints), Calibration: metrics.Calibrate(s, l, 10),
		DecisionCurve: set.DecisionCurve(0.01, 0.5), Sweep: set.Sweep(), Workload: metrics.DefaultWorkload}
	if q.Subgroup != "" && q.Group == "" {
		for _, g := range names {
			gs, gl := b.select1(scores, q.Subgroup, g)
			expected, observed := metrics.InTheLarge(gs, gl)
			e.Groups = append(e.Groups, metrics.Group{Name: g, Point: metrics.PointAt(gs, gl, q.Threshold), Expected: expected, Observed: observed})
		}
		f := metrics.CheckFairness(e.Groups, FairnessTolerance)
		e.Fairness = &f
	}
	return e, nil
}

// groupNames lists a subgroup's groups present in the validation split, sorted.
func (b *Built) groupNames(subgroup string) []string { return namesIn(b.validation, subgroup) }

// namesIn lists a subgroup's groups present among pts, sorted.
func namesIn(pts []*synth.Patient, subgroup string) []string {
	of, ok := subgroupOf[subgroup]
	if !ok {
		return nil
	}
	var names []string
	for _, p := range pts {
		if n := of(p); !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}

// select1 returns the scores and labels of one group (all patients when group is "").
func (b *Built) select1(scores []float64, subgroup, group string) ([]float64, []bool) {
	if group == "" {
		return scores, b.labels
	}
	of := subgroupOf[subgroup]
	var s []float64
	var l []bool
	for i, p := range b.validation {
		if of(p) == group {
			s, l = append(s, scores[i]), append(l, b.labels[i])
		}
	}
	return s, l
}
