package labwork

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"tandem/auth"
	"tandem/disciplines"
	"tandem/lab"
	"tandem/spreadsheet"
)

// TeamRef names a team of the cohort being debriefed.
type TeamRef struct {
	ID   string
	Name string
}

// Debrief is the instructor's view of every team's work on a lab: each team's operating
// point (its latest proposal, original and fixed, on the hidden test set) and its issues,
// and the cohort's issues by severity and discipline.
type Debrief struct {
	Lab        string          `json:"lab"`
	Teams      []TeamDebrief   `json:"teams"`
	Severities []SeverityCount `json:"severities"`
	// Cards summarises the patient-card runs by discipline group: clinical, technical, other.
	Cards []CardSummary `json:"cards"`
}

// TeamDebrief is one team's latest proposal and issue counts. Original and Fixed are nil
// while the team has proposed nothing.
type TeamDebrief struct {
	Team      string          `json:"team"`
	Name      string          `json:"name"`
	Fix       string          `json:"fix,omitempty"`
	Threshold *float64        `json:"threshold"`
	Original  *OperatingPoint `json:"original"`
	Fixed     *OperatingPoint `json:"fixed"`
	Issues    int             `json:"issues"`
	Agreed    int             `json:"agreed"`
	Disagreed int             `json:"disagreed"`
	Pending   int             `json:"pending"`
}

// OperatingPoint is a model at its threshold on the hidden test set.
type OperatingPoint struct {
	Sensitivity *float64 `json:"sensitivity"`
	Specificity *float64 `json:"specificity"`
	PPV         *float64 `json:"ppv"`
}

// SeverityCount counts, at one severity, the issues logged by clinical and technical
// authors (at the author's severity) and each side's confirmations at that severity.
type SeverityCount struct {
	Severity           int `json:"severity"`
	LoggedClinical     int `json:"logged_clinical"`
	LoggedTechnical    int `json:"logged_technical"`
	LoggedOther        int `json:"logged_other"`
	ConfirmedClinical  int `json:"confirmed_clinical"`
	ConfirmedTechnical int `json:"confirmed_technical"`
}

// Debrief gathers the teams' work on a lab for the cohort's instructor; an unknown lab is a
// 404. The caller must be an instructor of every team named (the handler names the
// cohort's teams once it has checked the caller teaches it).
func (s *Service) Debrief(ctx context.Context, caller auth.Caller, slug string, teams []TeamRef) (*Debrief, error) {
	if _, err := s.labs.Lab(slug); err != nil {
		return nil, err
	}
	d := &Debrief{Lab: slug, Teams: []TeamDebrief{}, Cards: newCardSummaries()}
	for sev := 0; sev <= MaxSeverity; sev++ {
		d.Severities = append(d.Severities, SeverityCount{Severity: sev})
	}
	for _, t := range teams {
		proposals, err := s.Proposals(ctx, caller, t.ID, slug)
		if err != nil {
			return nil, err
		}
		issues, err := s.Issues(ctx, caller, t.ID, slug)
		if err != nil {
			return nil, err
		}
		runs, err := s.Runs(ctx, caller, t.ID, slug)
		if err != nil {
			return nil, err
		}
		for _, r := range runs {
			addRun(d.Cards, r)
		}
		td := TeamDebrief{Team: t.ID, Name: t.Name, Issues: len(issues)}
		if len(proposals) > 0 {
			p := proposals[0]
			td.Fix, td.Threshold = p.Fix, &p.Params.Threshold
			td.Original, td.Fixed = pointOf(p.Outcome.Original), pointOf(p.Outcome.Fixed)
		}
		for _, it := range issues {
			d.count(it)
			switch it.Agreement {
			case "agreed":
				td.Agreed++
			case "disagreed":
				td.Disagreed++
			default:
				td.Pending++
			}
		}
		d.Teams = append(d.Teams, td)
	}
	finishCardSummaries(d.Cards)
	return d, nil
}

func pointOf(f lab.Figures) *OperatingPoint {
	return &OperatingPoint{Sensitivity: f.Point.Sensitivity.Value, Specificity: f.Point.Specificity.Value, PPV: f.Point.PPV.Value}
}

func (d *Debrief) count(it Issue) {
	row := &d.Severities[it.Severity]
	switch disciplines.Group(it.Author.Discipline) {
	case disciplines.Clinical:
		row.LoggedClinical++
	case disciplines.Technical:
		row.LoggedTechnical++
	default:
		row.LoggedOther++
	}
	for _, c := range it.Confirmations {
		if c.Side == disciplines.Clinical {
			d.Severities[c.Severity].ConfirmedClinical++
		} else {
			d.Severities[c.Severity].ConfirmedTechnical++
		}
	}
}

// WriteCSV writes one row per team: its latest proposal's operating points on the hidden test
// set and its issue counts.
func (d *Debrief) WriteCSV(w io.Writer) error {
	cw, err := spreadsheet.NewWriter(w)
	if err != nil {
		return err
	}
	if err := cw.Write("team", "fix", "threshold", "original sensitivity", "original specificity", "original ppv",
		"fixed sensitivity", "fixed specificity", "fixed ppv", "issues", "agreed", "disagreed", "pending"); err != nil {
		return err
	}
	for _, t := range d.Teams {
		row := []string{t.Name, t.Fix, num(t.Threshold)}
		for _, p := range []*OperatingPoint{t.Original, t.Fixed} {
			if p == nil {
				p = &OperatingPoint{}
			}
			row = append(row, num(p.Sensitivity), num(p.Specificity), num(p.PPV))
		}
		row = append(row, strconv.Itoa(t.Issues), strconv.Itoa(t.Agreed), strconv.Itoa(t.Disagreed), strconv.Itoa(t.Pending))
		if err := cw.Write(row...); err != nil {
			return err
		}
	}
	return cw.Flush()
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return fmt.Sprintf("%.4f", *v)
}
