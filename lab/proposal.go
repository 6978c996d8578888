package lab

import (
	"math"
	"slices"

	"tandem/errs"
	"tandem/lab/model"
	"tandem/lab/synth"
)

// The fixes a lab may open (courses.LabFixes names the same).
const (
	FixRecalibration      = "recalibration"
	FixGroupRecalibration = "group_recalibration"
	FixGroupThresholds    = "group_thresholds"
	FixDropFeature        = "drop_feature"
	FixReviewBand         = "review_band"
	FixLabel              = "label"
)

// The labels a proposal may score against. LabelReviewed is the outcome a structured review of
// the notes and observation charts finds, documented on the ward or not: in the synthetic
// cohort, every true deterioration.
const (
	LabelRecorded = "recorded"
	LabelReviewed = "reviewed"
)

var outcomes = map[string]func(*synth.Patient) bool{
	LabelRecorded: model.Recorded,
	LabelReviewed: func(p *synth.Patient) bool { return p.TrueEvent },
}

// Proposal is a fix a team proposes, with its parameters. Threshold is the operating point of
// both the original and the fixed model; the other fields belong to one fix each.
type Proposal struct {
	Fix       string
	Threshold float64
	// Subgroup is the subgroup a group recalibration or group thresholds work on.
	Subgroup string
	// Thresholds are the thresholds per group; groups not named keep Threshold.
	Thresholds map[string]float64
	// Feature is the feature to drop.
	Feature string
	// Lower and Upper bound the review band: patients scored in [Lower, Upper) go to review.
	Lower, Upper *float64
	// Label is the outcome the fixed model learns and both models are scored against.
	Label string
}

// Check validates a proposal against the lab: every problem is one field of a 422.
func (b *Built) Check(p Proposal) error {
	fields := map[string]string{}
	if !slices.Contains(b.Lab.Fixes, p.Fix) {
		fields["fix"] = errs.Reason("reason.lab_fixes", map[string]any{"Fixes": b.Lab.Fixes})
	}
	if !isRisk(p.Threshold) {
		fields["threshold"] = "must be a risk from 0 to 1"
	}
	if _, ok := fields["fix"]; !ok {
		b.checkParams(p, fields)
	}
	if len(fields) > 0 {
		return errs.Invalid(fields)
	}
	return nil
}

func (b *Built) checkParams(p Proposal, fields map[string]string) {
	switch p.Fix {
	case FixGroupRecalibration, FixGroupThresholds:
		if !slices.Contains(b.Lab.Subgroups, p.Subgroup) {
			fields["subgroup"] = errs.Reason("reason.lab_subgroups", map[string]any{"Subgroups": b.Lab.Subgroups})
		} else if p.Fix == FixGroupThresholds {
			b.checkThresholds(p, fields)
		}
	case FixDropFeature:
		if !slices.Contains(b.Models[b.Lab.Model].Features, p.Feature) {
			fields["feature"] = errs.Reason("reason.lab_features", map[string]any{"Features": b.Models[b.Lab.Model].Features})
		}
	case FixReviewBand:
		switch {
		case p.Lower == nil || p.Upper == nil:
			fields["review_band"] = "needs lower and upper"
		case !isRisk(*p.Lower) || !isRisk(*p.Upper) || *p.Lower >= *p.Upper:
			fields["review_band"] = "lower and upper must be risks from 0 to 1, lower below upper"
		case *p.Lower > p.Threshold || *p.Upper < p.Threshold:
			fields["review_band"] = "must contain the threshold"
		}
	case FixLabel:
		if p.Label != LabelReviewed {
			fields["label"] = errs.Reason("reason.lab_label", map[string]any{"Label": LabelReviewed})
		}
	}
}

func (b *Built) checkThresholds(p Proposal, fields map[string]string) {
	if len(p.Thresholds) == 0 {
		fields["thresholds"] = "name at least one group and its threshold"
	}
	names := b.groupNames(p.Subgroup)
	for g, t := range p.Thresholds {
		switch {
		case !slices.Contains(names, g):
			fields["thresholds."+g] = errs.Reason("reason.lab_not_group", map[string]any{"Subgroup": p.Subgroup, "Groups": names})
		case !isRisk(t):
			fields["thresholds."+g] = "must be a risk from 0 to 1"
		}
	}
}

func isRisk(v float64) bool { return !math.IsNaN(v) && v >= 0 && v <= 1 }
