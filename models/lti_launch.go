package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// LTILaunchRecord is a verified launch to record: the state it spends, who launched (and the
// account to make for them if they are new), from which course, in which role, and the token
// that hands the browser its session.
type LTILaunchRecord struct {
	StateHash, RegistrationID, Nonce string
	Issuer, Subject                  string
	NewUser                          *User // stored only when (Issuer, Subject) is not linked yet
	Instructor                       bool
	ContextID, ContextTitle          string
	NewCohort                        *Cohort // made on an instructor's launch from an unknown course
	Handoff                          *AccountToken
	DeepLink                         *LTIDeepLink       // stored for a deep-linking request
	Services                         *LTIContextService // what the course offers, when it offers a service
	LineItem                         *LTILineItem       // the launched item's line item, when the launch names one
}

// LTILaunchResult says whom the launch signed in and into which cohort.
type LTILaunchResult struct {
	UserID, CohortID      string
	NewAccount, NewCohort bool
}

// RecordLTILaunch spends the launch's state and, in the same transaction, links or makes the
// account, gives it its place in the course's cohort (making the cohort on an instructor's
// first launch) and stores the handoff token. ErrTokenSpent when the state was spent or
// expired; ErrConflict when a new account's email is another account's; ErrLTIContextUnknown
// for a learner from a course without a cohort. On any error nothing is stored.
func (s *Store) RecordLTILaunch(ctx context.Context, r LTILaunchRecord) (*LTILaunchResult, error) {
	var out LTILaunchResult
	err := s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("state_hash = ? AND registration_id = ? AND nonce = ? AND expires_at > ?",
			r.StateHash, r.RegistrationID, r.Nonce, time.Now().UTC()).Delete(&LTILaunchState{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrTokenSpent
		}
		if err := ltiAccount(tx, r, &out); err != nil {
			return err
		}
		if err := ltiCohort(tx, r, &out); err != nil {
			return err
		}
		r.Handoff.ID, r.Handoff.UserID = NewID(), out.UserID
		if err := tx.Create(r.Handoff).Error; err != nil {
			return err
		}
		if err := ltiServices(tx, r); err != nil {
			return err
		}
		if d := r.DeepLink; d != nil {
			d.ID, d.UserID, d.RegistrationID = NewID(), out.UserID, r.RegistrationID
			if err := tx.Create(d).Error; err != nil {
				return err
			}
		}
		return tx.Create(newAudit(out.UserID, "lti.launch", "cohort:"+out.CohortID,
			map[string]any{"registration": r.RegistrationID, "instructor": r.Instructor})).Error
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// ltiAccount finds the account linked to the launch's user or makes it, and makes an
// instructor's account an instructor's.
func ltiAccount(tx *gorm.DB, r LTILaunchRecord, out *LTILaunchResult) error {
	var link LTIAccount
	err := tx.Where("issuer = ? AND subject = ?", r.Issuer, r.Subject).Take(&link).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound):
		u := r.NewUser
		u.ID = NewID()
		if u.Dashboard == "" {
			u.Dashboard = "{}"
		}
		if err := tx.Create(u).Error; err != nil {
			return err
		}
		if err := tx.Create(&LTIAccount{Issuer: r.Issuer, Subject: r.Subject, UserID: u.ID, RegistrationID: r.RegistrationID}).Error; err != nil {
			return err
		}
		out.UserID, out.NewAccount = u.ID, true
	case err != nil:
		return err
	default:
		out.UserID = link.UserID
	}
	var u User
	if err := tx.Where("id = ? AND erased_at IS NULL", out.UserID).Take(&u).Error; err != nil {
		return err
	}
	r.Handoff.Email = u.Email
	if r.Instructor && u.Role == "learner" {
		return tx.Model(&User{}).Where("id = ?", u.ID).Update("role", "instructor").Error
	}
	return nil
}

// ltiCohort puts the launch's user in the course's cohort: an instructor teaches it (the first
// instructor makes it), a learner joins it.
func ltiCohort(tx *gorm.DB, r LTILaunchRecord, out *LTILaunchResult) error {
	var link LTIContext
	err := tx.Where("registration_id = ? AND context_id = ?", r.RegistrationID, r.ContextID).Take(&link).Error
	switch {
	case errors.Is(err, gorm.ErrRecordNotFound) && r.Instructor:
		c := r.NewCohort
		c.ID, c.OwnerID = NewID(), out.UserID
		for i := range c.Tracks {
			c.Tracks[i].CohortID = c.ID
		}
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		if err := tx.Create(&LTIContext{RegistrationID: r.RegistrationID, ContextID: r.ContextID, CohortID: c.ID, Title: r.ContextTitle}).Error; err != nil {
			return err
		}
		out.CohortID, out.NewCohort = c.ID, true
	case errors.Is(err, gorm.ErrRecordNotFound):
		return ErrLTIContextUnknown
	case err != nil:
		return err
	default:
		out.CohortID = link.CohortID
	}
	if r.Instructor {
		return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&CohortInstructor{CohortID: out.CohortID, UserID: out.UserID}).Error
	}
	_, err = addMember(tx, out.CohortID, out.UserID, time.Now().UTC())
	return err
}

// ltiServices keeps what the launch's course offers and the launched item's line item.
func ltiServices(tx *gorm.DB, r LTILaunchRecord) error {
	if cs := r.Services; cs != nil {
		cs.RegistrationID, cs.ContextID, cs.UpdatedAt = r.RegistrationID, r.ContextID, time.Now().UTC()
		err := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "registration_id"}, {Name: "context_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"line_items_url", "memberships_url", "scopes", "updated_at"})}).Create(cs).Error
		if err != nil {
			return err
		}
	}
	it := r.LineItem
	if it == nil {
		return nil
	}
	it.ID, it.RegistrationID, it.ContextID, it.CreatedAt = NewID(), r.RegistrationID, r.ContextID, time.Now().UTC()
	return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "registration_id"}, {Name: "context_id"}, {Name: "resource_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"url"})}).Create(it).Error
}
