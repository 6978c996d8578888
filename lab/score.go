package lab

import (
	"math"
	"slices"

	"tandem/errs"
	"tandem/lab/metrics"
	"tandem/lab/model"
	"tandem/lab/synth"
)

// Outcome is a proposal scored on the hidden test set: the same figures for the lab's model as
// it is and as the fix changes it. Only these aggregates leave the server.
type Outcome struct {
	// Label is the outcome both models are scored against.
	Label     string  `json:"label"`
	Threshold float64 `json:"threshold"`
	Original  Figures `json:"original"`
	Fixed     Figures `json:"fixed"`
	// Review is the review band's load on the test set.
	Review *Review `json:"review,omitempty"`
	// Coefficients are those of a refitted model (dropped feature or other label).
	Coefficients []model.Coefficient `json:"coefficients,omitempty"`
	// Recalibration lists each fitted recalibration, fitted on the validation set.
	Recalibration []Recalibration `json:"recalibration,omitempty"`
}

// Figures are one model's figures on the test set at the threshold (or thresholds). With a
// review band, Point counts only the patients the model decides alone.
type Figures struct {
	N           int                 `json:"n"`
	AUROC       float64             `json:"auroc"`
	Point       metrics.Point       `json:"point"`
	Calibration metrics.Calibration `json:"calibration"`
	Subgroups   []Breakdown         `json:"subgroups"`
}

// Breakdown is a subgroup's groups at the threshold, with the fairness check. Suppressed
// names the groups with fewer than MinGroup test patients, left out so that no figure
// describes one patient or a few.
type Breakdown struct {
	Subgroup   string           `json:"subgroup"`
	Groups     []metrics.Group  `json:"groups"`
	Fairness   metrics.Fairness `json:"fairness"`
	Suppressed []string         `json:"suppressed"`
}

// MinGroup is the fewest test patients a group's figures describe.
const MinGroup = 10

// Review is what a review band sends to people: how many test patients, what share, how many
// reviews per 10 beds per 12-hour shift, and how many of them had the event.
type Review struct {
	Lower          float64            `json:"lower"`
	Upper          float64            `json:"upper"`
	Cases          metrics.Proportion `json:"cases"`
	PerShift       float64            `json:"per_shift"`
	EventsReviewed int                `json:"events_reviewed"`
}

// Recalibration is logit(p') = Intercept + Slope·logit(p), fitted on a group's validation
// patients (Group is "" for everyone); a group it could not be fitted for keeps its scores.
type Recalibration struct {
	Group     string  `json:"group,omitempty"`
	Intercept float64 `json:"intercept"`
	Slope     float64 `json:"slope"`
}

// decisions are the test set's scores and labels with each patient's threshold, and whether
// the model decides alone (false: sent to review).
type decisions struct {
	scores, cuts []float64
	labels, auto []bool
}

// Score applies a checked proposal and scores both models on the hidden test set.
func (b *Built) Score(p Proposal) (*Outcome, error) {
	if err := b.Check(p); err != nil {
		return nil, err
	}
	label := LabelRecorded
	if p.Fix == FixLabel {
		label = p.Label
	}
	labels := outcomeOf(b.test, outcomes[label])
	orig := b.decide(b.Models[b.Lab.Model].Scores(b.test), labels, p.Threshold)
	fixed := orig
	out := &Outcome{Label: label, Threshold: p.Threshold}
	switch p.Fix {
	case FixRecalibration, FixGroupRecalibration:
		fixed = b.decide(b.recalibrated(p.Subgroup, orig.scores, out), labels, p.Threshold)
	case FixGroupThresholds:
		fixed = b.decide(orig.scores, labels, p.Threshold)
		of := subgroupOf[p.Subgroup]
		for i, pt := range b.test {
			if t, ok := p.Thresholds[of(pt)]; ok {
				fixed.cuts[i] = t
			}
		}
	case FixDropFeature, FixLabel:
		m, err := b.refit(p)
		if err != nil {
			return nil, err
		}
		out.Coefficients = m.Coefficients
		fixed = b.decide(m.Scores(b.test), labels, p.Threshold)
	case FixReviewBand:
		fixed = b.decide(orig.scores, labels, p.Threshold)
		out.Review = fixed.band(*p.Lower, *p.Upper)
	}
	out.Original, out.Fixed = b.figures(orig), b.figures(fixed)
	return out, nil
}

func (b *Built) decide(scores []float64, labels []bool, t float64) decisions {
	d := decisions{scores: scores, labels: labels, cuts: make([]float64, len(scores)), auto: make([]bool, len(scores))}
	for i := range scores {
		d.cuts[i], d.auto[i] = t, true
	}
	return d
}

