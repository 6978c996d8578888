package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ErrOutOfTurn is a decision on a card other than the run's next one.
var ErrOutOfTurn = errors.New("not the next card")

// LabDisplay is a learner's choice of what a lab's patient cards show, in order (a JSON list
// of card parts); one per learner and lab.
type LabDisplay struct {
	UserID    string `gorm:"primaryKey;size:32"`
	LabSlug   string `gorm:"primaryKey;size:100"`
	Items     string `gorm:"type:text;not null"`
	UpdatedAt time.Time
}

// LabRun is one learner's run of a lab's patient cards, in a team: the validation patients it
// shows (a JSON list of positions), the display it started with (a JSON list), and, once every
// card is decided, the learner's NASA-TLX workload ratings (raw TLX: their unweighted mean).
type LabRun struct {
	ID          string `gorm:"primaryKey;size:32"`
	UserID      string `gorm:"size:32;not null;index"`
	TeamID      string `gorm:"size:32;not null;index:idx_lab_run_team,priority:1"`
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
	// Decisions are the run's decisions by position.
	Decisions []LabRunDecision `gorm:"foreignKey:RunID"`
}

// LabRunDecision is a learner's decision on one card of a run: act on the patient or not,
// and how long the card was in front of them. The unique index holds one per card.
type LabRunDecision struct {
	ID           string `gorm:"primaryKey;size:32"`
	RunID        string `gorm:"size:32;not null;uniqueIndex:idx_lab_decision_position,priority:1"`
	Position     int    `gorm:"not null;uniqueIndex:idx_lab_decision_position,priority:2"`
	CaseIndex    int    `gorm:"not null"`
	Act          bool   `gorm:"not null"`
	Milliseconds int    `gorm:"not null"`
	CreatedAt    time.Time
}

// LabWorkload is a run's six NASA-TLX ratings, each 0–100.
type LabWorkload struct {
	Mental, Physical, Temporal, Performance, Effort, Frustration int
}

// LabDisplayOf returns a learner's display for a lab, or ErrNotFound when they have not chosen.
func (s *Store) LabDisplayOf(ctx context.Context, userID, labSlug string) (*LabDisplay, error) {
	var d LabDisplay
	if err := s.db.WithContext(ctx).Where("user_id = ? AND lab_slug = ?", userID, labSlug).Take(&d).Error; err != nil {
		return nil, mapErr(err)
	}
	return &d, nil
}

// SaveLabDisplay stores a learner's display for a lab, replacing the one before.
func (s *Store) SaveLabDisplay(ctx context.Context, d *LabDisplay) error {
	d.UpdatedAt = time.Now().UTC()
	return mapErr(s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "user_id"}, {Name: "lab_slug"}},
		DoUpdates: clause.AssignmentColumns([]string{"items", "updated_at"}),
	}).Create(d).Error)
}

// CreateLabRun stores a new run and its learning events in one transaction.
func (s *Store) CreateLabRun(ctx context.Context, r *LabRun, events []ProgressEvent) error {
	r.ID, r.StartedAt = NewID(), time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(r).Error; err != nil {
			return err
		}
		return s.createEvents(tx, events, r.ID)
	})
}

func decisionsInOrder(db *gorm.DB) *gorm.DB { return db.Order("position") }

// LabRunByID returns a run with its decisions.
func (s *Store) LabRunByID(ctx context.Context, id string) (*LabRun, error) {
	var r LabRun
	if err := s.db.WithContext(ctx).Preload("Decisions", decisionsInOrder).Where("id = ?", id).Take(&r).Error; err != nil {
		return nil, mapErr(err)
	}
	return &r, nil
}

// LabRuns returns a team's runs of a lab with their decisions, oldest first: one learner's
// when userID is given, everyone's when it is "".
func (s *Store) LabRuns(ctx context.Context, teamID, labSlug, userID string) ([]LabRun, error) {
	q := s.db.WithContext(ctx).Preload("Decisions", decisionsInOrder).Where("team_id = ? AND lab_slug = ?", teamID, labSlug)
	if userID != "" {
		q = q.Where("user_id = ?", userID)
	}
	var out []LabRun
	return out, mapErr(q.Order("started_at, id").Find(&out).Error)
}

// DecideLabCase stores a decision and its learning events. The decision must be on the run's
// next card (ErrOutOfTurn otherwise); a card decided already is ErrConflict. Nothing is
// written on either.
func (s *Store) DecideLabCase(ctx context.Context, d *LabRunDecision, events []ProgressEvent) error {
	d.ID, d.CreatedAt = NewID(), time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		var decided int64
		if err := tx.Model(&LabRunDecision{}).Where("run_id = ?", d.RunID).Count(&decided).Error; err != nil {
			return err
		}
		if int(decided) > d.Position {
			return ErrConflict
		}
		if int(decided) < d.Position {
			return ErrOutOfTurn
		}
		if err := tx.Create(d).Error; err != nil {
			return err
		}
		return s.createEvents(tx, events, "")
	})
}

// RateLabRun stores a run's workload ratings and raw TLX once, with its learning events; a
// run rated already is ErrConflict and nothing is written.
func (s *Store) RateLabRun(ctx context.Context, runID string, w LabWorkload, rawTLX float64, events []ProgressEvent) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&LabRun{}).Where("id = ? AND raw_tlx IS NULL", runID).Updates(map[string]any{
			"mental": w.Mental, "physical": w.Physical, "temporal": w.Temporal, "performance": w.Performance,
			"effort": w.Effort, "frustration": w.Frustration, "raw_tlx": rawTLX, "rated_at": time.Now().UTC()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		return s.createEvents(tx, events, "")
	})
}
