package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Offer statuses: a society's offer waits for the learner, who accepts or declines it.
const (
	OfferOpen     = "offered"
	OfferAccepted = "accepted"
	OfferDeclined = "declined"
)

// CertificateOffer is a society's offer of a programme's certificate to a learner, named by
// user id or by email (the other left empty). Nothing is issued, published or signed until
// the learner accepts.
type CertificateOffer struct {
	ID          string `gorm:"primaryKey;size:32"`
	ProgrammeID string `gorm:"size:32;not null;uniqueIndex:idx_offer_learner,priority:1"`
	UserID      string `gorm:"size:32;not null;default:'';uniqueIndex:idx_offer_learner,priority:2;index"`
	Email       string `gorm:"size:254;not null;default:'';uniqueIndex:idx_offer_learner,priority:3;index"`
	Status      string `gorm:"size:16;not null;default:offered"`
	OfferedBy   string `gorm:"size:32;not null"`
	CreatedAt   time.Time
	RespondedAt *time.Time
}

// SaveOffer records an offer and audits it, and queues the mail mailFor makes of it when the
// offer is new or open again, in one transaction. The same learner offered the same programme
// again keeps one offer, open again if they had declined it; an accepted one stays accepted,
// and one still open is not mailed again.
func (s *Store) SaveOffer(ctx context.Context, o *CertificateOffer, mailFor func(CertificateOffer) *OutboxMail) error {
	now := time.Now().UTC().Truncate(time.Microsecond) // as PostgreSQL stores it, so it can be compared on the row
	o.ID, o.Status, o.CreatedAt = NewID(), OfferOpen, now
	return s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "programme_id"}, {Name: "user_id"}, {Name: "email"}},
			DoUpdates: clause.Assignments(map[string]any{"status": OfferOpen, "offered_by": o.OfferedBy, "created_at": now, "responded_at": nil}),
			Where:     clause.Where{Exprs: []clause.Expression{clause.Eq{Column: clause.Column{Table: "certificate_offers", Name: "status"}, Value: OfferDeclined}}},
		}).Create(o).Error
		if err != nil {
			return err
		}
		var stored CertificateOffer
		if err := tx.Where("programme_id = ? AND user_id = ? AND email = ?", o.ProgrammeID, o.UserID, o.Email).Take(&stored).Error; err != nil {
			return err
		}
		*o = stored
		if o.Status == OfferOpen && o.CreatedAt.Equal(now) {
			if err := enqueueMail(tx, mailFor(stored)); err != nil {
				return err
			}
		}
		return tx.Create(newAudit(o.OfferedBy, "certificate.offered", "programme:"+o.ProgrammeID, map[string]any{"offer": o.ID})).Error
	})
}

// OpenOffers returns the open offers addressed to a learner by id or by email, newest first.
func (s *Store) OpenOffers(ctx context.Context, userID, email string) ([]CertificateOffer, error) {
	var out []CertificateOffer
	err := s.db.WithContext(ctx).Where("status = ? AND (user_id = ? OR (email = ? AND email <> ''))", OfferOpen, userID, email).
		Order("created_at DESC, id").Find(&out).Error
	return out, mapErr(err)
}

// OfferByID returns an offer.
func (s *Store) OfferByID(ctx context.Context, id string) (*CertificateOffer, error) {
	var o CertificateOffer
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&o).Error; err != nil {
		return nil, mapErr(err)
	}
	return &o, nil
}

// answerOffer closes an open offer with status within tx; ErrAnswered when it is not open.
func answerOffer(tx *gorm.DB, id, userID, status string) error {
	now := time.Now().UTC()
	res := tx.Model(&CertificateOffer{}).Where("id = ? AND status = ?", id, OfferOpen).
		Updates(map[string]any{"status": status, "responded_at": now})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return ErrAnswered
	}
	return tx.Create(newAudit(userID, "certificate.offer_"+status, "offer:"+id, nil)).Error
}

// DeclineOffer records that the learner declined an open offer; ErrAnswered when it is not open.
func (s *Store) DeclineOffer(ctx context.Context, id, userID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error { return answerOffer(tx, id, userID, OfferDeclined) })
}

// AcceptOffer closes an open offer as accepted and issues c (see IssueCertificate), in one
// transaction; ErrAnswered, with nothing issued, when the offer is not open.
func (s *Store) AcceptOffer(ctx context.Context, id, userID string, c *Certificate, ev ProgressEvent) (*Certificate, bool, error) {
	return s.issue(ctx, c, ev, func(tx *gorm.DB) error { return answerOffer(tx, id, userID, OfferAccepted) })
}

// ProgrammeApplication is a learner's latest claim of a programme's certificate, granted or
// refused, and what it showed the society: whether they were eligible and, if not, what was
// unmet (JSON). Only an application lets a society see a learner's eligibility.
type ProgrammeApplication struct {
	ProgrammeID string `gorm:"primaryKey;size:32"`
	UserID      string `gorm:"primaryKey;size:32;index"`
	Eligible    bool   `gorm:"not null"`
	Unmet       string `gorm:"type:text;not null;default:'[]'"`
	AppliedAt   time.Time
}

// SaveApplication records a learner's claim, replacing their earlier one for the programme.
func (s *Store) SaveApplication(ctx context.Context, a *ProgrammeApplication) error {
	a.AppliedAt = time.Now().UTC()
	return mapErr(s.db.WithContext(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "programme_id"}, {Name: "user_id"}},
		DoUpdates: clause.AssignmentColumns([]string{"eligible", "unmet", "applied_at"}),
	}).Create(a).Error)
}

// ApplicationsTo returns a programme's applications, latest first.
func (s *Store) ApplicationsTo(ctx context.Context, programmeID string) ([]ProgrammeApplication, error) {
	var out []ProgrammeApplication
	err := s.db.WithContext(ctx).Where("programme_id = ?", programmeID).Order("applied_at DESC, user_id").Find(&out).Error
	return out, mapErr(err)
}

// ApplicationsBy returns a learner's applications, latest first.
func (s *Store) ApplicationsBy(ctx context.Context, userID string) ([]ProgrammeApplication, error) {
	var out []ProgrammeApplication
	err := s.db.WithContext(ctx).Where("user_id = ?", userID).Order("applied_at DESC, programme_id").Find(&out).Error
	return out, mapErr(err)
}
