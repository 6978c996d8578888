package labwork

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"tandem/auth"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/lab"
)

// fixNames are the fixes as a submission names them.
var fixNames = map[string]string{
	lab.FixRecalibration: "Recalibrate the model", lab.FixGroupRecalibration: "Recalibrate each group of a subgroup",
	lab.FixGroupThresholds: "A threshold per group", lab.FixDropFeature: "Drop a feature and refit",
	lab.FixReviewBand: "A human-review band around the threshold", lab.FixLabel: "Learn the reviewed label",
}

// Submission is a team's lab work as a version of its exercise: the exercise the lab serves
// and the Markdown that holds the proposal, its test-set figures and the issue log.
type Submission struct {
	Exercise string
	Markdown string
}

// Submission writes up a member's chosen proposal with the team's issue log, for the lab's
// exercise. A proposal that is not the team's on this lab is a 422 on the field "proposal".
func (s *Service) Submission(ctx context.Context, caller auth.Caller, teamID, slug, proposalID string) (*Submission, error) {
	t, b, err := s.write(ctx, caller, teamID, slug)
	if err != nil {
		return nil, err
	}
	proposals, err := s.Proposals(ctx, caller, t.ID, slug)
	if err != nil {
		return nil, err
	}
	var chosen *Proposal
	for i := range proposals {
		if proposals[i].ID == proposalID {
			chosen = &proposals[i]
		}
	}
	if chosen == nil {
		return nil, errs.Invalid(map[string]string{"proposal": "must be one of the team's proposals on this lab"})
	}
	issues, err := s.Issues(ctx, caller, t.ID, slug)
	if err != nil {
		return nil, err
	}
	var md strings.Builder
	fmt.Fprintf(&md, "## Prototype lab: %s\n\n", b.Lab.Title)
	fmt.Fprintf(&md, "**Proposed fix:** %s (%s), proposed by %s.\n\n", fixNames[chosen.Fix], paramsText(chosen.Params), cell(chosen.Author.Name))
	writeFigures(&md, chosen.Outcome)
	writeIssues(&md, issues)
	return &Submission{Exercise: b.Lab.Exercise.Slug, Markdown: md.String()}, nil
}

func paramsText(p Params) string {
	parts := []string{"threshold " + percent(p.Threshold)}
	if p.Subgroup != "" {
		parts = append(parts, "subgroup "+p.Subgroup)
	}
	for _, g := range slices.Sorted(maps.Keys(p.Thresholds)) {
		parts = append(parts, fmt.Sprintf("%s at %s", g, percent(p.Thresholds[g])))
	}
	if p.Feature != "" {
		parts = append(parts, "without "+p.Feature)
	}
	if p.ReviewBand != nil && p.ReviewBand.Lower != nil && p.ReviewBand.Upper != nil {
		parts = append(parts, fmt.Sprintf("review from %s to %s", percent(*p.ReviewBand.Lower), percent(*p.ReviewBand.Upper)))
	}
	if p.Label != "" {
		parts = append(parts, p.Label+" label")
	}
	return strings.Join(parts, ", ")
}

func writeFigures(md *strings.Builder, o *lab.Outcome) {
	fmt.Fprintf(md, "### Hidden test set: %d patients, %s label\n\n| Measure | Original | Fixed |\n| --- | ---: | ---: |\n", o.Original.N, o.Label)
	rows := []struct {
		name string
		of   func(lab.Figures) string
	}{
		{"Patients the model decides", func(f lab.Figures) string { return fmt.Sprint(f.Point.N) }},
		{"AUROC", func(f lab.Figures) string { return fmt.Sprintf("%.3f", f.AUROC) }},
		{"Sensitivity", func(f lab.Figures) string { return rate(f.Point.Sensitivity.Value) }},
		{"Specificity", func(f lab.Figures) string { return rate(f.Point.Specificity.Value) }},
		{"Positive predictive value", func(f lab.Figures) string { return rate(f.Point.PPV.Value) }},
		{"Alerts per 10 beds per 12-hour shift", func(f lab.Figures) string { return fmt.Sprintf("%.1f", f.Point.AlertsPerShift) }},
		{"Net benefit per 100 patients", func(f lab.Figures) string { return fmt.Sprintf("%.2f", f.Point.NetBenefit*100) }},
		{"Mean predicted risk / event rate", func(f lab.Figures) string {
			return percent(f.Calibration.Expected) + " / " + percent(f.Calibration.Observed)
		}},
	}
	for _, r := range rows {
		fmt.Fprintf(md, "| %s | %s | %s |\n", r.name, r.of(o.Original), r.of(o.Fixed))
	}
	if o.Review != nil {
		fmt.Fprintf(md, "\nThe review band sends %d of %d patients to a person: about %.1f reviews per 10 beds per 12-hour shift.\n",
			o.Review.Cases.Num, o.Review.Cases.Den, o.Review.PerShift)
	}
	md.WriteString("\n")
}

func writeIssues(md *strings.Builder, issues []Issue) {
	fmt.Fprintf(md, "### Issue log: %d issues\n\n", len(issues))
	if len(issues) == 0 {
		return
	}
	md.WriteString("| Issue | Severity | Clinical | Technical | Agreement | Suspected cause | Proposed fix |\n| --- | ---: | ---: | ---: | --- | --- | --- |\n")
	for _, it := range issues {
		side := map[string]string{disciplines.Clinical: "–", disciplines.Technical: "–"}
		for _, c := range it.Confirmations {
			side[c.Side] = fmt.Sprint(c.Severity)
		}
		fix := strings.TrimSpace(strings.Join([]string{fixNames[it.Fix], it.FixNote}, ". "))
		fmt.Fprintf(md, "| %s | %d | %s | %s | %s | %s | %s |\n", cell(it.Title), it.Severity, side[disciplines.Clinical], side[disciplines.Technical],
			it.Agreement, cell(it.Cause), cell(strings.Trim(fix, ". ")))
	}
}

// cell makes text safe inside a Markdown table cell: one line, pipes escaped.
func cell(s string) string {
	return strings.ReplaceAll(strings.Join(strings.Fields(s), " "), "|", `\|`)
}

func percent(v float64) string { return fmt.Sprintf("%.1f%%", v*100) }

func rate(v *float64) string {
	if v == nil {
		return "–"
	}
	return percent(*v)
}
