package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Invitation statuses. An invitation is pending until the person answers it, the instructors
// withdraw it, or, once accepted, the learner leaves the cohort.
const (
	InvitationPending  = "pending"
	InvitationAccepted = "accepted"
	InvitationDeclined = "declined"
	InvitationRevoked  = "revoked"
	InvitationLeft     = "left"
)

// ErrExpired says a token or code is past its expiry; ErrAnswered that it was used already.
var (
	ErrExpired  = errors.New("expired")
	ErrAnswered = errors.New("already answered")
)

// CohortInvitation asks someone, by email, to join a cohort; one per cohort and address. The
// token mailed to them is stored as its SHA-256. Nothing here says whether the address
// belongs to an account: that is learnt only when someone answers.
type CohortInvitation struct {
	ID          string  `gorm:"primaryKey;size:32"`
	CohortID    string  `gorm:"size:32;not null;uniqueIndex:idx_invitation_email,priority:1"`
	Email       string  `gorm:"size:254;not null;uniqueIndex:idx_invitation_email,priority:2;index"` // lower-cased
	EmailTyped  string  `gorm:"size:254;not null"`                                                   // as the instructor typed it
	Name        string  `gorm:"size:200;not null;default:''"`                                        // for the mail's greeting only
	TokenHash   string  `gorm:"size:64;not null;uniqueIndex"`
	Status      string  `gorm:"size:16;not null;default:pending"`
	InvitedBy   string  `gorm:"size:32;not null"`
	UserID      *string `gorm:"size:32;index"` // who answered
	CreatedAt   time.Time
	ExpiresAt   time.Time
	RespondedAt *time.Time
}

// SaveInvitations writes invitations to a cohort and queues, for each that is now pending
// with its new token, the mail mailFor makes of it, in one transaction. An address invited
// before gets a fresh token and expiry, unless its invitation was accepted: that learner is in
// the cohort already, and is mailed nothing.
func (s *Store) SaveInvitations(ctx context.Context, actorID, cohortID string, rows []CohortInvitation, mailFor func(CohortInvitation) *OutboxMail) error {
	now := time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		var mails []*OutboxMail
		for _, r := range rows {
			r.ID, r.CohortID, r.InvitedBy, r.Status, r.CreatedAt, r.UserID, r.RespondedAt = NewID(), cohortID, actorID, InvitationPending, now, nil, nil
			res := tx.Clauses(clause.OnConflict{
				Columns: []clause.Column{{Name: "cohort_id"}, {Name: "email"}},
				DoUpdates: clause.Assignments(map[string]any{"email_typed": r.EmailTyped, "name": r.Name, "token_hash": r.TokenHash,
					"status": InvitationPending, "invited_by": actorID, "user_id": nil, "created_at": now, "expires_at": r.ExpiresAt, "responded_at": nil}),
				Where: clause.Where{Exprs: []clause.Expression{clause.Neq{Column: clause.Column{Table: "cohort_invitations", Name: "status"}, Value: InvitationAccepted}}},
			}).Create(&r)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 1 {
				mails = append(mails, mailFor(r))
			}
		}
		if err := enqueueMail(tx, mails...); err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "cohort.invited", "cohort:"+cohortID, map[string]any{"invitations": len(rows)})).Error
	})
}

// CohortInvitations returns every invitation of a cohort that is not withdrawn, oldest first.
func (s *Store) CohortInvitations(ctx context.Context, cohortID string) ([]CohortInvitation, error) {
	var out []CohortInvitation
	err := s.db.WithContext(ctx).Where("cohort_id = ? AND status <> ?", cohortID, InvitationRevoked).Order("created_at, id").Find(&out).Error
	return out, mapErr(err)
}

// InvitationByID returns an invitation.
func (s *Store) InvitationByID(ctx context.Context, id string) (*CohortInvitation, error) {
	var inv CohortInvitation
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&inv).Error; err != nil {
		return nil, mapErr(err)
	}
	return &inv, nil
}

// InvitationByTokenHash returns the invitation whose token hashes to hash.
func (s *Store) InvitationByTokenHash(ctx context.Context, hash string) (*CohortInvitation, error) {
	var inv CohortInvitation
	if err := s.db.WithContext(ctx).Where("token_hash = ?", hash).Take(&inv).Error; err != nil {
		return nil, mapErr(err)
	}
	return &inv, nil
}

// PendingInvitations returns the pending, unexpired invitations addressed to email, newest first.
func (s *Store) PendingInvitations(ctx context.Context, email string, now time.Time) ([]CohortInvitation, error) {
	var out []CohortInvitation
	err := s.db.WithContext(ctx).Where("email = ? AND status = ? AND expires_at > ?", email, InvitationPending, now).
		Order("created_at DESC, id").Find(&out).Error
	return out, mapErr(err)
}

// AnswerInvitation records userID's answer to a pending invitation; accepting makes them a
// member from now on. ErrExpired or ErrAnswered, with nothing changed, when it is not pending
// any more; ErrNotFound when it does not exist. One transaction.
func (s *Store) AnswerInvitation(ctx context.Context, id, userID string, accept bool) error {
	now := time.Now().UTC()
	status, action := InvitationDeclined, "cohort.invitation_declined"
	if accept {
		status, action = InvitationAccepted, "cohort.joined"
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&CohortInvitation{}).Where("id = ? AND status = ? AND expires_at > ?", id, InvitationPending, now).
			Updates(map[string]any{"status": status, "user_id": userID, "responded_at": now})
		if res.Error != nil {
			return res.Error
		}
		var inv CohortInvitation
		if err := tx.Where("id = ?", id).Take(&inv).Error; err != nil {
			return err
		}
		if res.RowsAffected == 0 {
			if inv.Status == InvitationPending {
				return ErrExpired
			}
			return ErrAnswered
		}
		if accept {
			if _, err := addMember(tx, inv.CohortID, userID, now); err != nil {
				return err
			}
		}
		return tx.Create(newAudit(userID, action, "cohort:"+inv.CohortID, map[string]any{"invitation": id})).Error
	})
}

// addMember makes userID a member of a cohort from now and reports whether they were not one
// already; a member already keeps their date.
func addMember(tx *gorm.DB, cohortID, userID string, now time.Time) (bool, error) {
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&CohortMember{CohortID: cohortID, UserID: userID, AddedAt: now})
	if res.Error != nil || res.RowsAffected == 0 {
		return false, res.Error
	}
	return true, resummarise(tx, userID)
}

// RevokeInvitation withdraws an invitation of a cohort that was not accepted, so its token
// stops working and the instructors' list forgets it; withdrawing again changes nothing.
// ErrNotFound when there is none such.
func (s *Store) RevokeInvitation(ctx context.Context, actorID, cohortID, id string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&CohortInvitation{}).Where("id = ? AND cohort_id = ? AND status IN ?", id, cohortID,
			[]string{InvitationPending, InvitationDeclined, InvitationLeft, InvitationRevoked}).Update("status", InvitationRevoked)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Create(newAudit(actorID, "cohort.invitation_revoked", "cohort:"+cohortID, map[string]any{"invitation": id})).Error
	})
}
