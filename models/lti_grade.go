package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Statuses of a score in the LTI grade outbox.
const (
	LTIScorePending = "pending" // waiting for its first or next try
	LTIScoreSent    = "sent"    // the platform stored it
	LTIScoreFailed  = "failed"  // refused, or out of tries: an instructor must retry it
)

// LTIContextService is what a platform's course offers Tandem, from its latest launch: the
// line items (gradebook) service, the memberships (roster) service and the scopes granted.
type LTIContextService struct {
	RegistrationID string `gorm:"primaryKey;size:32"`
	ContextID      string `gorm:"primaryKey;size:255"`
	LineItemsURL   string `gorm:"size:1000;not null;default:''"`
	MembershipsURL string `gorm:"size:1000;not null;default:''"`
	Scopes         string `gorm:"type:text;not null;default:''"` // space-separated
	UpdatedAt      time.Time
}

// TableName names the table as its migration did.
func (LTIContextService) TableName() string { return "lti_context_services" }

// LTILineItem is a column of a platform course's gradebook that Tandem publishes scores to,
// for one quiz, module or exercise (ResourceID "quiz:<slug>" and so on). URL is empty until
// the platform's launch names it or Tandem finds or creates it through the line items service.
type LTILineItem struct {
	ID             string  `gorm:"primaryKey;size:32"`
	RegistrationID string  `gorm:"size:32;not null;uniqueIndex:idx_lti_line_item,priority:1"`
	ContextID      string  `gorm:"size:255;not null;uniqueIndex:idx_lti_line_item,priority:2"`
	ResourceID     string  `gorm:"size:200;not null;uniqueIndex:idx_lti_line_item,priority:3"`
	Label          string  `gorm:"size:200;not null"`
	ScoreMaximum   float64 `gorm:"not null"`
	URL            string  `gorm:"size:1000;not null;default:''"`
	CreatedAt      time.Time
}

// TableName names the table as its migration did.
func (LTILineItem) TableName() string { return "lti_line_items" }

// LTIGradeCursor is how far the score publisher has read the learning events (an event id) or
// the peer ratings (the time of a change).
type LTIGradeCursor struct {
	Name    string `gorm:"primaryKey;size:32"`
	EventID string `gorm:"size:32;not null"`
}

// TableName names the table as its migration did.
func (LTIGradeCursor) TableName() string { return "lti_grade_cursors" }

// SaveLTIContextService records what a course's latest launch offers.
func (s *Store) SaveLTIContextService(ctx context.Context, cs *LTIContextService) error {
	cs.UpdatedAt = time.Now().UTC()
	return mapErr(s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "registration_id"}, {Name: "context_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"line_items_url", "memberships_url", "scopes", "updated_at"}),
	}).Create(cs).Error)
}

// LTIContextServiceOf returns what a course offers, or ErrNotFound.
func (s *Store) LTIContextServiceOf(ctx context.Context, registrationID, contextID string) (*LTIContextService, error) {
	var cs LTIContextService
	err := s.db.WithContext(ctx).Where("registration_id = ? AND context_id = ?", registrationID, contextID).Take(&cs).Error
	if err != nil {
		return nil, mapErr(err)
	}
	return &cs, nil
}

// LTIContextOfCohort returns the platform course a cohort is linked to, or ErrNotFound.
func (s *Store) LTIContextOfCohort(ctx context.Context, cohortID string) (*LTIContext, error) {
	var c LTIContext
	if err := s.db.WithContext(ctx).Where("cohort_id = ?", cohortID).Take(&c).Error; err != nil {
		return nil, mapErr(err)
	}
	return &c, nil
}

// AddLTILineItems stores line items; one that exists keeps its row, and takes the given URL
// when it has one.
func (s *Store) AddLTILineItems(ctx context.Context, items []LTILineItem) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		for i := range items {
			it := &items[i]
			it.ID, it.CreatedAt = NewID(), time.Now().UTC()
			if err := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(it).Error; err != nil {
				return err
			}
			if it.URL == "" {
				continue
			}
			if err := tx.Model(&LTILineItem{}).Where("registration_id = ? AND context_id = ? AND resource_id = ?",
				it.RegistrationID, it.ContextID, it.ResourceID).Update("url", it.URL).Error; err != nil {
				return err
			}
		}
		return nil
	})
}

// LTILineItemOf returns a course's line item for a resource, or ErrNotFound.
func (s *Store) LTILineItemOf(ctx context.Context, registrationID, contextID, resourceID string) (*LTILineItem, error) {
	var it LTILineItem
	err := s.db.WithContext(ctx).Where("registration_id = ? AND context_id = ? AND resource_id = ?", registrationID, contextID, resourceID).Take(&it).Error
	if err != nil {
		return nil, mapErr(err)
	}
	return &it, nil
}

// SetLTILineItemURL records where the platform keeps a line item.
func (s *Store) SetLTILineItemURL(ctx context.Context, id, url string) error {
	return mapErr(s.db.WithContext(ctx).Model(&LTILineItem{}).Where("id = ?", id).Update("url", url).Error)
}
