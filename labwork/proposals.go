package labwork

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"tandem/auth"
	"tandem/lab"
	"tandem/models"
)

// Params are a proposal's parameters as the API shows and stores them.
type Params struct {
	Threshold  float64            `json:"threshold"`
	Subgroup   string             `json:"subgroup,omitempty"`
	Thresholds map[string]float64 `json:"thresholds,omitempty"`
	Feature    string             `json:"feature,omitempty"`
	ReviewBand *Band              `json:"review_band,omitempty"`
	Label      string             `json:"label,omitempty"`
}

// Band is a review band: patients scored from Lower up to Upper go to a person.
type Band struct {
	Lower *float64 `json:"lower"`
	Upper *float64 `json:"upper"`
}

// NewProposal is a fix as a member proposes it; Threshold nil means the lab's threshold.
type NewProposal struct {
	Fix        string
	Threshold  *float64
	Subgroup   string
	Thresholds map[string]float64
	Feature    string
	ReviewBand *Band
	Label      string
}

// Proposal is a proposal with the figures it scored on the hidden test set.
type Proposal struct {
	ID        string       `json:"id"`
	Team      string       `json:"team"`
	Lab       string       `json:"lab"`
	Author    Author       `json:"author"`
	Fix       string       `json:"fix"`
	Params    Params       `json:"params"`
	Outcome   *lab.Outcome `json:"outcome"`
	CreatedAt time.Time    `json:"created_at"`
}

// Propose applies a member's fix, scores it on the lab's hidden test set and stores it with
// its figures. A proposal that does not fit the lab is a 422 and nothing is stored.
func (s *Service) Propose(ctx context.Context, caller auth.Caller, teamID, slug string, in NewProposal) (*Proposal, error) {
	t, b, err := s.write(ctx, caller, teamID, slug)
	if err != nil {
		return nil, err
	}
	params := Params{Threshold: b.Lab.Threshold, Subgroup: in.Subgroup, Thresholds: in.Thresholds, Feature: in.Feature,
		ReviewBand: in.ReviewBand, Label: in.Label}
	if in.Threshold != nil {
		params.Threshold = *in.Threshold
	}
	p := lab.Proposal{Fix: in.Fix, Threshold: params.Threshold, Subgroup: in.Subgroup, Thresholds: in.Thresholds,
		Feature: in.Feature, Label: in.Label}
	if in.ReviewBand != nil {
		p.Lower, p.Upper = in.ReviewBand.Lower, in.ReviewBand.Upper
	}
	out, err := b.Score(p)
	if err != nil {
		return nil, err
	}
	rawParams, err := json.Marshal(params)
	if err != nil {
		return nil, err
	}
	rawOutcome, err := json.Marshal(out)
	if err != nil {
		return nil, err
	}
	row := &models.LabProposal{TeamID: t.ID, LabSlug: slug, AuthorID: caller.ID, Fix: in.Fix, Params: string(rawParams), Outcome: string(rawOutcome)}
	if err := s.store.CreateLabProposal(ctx, row, []models.ProgressEvent{teamEvent(caller.ID, "submitted", t.ID, slug, nil)}); err != nil {
		return nil, err
	}
	views, err := s.proposalViews(ctx, []models.LabProposal{*row})
	if err != nil {
		return nil, err
	}
	return &views[0], nil
}

// Proposals lists a team's proposals on a lab, newest first, for members and instructors.
func (s *Service) Proposals(ctx context.Context, caller auth.Caller, teamID, slug string) ([]Proposal, error) {
	t, _, err := s.read(ctx, caller, teamID, slug)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.LabProposals(ctx, t.ID, slug)
	if err != nil {
		return nil, err
	}
	return s.proposalViews(ctx, rows)
}

func (s *Service) proposalViews(ctx context.Context, rows []models.LabProposal) ([]Proposal, error) {
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.AuthorID)
	}
	names, err := s.authors(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Proposal, 0, len(rows))
	for _, r := range rows {
		v := Proposal{ID: r.ID, Team: r.TeamID, Lab: r.LabSlug, Author: names[r.AuthorID], Fix: r.Fix, CreatedAt: r.CreatedAt}
		if err := json.Unmarshal([]byte(r.Params), &v.Params); err != nil {
			return nil, fmt.Errorf("proposal %s params: %w", r.ID, err)
		}
		if err := json.Unmarshal([]byte(r.Outcome), &v.Outcome); err != nil {
			return nil, fmt.Errorf("proposal %s outcome: %w", r.ID, err)
		}
		out = append(out, v)
	}
	return out, nil
}
