package labwork

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/auth"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/lab"
	"tandem/models"
)

// MaxSeverity is the highest severity: 0 is no problem, 4 a danger to patients.
const MaxSeverity = 4

// maxText bounds a free-text field, in characters.
const maxText = 4000

// NewIssue is an issue as a member logs it. Severity is nil when the client sent none.
type NewIssue struct {
	Title    string
	Snapshot lab.Snapshot
	// ThresholdSet says the snapshot's threshold was sent (0 is a threshold).
	ThresholdSet bool
	Severity     *int
	Cause        string
	Fix          string
	FixNote      string
}

// Issue is an issue as the API shows it, with both sides' confirmations. Agreement is
// "pending" until a clinical and a technical member have confirmed, then "agreed" when their
// severities are equal and "disagreed" when they are not.
type Issue struct {
	ID            string         `json:"id"`
	Team          string         `json:"team"`
	Lab           string         `json:"lab"`
	Author        Author         `json:"author"`
	Title         string         `json:"title"`
	Snapshot      SnapshotView   `json:"snapshot"`
	Severity      int            `json:"severity"`
	Cause         string         `json:"cause"`
	Fix           string         `json:"fix,omitempty"`
	FixNote       string         `json:"fix_note,omitempty"`
	CreatedAt     time.Time      `json:"created_at"`
	Confirmations []Confirmation `json:"confirmations"`
	Confirmed     bool           `json:"confirmed"`
	Agreement     string         `json:"agreement"`
}

// SnapshotView is what the author saw.
type SnapshotView struct {
	View      string  `json:"view"`
	Model     string  `json:"model"`
	Threshold float64 `json:"threshold"`
	Subgroup  string  `json:"subgroup,omitempty"`
	Group     string  `json:"group,omitempty"`
	Case      *int    `json:"case,omitempty"`
}

// Confirmation is one side's rating of an issue's severity.
type Confirmation struct {
	Side      string    `json:"side"`
	By        Author    `json:"by"`
	Severity  int       `json:"severity"`
	CreatedAt time.Time `json:"created_at"`
}

// LogIssue stores a member's issue on a lab.
func (s *Service) LogIssue(ctx context.Context, caller auth.Caller, teamID, slug string, in NewIssue) (*Issue, error) {
	t, b, err := s.write(ctx, caller, teamID, slug)
	if err != nil {
		return nil, err
	}
	if in.Snapshot.Model == "" {
		in.Snapshot.Model = b.Lab.Model
	}
	if err := checkIssue(b, in); err != nil {
		return nil, err
	}
	sn := in.Snapshot
	row := &models.LabIssue{TeamID: t.ID, LabSlug: slug, AuthorID: caller.ID, Title: strings.TrimSpace(in.Title),
		View: sn.View, Model: sn.Model, Threshold: sn.Threshold, Subgroup: sn.Subgroup, GroupName: sn.Group, CaseIndex: sn.Case,
		Severity: *in.Severity, Cause: strings.TrimSpace(in.Cause), Fix: in.Fix, FixNote: strings.TrimSpace(in.FixNote)}
	if err := s.store.CreateLabIssue(ctx, row, []models.ProgressEvent{teamEvent(caller.ID, "commented", t.ID, slug, nil)}); err != nil {
		return nil, err
	}
	views, err := s.issueViews(ctx, []models.LabIssue{*row})
	if err != nil {
		return nil, err
	}
	return &views[0], nil
}

// checkIssue collects every field of in that does not fit the lab.
func checkIssue(b *lab.Built, in NewIssue) error {
	fields := b.CheckSnapshot(in.Snapshot)
	if !in.ThresholdSet {
		fields["snapshot.threshold"] = "is required: the threshold the view showed"
	}
	text := func(field, v string, max int, required bool) {
		switch n := utf8.RuneCountInString(strings.TrimSpace(v)); {
		case !utf8.ValidString(v):
			fields[field] = "must be valid text"
		case n == 0 && required:
			fields[field] = "is required"
		case n > max:
			fields[field] = errs.Reason("reason.chars_at_most", map[string]any{"Max": max})
		}
	}
	text("title", in.Title, 200, true)
	text("cause", in.Cause, maxText, true)
	text("fix_note", in.FixNote, maxText, false)
	if in.Severity == nil || *in.Severity < 0 || *in.Severity > MaxSeverity {
		fields["severity"] = errs.Reason("reason.whole_number_range", map[string]any{"Min": 0, "Max": MaxSeverity})
	}
	switch {
	case in.Fix != "" && !slices.Contains(b.Lab.Fixes, in.Fix):
		fields["fix"] = errs.Reason("reason.lab_fixes_or_note", map[string]any{"Fixes": b.Lab.Fixes})
	case in.Fix == "" && strings.TrimSpace(in.FixNote) == "":
		fields["fix"] = "propose a fix: one of the lab's open fixes, or describe it in fix_note"
	}
	if len(fields) > 0 {
		return errs.Invalid(fields)
	}
	return nil
}

