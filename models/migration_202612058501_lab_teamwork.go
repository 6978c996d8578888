package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateLabTeamwork adds a team's work on the prototype labs: the issues its members log,
// the clinical and technical confirmations of their severity (one per side, held by a unique
// index), and the fixes it proposes with the figures they scored on the hidden test set. A
// team's lab work goes with the team.
func migrateLabTeamwork(tx *gorm.DB) error {
	type team struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type labIssue struct {
		ID        string  `gorm:"primaryKey;size:32"`
		TeamID    string  `gorm:"size:32;not null;index:idx_lab_issue_team,priority:1"`
		Team      team    `gorm:"constraint:OnDelete:CASCADE"`
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
	}
	type labIssueConfirmation struct {
		ID        string   `gorm:"primaryKey;size:32"`
		IssueID   string   `gorm:"size:32;not null;uniqueIndex:idx_lab_confirmation_side,priority:1"`
		Issue     labIssue `gorm:"constraint:OnDelete:CASCADE"`
		Side      string   `gorm:"size:16;not null;uniqueIndex:idx_lab_confirmation_side,priority:2"`
		UserID    string   `gorm:"size:32;not null"`
		Severity  int      `gorm:"not null"`
		CreatedAt time.Time
	}
	type labProposal struct {
		ID        string `gorm:"primaryKey;size:32"`
		TeamID    string `gorm:"size:32;not null;index:idx_lab_proposal_team,priority:1"`
		Team      team   `gorm:"constraint:OnDelete:CASCADE"`
		LabSlug   string `gorm:"size:100;not null;index:idx_lab_proposal_team,priority:2"`
		AuthorID  string `gorm:"size:32;not null"`
		Fix       string `gorm:"size:32;not null"`
		Params    string `gorm:"type:text;not null"`
		Outcome   string `gorm:"type:text;not null"`
		CreatedAt time.Time
	}
	return tx.AutoMigrate(&labIssue{}, &labIssueConfirmation{}, &labProposal{})
}
