package models

import (
	"time"

	"gorm.io/gorm"
)

// migrateLabRuns adds the prototype lab's patient cards: each learner's choice of what a card
// shows, per lab; their runs of cards in a team, with the NASA-TLX workload ratings; and one
// decision per card (held by a unique index). Runs go with the team, decisions with the run.
func migrateLabRuns(tx *gorm.DB) error {
	type team struct {
		ID string `gorm:"primaryKey;size:32"`
	}
	type labDisplay struct {
		UserID    string `gorm:"primaryKey;size:32"`
		LabSlug   string `gorm:"primaryKey;size:100"`
		Items     string `gorm:"type:text;not null"`
		UpdatedAt time.Time
	}
	type labRun struct {
		ID          string `gorm:"primaryKey;size:32"`
		UserID      string `gorm:"size:32;not null;index"`
		TeamID      string `gorm:"size:32;not null;index:idx_lab_run_team,priority:1"`
		Team        team   `gorm:"constraint:OnDelete:CASCADE"`
		LabSlug     string `gorm:"size:100;not null;index:idx_lab_run_team,priority:2"`
		Cases       string `gorm:"type:text;not null"`
		Display     string `gorm:"type:text;not null"`
		StartedAt   time.Time
		Mental      *int
		Physical    *int
		Temporal    *int
		Performance *int
		Effort      *int
		Frustration *int
		RawTLX      *float64
		RatedAt     *time.Time
	}
	type labRunDecision struct {
		ID           string `gorm:"primaryKey;size:32"`
		RunID        string `gorm:"size:32;not null;uniqueIndex:idx_lab_decision_position,priority:1"`
		Run          labRun `gorm:"constraint:OnDelete:CASCADE"`
		Position     int    `gorm:"not null;uniqueIndex:idx_lab_decision_position,priority:2"`
		CaseIndex    int    `gorm:"not null"`
		Act          bool   `gorm:"not null"`
		Milliseconds int    `gorm:"not null"`
		CreatedAt    time.Time
	}
	return tx.AutoMigrate(&labDisplay{}, &labRun{}, &labRunDecision{})
}