// band sends the patients scored in [lower, upper) to review.
func (d decisions) band(lower, upper float64) *Review {
	r := &Review{Lower: lower, Upper: upper}
	n := 0
	for i, s := range d.scores {
		if s >= lower && s < upper {
			d.auto[i] = false
			n++
			if d.labels[i] {
				r.EventsReviewed++
			}
		}
	}
	r.Cases = metrics.Wilson(n, len(d.scores))
	r.PerShift = metrics.DefaultWorkload.AlertsPerShift(float64(n) / float64(len(d.scores)))
	return r
}

// recalibrated fits Platt recalibration on the validation set, for everyone or per group of
// subgroup, and applies it to the test scores.
func (b *Built) recalibrated(subgroup string, scores []float64, out *Outcome) []float64 {
	val := b.scores[b.Lab.Model]
	of := func(*synth.Patient) string { return "" }
	groups := []string{""}
	if subgroup != "" {
		of, groups = subgroupOf[subgroup], b.groupNames(subgroup)
	}
	fits := map[string]Recalibration{}
	for _, g := range groups {
		var s []float64
		var l []bool
		for i, pt := range b.validation {
			if of(pt) == g {
				s, l = append(s, val[i]), append(l, b.labels[i])
			}
		}
		if a, slope, ok := metrics.Platt(s, l); ok {
			fits[g] = Recalibration{Group: g, Intercept: a, Slope: slope}
			out.Recalibration = append(out.Recalibration, fits[g])
		}
	}
	fixed := make([]float64, len(scores))
	for i, pt := range b.test {
		fixed[i] = scores[i]
		if r, ok := fits[of(pt)]; ok {
			fixed[i] = 1 / (1 + math.Exp(-(r.Intercept + r.Slope*metrics.Logit(scores[i]))))
		}
	}
	return fixed
}

// refit fits the lab's model again on the training set, without a feature or to another label.
func (b *Built) refit(p Proposal) (*model.Model, error) {
	features := b.Models[b.Lab.Model].Features
	if p.Fix == FixDropFeature {
		features = slices.DeleteFunc(slices.Clone(features), func(f string) bool { return f == p.Feature })
	}
	outcome := model.Recorded
	if p.Fix == FixLabel {
		outcome = outcomes[p.Label]
	}
	m, err := model.FitTo(b.train, features, outcome)
	if err != nil {
		return nil, invalid("fix", errs.Reason("reason.lab_fit", map[string]any{"Problem": err.Error()}))
	}
	return m, nil
}

// figures computes the test-set figures of one set of decisions, overall and per group of
// every subgroup the lab audits.
func (b *Built) figures(d decisions) Figures {
	_, auc := metrics.NewSet(d.scores, d.labels).ROC()
	f := Figures{N: len(d.scores), AUROC: auc, Point: d.point(d.cuts[0], func(int) bool { return true }),
		Calibration: metrics.Calibrate(d.scores, d.labels, 10), Subgroups: []Breakdown{}}
	for _, sub := range b.Lab.Subgroups {
		of := subgroupOf[sub]
		br := Breakdown{Subgroup: sub, Groups: []metrics.Group{}, Suppressed: []string{}}
		for _, g := range namesIn(b.test, sub) {
			in := func(i int) bool { return of(b.test[i]) == g }
			var s []float64
			var l []bool
			cut := d.cuts[0]
			for i := range d.scores {
				if in(i) {
					s, l, cut = append(s, d.scores[i]), append(l, d.labels[i]), d.cuts[i]
				}
			}
			if len(s) < MinGroup {
				br.Suppressed = append(br.Suppressed, g)
				continue
			}
			expected, observed := metrics.InTheLarge(s, l)
			br.Groups = append(br.Groups, metrics.Group{Name: g, Point: d.point(cut, in), Expected: expected, Observed: observed})
		}
		br.Fairness = metrics.CheckFairness(br.Groups, FairnessTolerance)
		f.Subgroups = append(f.Subgroups, br)
	}
	return f
}

// point counts the patients in(i) that the model decides alone, each at their own threshold; t is the
// threshold the point reports.
func (d decisions) point(t float64, in func(int) bool) metrics.Point {
	var c metrics.Confusion
	for i, s := range d.scores {
		if in(i) && d.auto[i] {
			c.Count(s >= d.cuts[i], d.labels[i])
		}
	}
	return metrics.PointOf(c, t)
}

func outcomeOf(pts []*synth.Patient, outcome func(*synth.Patient) bool) []bool {
	out := make([]bool, len(pts))
	for i, p := range pts {
		out[i] = outcome(p)
	}
	return out
}
