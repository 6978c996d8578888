package lab

import (
	"slices"

	"tandem/errs"
)

// Snapshot is what a learner saw when they logged an issue: a view of the lab, the model and
// threshold, optionally a subgroup (and one of its groups) and one validation patient, by
// position in the validation data (Case).
type Snapshot struct {
	View      string
	Model     string
	Threshold float64
	Subgroup  string
	Group     string
	Case      *int
}

// CheckSnapshot returns a message per field of s that does not fit the lab, keyed
// "snapshot.<field>".
func (b *Built) CheckSnapshot(s Snapshot) map[string]string {
	fields := map[string]string{}
	if !slices.Contains(b.Lab.Views, s.View) {
		fields["snapshot.view"] = errs.Reason("reason.lab_views", map[string]any{"Views": b.Lab.Views})
	}
	if _, ok := b.Models[s.Model]; !ok {
		fields["snapshot.model"] = errs.Reason("reason.lab_models", map[string]any{"Models": b.ModelNames()})
	}
	if !isRisk(s.Threshold) {
		fields["snapshot.threshold"] = "must be a risk from 0 to 1"
	}
	switch {
	case s.Subgroup != "" && !slices.Contains(b.Lab.Subgroups, s.Subgroup):
		fields["snapshot.subgroup"] = errs.Reason("reason.lab_subgroups", map[string]any{"Subgroups": b.Lab.Subgroups})
	case s.Subgroup == "" && s.Group != "":
		fields["snapshot.group"] = "needs a subgroup"
	case s.Group != "" && !slices.Contains(b.groupNames(s.Subgroup), s.Group):
		fields["snapshot.group"] = errs.Reason("reason.rule_oneof", map[string]any{"Choices": b.groupNames(s.Subgroup)})
	}
	if s.Case != nil && (*s.Case < 0 || *s.Case >= len(b.validation)) {
		fields["snapshot.case"] = errs.Reason("reason.lab_case", map[string]any{"Max": len(b.validation) - 1})
	}
	return fields
}
