package models

import (
	"context"
	"time"
)

// LTIDeepLink is an instructor's LTI Deep Linking request, from their launch until they pick
// the items the platform adds to its course (once, within an hour).
type LTIDeepLink struct {
	ID             string    `gorm:"primaryKey;size:32"`
	RegistrationID string    `gorm:"size:32;not null;index"`
	UserID         string    `gorm:"size:32;not null;index"`
	DeploymentID   string    `gorm:"size:255;not null"`
	ContextID      string    `gorm:"size:255;not null;default:''"` // the course the items are added to
	ReturnURL      string    `gorm:"size:2000;not null"`
	Data           string    `gorm:"type:text;not null;default:''"`
	AcceptMultiple bool      `gorm:"not null;default:false"`
	ExpiresAt      time.Time `gorm:"not null;index"`
	UsedAt         *time.Time
	CreatedAt      time.Time
}

// TableName keeps gorm from splitting "LTIDeep" as "lt_ideep".
func (LTIDeepLink) TableName() string { return "lti_deep_links" }

// LTIDeepLinkByID returns a deep-linking request, answered or not, or ErrNotFound.
func (s *Store) LTIDeepLinkByID(ctx context.Context, id string) (*LTIDeepLink, error) {
	var d LTIDeepLink
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&d).Error; err != nil {
		return nil, mapErr(err)
	}
	return &d, nil
}

// AnswerLTIDeepLink marks a request answered; ErrTokenSpent when it was answered or expired
// first.
func (s *Store) AnswerLTIDeepLink(ctx context.Context, id string) error {
	now := time.Now().UTC()
	res := s.db.WithContext(ctx).Model(&LTIDeepLink{}).Where("id = ? AND used_at IS NULL AND expires_at > ?", id, now).Update("used_at", now)
	if res.Error != nil {
		return mapErr(res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrTokenSpent
	}
	return nil
}
