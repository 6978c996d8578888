package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// PurposeLTISession is the account token a launch hands to the browser, which trades it once
// for a session.
const PurposeLTISession = "lti_session"

// ErrLTIContextUnknown is returned for a learner's launch from a course no instructor has
// launched Tandem from yet: there is no cohort to join.
var ErrLTIContextUnknown = errors.New("lti context has no cohort yet")

// LTIRegistration is a learning platform (Moodle, Canvas, ...) registered to launch Tandem as
// an LTI 1.3 tool: its issuer, the client id it gave Tandem, the deployment ids it may launch
// from (a JSON array), and its endpoints.
type LTIRegistration struct {
	ID            string `gorm:"primaryKey;size:32"`
	Name          string `gorm:"size:200;not null"`
	Issuer        string `gorm:"size:255;not null;uniqueIndex:idx_lti_registration_client,priority:1"`
	ClientID      string `gorm:"size:255;not null;uniqueIndex:idx_lti_registration_client,priority:2"`
	DeploymentIDs string `gorm:"type:text;not null"`
	AuthURL       string `gorm:"size:1000;not null"`
	TokenURL      string `gorm:"size:1000;not null"`
	KeySetURL     string `gorm:"size:1000;not null"`
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// LTILaunchState is one launch between its login initiation and its id_token: the state
// (stored hashed) and the nonce Tandem sent the platform. It is spent by the launch, once.
// BrowserHash is the hash of the cookie the login initiation gave the browser (empty for states
// made before browsers were bound). When the platform offered its storage (a framed launch),
// StorageTarget names the platform's frame that keeps the launch's values and StorageHash is
// the hash of the secret kept there, the binding for a browser that refuses the cookie.
type LTILaunchState struct {
	StateHash      string    `gorm:"primaryKey;size:64"`
	RegistrationID string    `gorm:"size:32;not null;index"`
	Nonce          string    `gorm:"size:64;not null"`
	ExpiresAt      time.Time `gorm:"not null;index"`
	BrowserHash    string    `gorm:"size:64;not null;default:''"`
	StorageHash    string    `gorm:"size:64;not null;default:''"`
	StorageTarget  string    `gorm:"size:255;not null;default:''"`
}

// LTIAccount links a platform's user (issuer and subject) to the Tandem account made for them.
type LTIAccount struct {
	Issuer         string `gorm:"primaryKey;size:255"`
	Subject        string `gorm:"primaryKey;size:255"`
	UserID         string `gorm:"size:32;not null;uniqueIndex"`
	RegistrationID string `gorm:"size:32;not null;index"`
	CreatedAt      time.Time
}

// LTIContext links a platform's course to the cohort made on its first instructor launch.
type LTIContext struct {
	RegistrationID string `gorm:"primaryKey;size:32"`
	ContextID      string `gorm:"primaryKey;size:255"`
	CohortID       string `gorm:"size:32;not null;uniqueIndex"`
	Title          string `gorm:"size:200;not null;default:''"`
	CreatedAt      time.Time
}

// LTIRegistrations returns every registered platform, by name.
func (s *Store) LTIRegistrations(ctx context.Context) ([]LTIRegistration, error) {
	var out []LTIRegistration
	err := s.db.WithContext(ctx).Order("name, id").Find(&out).Error
	return out, mapErr(err)
}

// LTIRegistrationByID returns one registration, or ErrNotFound.
func (s *Store) LTIRegistrationByID(ctx context.Context, id string) (*LTIRegistration, error) {
	var r LTIRegistration
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&r).Error; err != nil {
		return nil, mapErr(err)
	}
	return &r, nil
}

// LTIRegistrationsOfIssuer returns the registrations of one platform issuer (one per client id).
func (s *Store) LTIRegistrationsOfIssuer(ctx context.Context, issuer string) ([]LTIRegistration, error) {
	var out []LTIRegistration
	err := s.db.WithContext(ctx).Where("issuer = ?", issuer).Order("id").Find(&out).Error
	return out, mapErr(err)
}

// SaveLTIRegistration creates r (when it has no id) or replaces the stored one, and audits
// it; ErrConflict when another registration has the same issuer and client id, ErrNotFound
// when r names none.
func (s *Store) SaveLTIRegistration(ctx context.Context, actorID string, r *LTIRegistration) error {
	action := "lti.registration_updated"
	return s.tx(ctx, func(tx *gorm.DB) error {
		if r.ID == "" {
			r.ID, action = NewID(), "lti.registration_created"
			if err := tx.Create(r).Error; err != nil {
				return err
			}
		} else {
			res := tx.Model(&LTIRegistration{}).Where("id = ?", r.ID).Updates(map[string]any{"name": r.Name, "issuer": r.Issuer,
				"client_id": r.ClientID, "deployment_ids": r.DeploymentIDs, "auth_url": r.AuthURL, "token_url": r.TokenURL,
				"key_set_url": r.KeySetURL, "updated_at": time.Now().UTC()})
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				return ErrNotFound
			}
		}
		return tx.Create(newAudit(actorID, action, "lti_registration:"+r.ID, map[string]any{"issuer": r.Issuer, "client_id": r.ClientID})).Error
	})
}

// DeleteLTIRegistration removes a registration with its pending launches, deep-linking requests,
// course links, course services, line items and scores (the cohorts and accounts stay), and
// audits it.
func (s *Store) DeleteLTIRegistration(ctx context.Context, actorID, id string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		for _, row := range []any{&LTILaunchState{}, &LTIContext{}, &LTIDeepLink{}, &LTIContextService{}, &LTILineItem{}, &LTIScore{}} {
			if err := tx.Where("registration_id = ?", id).Delete(row).Error; err != nil {
				return err
			}
		}
		res := tx.Where("id = ?", id).Delete(&LTIRegistration{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Create(newAudit(actorID, "lti.registration_deleted", "lti_registration:"+id, nil)).Error
	})
}

// CreateLTILaunchState stores the state and nonce of a login initiation.
func (s *Store) CreateLTILaunchState(ctx context.Context, st *LTILaunchState) error {
	return mapErr(s.db.WithContext(ctx).Create(st).Error)
}

// LTILaunchStateByHash returns an unexpired, unspent launch state, or ErrNotFound.
func (s *Store) LTILaunchStateByHash(ctx context.Context, hash string) (*LTILaunchState, error) {
	var st LTILaunchState
	err := s.db.WithContext(ctx).Where("state_hash = ? AND expires_at > ?", hash, time.Now().UTC()).Take(&st).Error
	if err != nil {
		return nil, mapErr(err)
	}
	return &st, nil
}

// LTIAccountOf returns the link of a platform's user to their Tandem account, or ErrNotFound.
func (s *Store) LTIAccountOf(ctx context.Context, issuer, subject string) (*LTIAccount, error) {
	var a LTIAccount
	if err := s.db.WithContext(ctx).Where("issuer = ? AND subject = ?", issuer, subject).Take(&a).Error; err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// SpendAccountToken marks t used; ErrTokenSpent when it was used or expired first.
func (s *Store) SpendAccountToken(ctx context.Context, t *AccountToken) error {
	return mapErr(spend(s.db.WithContext(ctx), t))
}
