package models

import (
	"context"
	"time"

	"gorm.io/gorm"
)

// LabIssue is an issue a team member logged on a prototype lab: what they saw (the snapshot),
// how severe they judged it (0–4), its suspected cause and a proposed fix.
type LabIssue struct {
	ID        string  `gorm:"primaryKey;size:32"`
	TeamID    string  `gorm:"size:32;not null;index:idx_lab_issue_team,priority:1"`
	LabSlug   string  `gorm:"size:100;not null;index:idx_lab_issue_team,priority:2"`
	AuthorID  string  `gorm:"size:32;not null"`
	Title     string  `gorm:"size:200;not null"`
	View      string  `gorm:"size:32;not null"`
	Model     string  `gorm:"size:32;not null"`
	Threshold float64 `gorm:"not null"`
	Subgroup  string  `gorm:"size:32;not null;default:''"`
	GroupName string  `gorm:"size:64;not null;default:''"`
	CaseIndex *int
	Severity  int    `gorm:"not null"`
	Cause     string `gorm:"type:text;not null"`
	Fix       string `gorm:"size:32;not null;default:''"`
	FixNote   string `gorm:"type:text;not null;default:''"`
	CreatedAt time.Time
	// Confirmations are the clinical and the technical member's ratings, one per side.
	Confirmations []LabIssueConfirmation `gorm:"foreignKey:IssueID"`
}

// LabIssueConfirmation is one side's confirmation of an issue's severity, with its own rating;
// the unique index holds one clinical and one technical confirmation per issue.
type LabIssueConfirmation struct {
	ID        string `gorm:"primaryKey;size:32"`
	IssueID   string `gorm:"size:32;not null;uniqueIndex:idx_lab_confirmation_side,priority:1"`
	Side      string `gorm:"size:16;not null;uniqueIndex:idx_lab_confirmation_side,priority:2"`
	UserID    string `gorm:"size:32;not null"`
	Severity  int    `gorm:"not null"`
	CreatedAt time.Time
}

// LabProposal is a fix a team proposed on a lab, with its parameters and the figures it
// scored on the hidden test set (both JSON).
type LabProposal struct {
	ID        string `gorm:"primaryKey;size:32"`
	TeamID    string `gorm:"size:32;not null;index:idx_lab_proposal_team,priority:1"`
	LabSlug   string `gorm:"size:100;not null;index:idx_lab_proposal_team,priority:2"`
	AuthorID  string `gorm:"size:32;not null"`
	Fix       string `gorm:"size:32;not null"`
	Params    string `gorm:"type:text;not null"`
	Outcome   string `gorm:"type:text;not null"`
	CreatedAt time.Time
}

// CreateLabIssue stores an issue and its learning events in one transaction.
func (s *Store) CreateLabIssue(ctx context.Context, issue *LabIssue, events []ProgressEvent) error {
	issue.ID, issue.CreatedAt = NewID(), time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(issue).Error; err != nil {
			return err
		}
		return s.insertEvents(tx, events...)
	})
}

func confirmationsInOrder(db *gorm.DB) *gorm.DB { return db.Order("created_at, id") }

// LabIssues returns a team's issues on a lab with their confirmations, oldest first.
func (s *Store) LabIssues(ctx context.Context, teamID, labSlug string) ([]LabIssue, error) {
	var out []LabIssue
	err := s.db.WithContext(ctx).Preload("Confirmations", confirmationsInOrder).
		Where("team_id = ? AND lab_slug = ?", teamID, labSlug).Order("created_at, id").Find(&out).Error
	return out, mapErr(err)
}

// LabIssueByID returns an issue with its confirmations.
func (s *Store) LabIssueByID(ctx context.Context, id string) (*LabIssue, error) {
	var out LabIssue
	if err := s.db.WithContext(ctx).Preload("Confirmations", confirmationsInOrder).Where("id = ?", id).Take(&out).Error; err != nil {
		return nil, mapErr(err)
	}
	return &out, nil
}

// ConfirmLabIssue stores one side's confirmation and its learning events; a side that has
// confirmed already makes it ErrConflict, and nothing is written.
func (s *Store) ConfirmLabIssue(ctx context.Context, c *LabIssueConfirmation, events []ProgressEvent) error {
	c.ID, c.CreatedAt = NewID(), time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		return s.insertEvents(tx, events...)
	})
}

// CreateLabProposal stores a scored proposal and its learning events in one transaction.
func (s *Store) CreateLabProposal(ctx context.Context, p *LabProposal, events []ProgressEvent) error {
	p.ID, p.CreatedAt = NewID(), time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(p).Error; err != nil {
			return err
		}
		return s.createEvents(tx, events, p.ID)
	})
}

// LabProposals returns a team's proposals on a lab, newest first.
func (s *Store) LabProposals(ctx context.Context, teamID, labSlug string) ([]LabProposal, error) {
	var out []LabProposal
	err := s.db.WithContext(ctx).Where("team_id = ? AND lab_slug = ?", teamID, labSlug).Order("created_at DESC, id DESC").Find(&out).Error
	return out, mapErr(err)
}