// Issues lists a team's issues on a lab, oldest first, for members and instructors.
func (s *Service) Issues(ctx context.Context, caller auth.Caller, teamID, slug string) ([]Issue, error) {
	t, _, err := s.read(ctx, caller, teamID, slug)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.LabIssues(ctx, t.ID, slug)
	if err != nil {
		return nil, err
	}
	return s.issueViews(ctx, rows)
}

// Confirm records the caller's severity for an issue, for the caller's side (clinical or
// technical). Each side confirms once: a second confirmation of a side is a 409, whoever sends it.
func (s *Service) Confirm(ctx context.Context, caller auth.Caller, teamID, slug, issueID string, severity *int) (*Issue, error) {
	t, _, err := s.write(ctx, caller, teamID, slug)
	if err != nil {
		return nil, err
	}
	issue, err := s.store.LabIssueByID(ctx, issueID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && (issue.TeamID != t.ID || issue.LabSlug != slug)) {
		return nil, errs.NotFound("Issue")
	}
	if err != nil {
		return nil, err
	}
	side, err := s.sideOf(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	if severity == nil || *severity < 0 || *severity > MaxSeverity {
		return nil, errs.Invalid(map[string]string{"severity": errs.Reason("reason.whole_number_range", map[string]any{"Min": 0, "Max": MaxSeverity})})
	}
	c := &models.LabIssueConfirmation{IssueID: issue.ID, Side: side, UserID: caller.ID, Severity: *severity}
	ev := teamEvent(caller.ID, "interacted", t.ID, slug, map[string]any{"score": *severity, "max_score": MaxSeverity})
	err = s.store.ConfirmLabIssue(ctx, c, []models.ProgressEvent{ev})
	if errors.Is(err, models.ErrConflict) {
		return nil, errs.Conflict("already_confirmed", "The "+side+" side has confirmed this issue's severity already.")
	}
	if err != nil {
		return nil, err
	}
	issue.Confirmations = append(issue.Confirmations, *c)
	views, err := s.issueViews(ctx, []models.LabIssue{*issue})
	if err != nil {
		return nil, err
	}
	return &views[0], nil
}

// sideOf is the side a member confirms for: their discipline's group, clinical or technical.
func (s *Service) sideOf(ctx context.Context, userID string) (string, error) {
	users, err := s.store.UsersByIDs(ctx, []string{userID})
	if err != nil {
		return "", err
	}
	side := disciplines.Other
	if len(users) == 1 {
		side = disciplines.Group(users[0].Discipline)
	}
	if side == disciplines.Other {
		return "", errs.Forbidden("Severity is confirmed by a clinical and a technical member; your discipline is neither.")
	}
	return side, nil
}

// issueViews names the authors and confirmers of rows.
func (s *Service) issueViews(ctx context.Context, rows []models.LabIssue) ([]Issue, error) {
	var ids []string
	for _, r := range rows {
		ids = append(ids, r.AuthorID)
		for _, c := range r.Confirmations {
			ids = append(ids, c.UserID)
		}
	}
	names, err := s.authors(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]Issue, 0, len(rows))
	for _, r := range rows {
		v := Issue{ID: r.ID, Team: r.TeamID, Lab: r.LabSlug, Author: names[r.AuthorID], Title: r.Title,
			Snapshot: SnapshotView{View: r.View, Model: r.Model, Threshold: r.Threshold, Subgroup: r.Subgroup, Group: r.GroupName, Case: r.CaseIndex},
			Severity: r.Severity, Cause: r.Cause, Fix: r.Fix, FixNote: r.FixNote, CreatedAt: r.CreatedAt, Confirmations: []Confirmation{}}
		bySide := map[string]int{}
		for _, c := range r.Confirmations {
			v.Confirmations = append(v.Confirmations, Confirmation{Side: c.Side, By: names[c.UserID], Severity: c.Severity, CreatedAt: c.CreatedAt})
			bySide[c.Side] = c.Severity
		}
		clinical, hasClinical := bySide[disciplines.Clinical]
		technical, hasTechnical := bySide[disciplines.Technical]
		v.Confirmed, v.Agreement = hasClinical && hasTechnical, "pending"
		switch {
		case v.Confirmed && clinical == technical:
			v.Agreement = "agreed"
		case v.Confirmed:
			v.Agreement = "disagreed"
		}
		out = append(out, v)
	}
	return out, nil
}
