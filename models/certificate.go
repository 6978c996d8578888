package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Organisation is a university or a professional society. Societies issue certificates.
type Organisation struct {
	ID        string `gorm:"primaryKey;size:32"`
	Name      string `gorm:"size:200;not null"`
	Kind      string `gorm:"size:16;not null"`
	URL       string `gorm:"size:500;not null;default:''"`
	CreatedAt time.Time
}

// Membership gives a user a role in an organisation (society_admin, instructor or member).
type Membership struct {
	OrganisationID string `gorm:"primaryKey;size:32"`
	UserID         string `gorm:"primaryKey;size:32;index"`
	Role           string `gorm:"size:32;not null"`
	CreatedAt      time.Time
}

// Programme is a society's certificate programme and what it requires.
type Programme struct {
	ID             string  `gorm:"primaryKey;size:32"`
	OrganisationID string  `gorm:"size:32;not null;index"`
	Title          string  `gorm:"size:300;not null"`
	Description    string  `gorm:"type:text;not null;default:''"`
	Tracks         string  `gorm:"type:text;not null"`
	MinQuizPercent int     `gorm:"not null"`
	Exercises      string  `gorm:"type:text;not null"`
	Credits        float64 `gorm:"not null"`
	CreditUnit     string  `gorm:"size:50;not null;default:''"`
	ValidityDays   int     `gorm:"not null"`
	CreatedBy      string  `gorm:"size:32;not null"`
	CreatedAt      time.Time
	// RetiredAt is when the society stopped issuing the programme; what it issued stays valid.
	RetiredAt *time.Time
	RetiredBy string `gorm:"size:32;not null;default:''"`
}

// Certificate is one learner's certificate of a programme. Holder name is frozen at issue; when
// the learner erases their account it is cleared and HolderErasedAt set, and the certificate
// stays verifiable without it. CredentialID is the opaque id of its Open Badges credential;
// IdentitySalt and IdentityHash are the holder's email, salted and hashed at issue, so that a
// relying party holding the email can still check whose the certificate is after erasure.
type Certificate struct {
	ID             string `gorm:"primaryKey;size:32"`
	Serial         string `gorm:"size:32;not null;uniqueIndex"`
	ProgrammeID    string `gorm:"size:32;not null;uniqueIndex:idx_certificate_holder,priority:1,where:replaced_by = ''"`
	UserID         string `gorm:"size:32;not null;uniqueIndex:idx_certificate_holder,priority:2,where:replaced_by = '';index"`
	OrganisationID string `gorm:"size:32;not null;uniqueIndex:idx_certificate_status,priority:1"`
	StatusList     string `gorm:"size:32;not null;uniqueIndex:idx_certificate_status,priority:2"`
	StatusIndex    int    `gorm:"not null;uniqueIndex:idx_certificate_status,priority:3"`
	HolderName     string `gorm:"size:200;not null"`
	IssuedBy       string `gorm:"size:32;not null"`
	IssuedAt       time.Time
	ExpiresAt      *time.Time
	RevokedAt      *time.Time
	RevokedReason  string `gorm:"type:text;not null;default:''"`
	RevokedBy      *string
	CredentialID   string `gorm:"size:45;not null;default:'';uniqueIndex:idx_certificates_credential_id"`
	IdentitySalt   string `gorm:"size:32;not null;default:''"`
	IdentityHash   string `gorm:"size:71;not null;default:''"`
	HolderErasedAt *time.Time
	// ReplacedBy is the serial of the certificate re-issued in place of this revoked one.
	ReplacedBy string `gorm:"size:32;not null;default:''"`
}

// CreateOrganisation stores an organisation and audits it.
func (s *Store) CreateOrganisation(ctx context.Context, actorID string, o *Organisation) error {
	o.ID = NewID()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(o).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "organisation.created", "organisation:"+o.ID, map[string]any{"name": o.Name, "kind": o.Kind})).Error
	})
}

// OrganisationByID returns an organisation.
func (s *Store) OrganisationByID(ctx context.Context, id string) (*Organisation, error) {
	var o Organisation
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&o).Error; err != nil {
		return nil, mapErr(err)
	}
	return &o, nil
}

// SetMembership gives a user a role in an organisation (replacing an earlier role) and audits
// the change. Replacing a role ends the user's sessions, as any role removal does.
func (s *Store) SetMembership(ctx context.Context, actorID string, m *Membership) error {
	m.CreatedAt = time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		var before []string
		if err := tx.Model(&Membership{}).Where("organisation_id = ? AND user_id = ?", m.OrganisationID, m.UserID).
			Pluck("role", &before).Error; err != nil {
			return err
		}
		// A role taken away ends the sessions whose tokens still carry it.
		if len(before) == 1 && before[0] != m.Role {
			if err := endAllSessions(tx, m.UserID); err != nil {
				return err
			}
		}
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "organisation_id"}, {Name: "user_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"role"}),
		}).Create(m).Error
		if err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "membership.role_changed", "organisation:"+m.OrganisationID,
			map[string]any{"user": m.UserID, "role": m.Role})).Error
	})
}

// MembershipRole returns the user's role in the organisation, or "".
func (s *Store) MembershipRole(ctx context.Context, orgID, userID string) (string, error) {
	var m Membership
	err := s.db.WithContext(ctx).Where("organisation_id = ? AND user_id = ?", orgID, userID).Limit(1).Find(&m).Error
	return m.Role, mapErr(err)
}

// MembershipsOf returns a user's memberships.
func (s *Store) MembershipsOf(ctx context.Context, userID string) ([]Membership, error) {
	var out []Membership
	return out, mapErr(s.db.WithContext(ctx).Where("user_id = ?", userID).Find(&out).Error)
}

// CreateProgramme stores a programme and audits it.
func (s *Store) CreateProgramme(ctx context.Context, p *Programme) error {
	p.ID = NewID()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(p).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(p.CreatedBy, "programme.created", "programme:"+p.ID, map[string]any{"title": p.Title})).Error
	})
}

// ProgrammeByID returns a programme.
func (s *Store) ProgrammeByID(ctx context.Context, id string) (*Programme, error) {
	var p Programme
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&p).Error; err != nil {
		return nil, mapErr(err)
	}
	return &p, nil
}

// Programmes returns every programme still issuing (not retired), newest first.
func (s *Store) Programmes(ctx context.Context) ([]Programme, error) {
	var out []Programme
	return out, mapErr(s.db.WithContext(ctx).Where("retired_at IS NULL").Order("created_at DESC").Find(&out).Error)
}

// Organisations returns the organisations with these ids.
func (s *Store) Organisations(ctx context.Context, ids []string) ([]Organisation, error) {
	var out []Organisation
	return out, mapErr(s.db.WithContext(ctx).Where("id IN ?", ids).Find(&out).Error)
}

// IssueCertificate stores c unless the learner already holds a certificate of the programme,
// in which case it returns that one and created false. The event and the audit entry are
// written with the certificate, in one transaction. A status index already taken (chosen at
// random by the caller) is reported as ErrConflict so the caller can draw another.
func (s *Store) IssueCertificate(ctx context.Context, c *Certificate, ev ProgressEvent) (*Certificate, bool, error) {
	return s.issue(ctx, c, ev, nil)
}

// issue runs first, when not nil, then issues c, in one transaction.
func (s *Store) issue(ctx context.Context, c *Certificate, ev ProgressEvent, first func(tx *gorm.DB) error) (*Certificate, bool, error) {
	var out *Certificate
	created := false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if first != nil {
			if err := first(tx); err != nil {
				return err
			}
		}
		var err error
		out, created, err = s.issueIn(tx, c, ev)
		return err
	})
	if err != nil {
		return nil, false, err
	}
	return out, created, nil
}

// unreplaced picks the certificates not replaced by a re-issue: at most one per learner and
// programme (the partial unique index idx_certificate_holder).
const unreplaced = "replaced_by = ''"

// issueIn is IssueCertificate within the transaction tx.
func (s *Store) issueIn(tx *gorm.DB, c *Certificate, ev ProgressEvent) (*Certificate, bool, error) {
	c.ID = NewID()
	created := false
	res := tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "programme_id"}, {Name: "user_id"}},
		TargetWhere: clause.Where{Exprs: []clause.Expression{clause.Expr{SQL: unreplaced}}}, DoNothing: true}).Create(c)
	if res.Error != nil {
		return nil, false, res.Error
	}
	if res.RowsAffected == 1 {
		created = true
		ev.ObjectID = c.Serial
		if err := s.insertEvents(tx, ev); err != nil {
			return nil, false, err
		}
		if err := tx.Create(newAudit(c.IssuedBy, "certificate.issued", "certificate:"+c.Serial,
			map[string]any{"programme": c.ProgrammeID, "holder": c.UserID})).Error; err != nil {
			return nil, false, err
		}
	}
	var out Certificate
	if err := tx.Where("programme_id = ? AND user_id = ? AND "+unreplaced, c.ProgrammeID, c.UserID).Take(&out).Error; err != nil {
		return nil, false, err
	}
	return &out, created, nil
}

// CertificateBySerial returns a certificate.
func (s *Store) CertificateBySerial(ctx context.Context, serial string) (*Certificate, error) {
	var c Certificate
	if err := s.db.WithContext(ctx).Where("serial = ?", serial).Take(&c).Error; err != nil {
		return nil, mapErr(err)
	}
	return &c, nil
}

// CertificatesOf returns a learner's certificates, newest first.
func (s *Store) CertificatesOf(ctx context.Context, userID string) ([]Certificate, error) {
	var out []Certificate
	return out, mapErr(s.db.WithContext(ctx).Where("user_id = ?", userID).Order("issued_at DESC").Find(&out).Error)
}

// CertificatesOfProgramme returns a programme's certificates, newest first.
func (s *Store) CertificatesOfProgramme(ctx context.Context, programmeID string) ([]Certificate, error) {
	var out []Certificate
	return out, mapErr(s.db.WithContext(ctx).Where("programme_id = ?", programmeID).Order("issued_at DESC, serial").Find(&out).Error)
}

// ErrAlreadyRevoked says a certificate was revoked before.
var ErrAlreadyRevoked = errors.New("already revoked")

// RevokeCertificate revokes a certificate with a reason and audits it, once.
func (s *Store) RevokeCertificate(ctx context.Context, actorID, serial, reason string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Certificate{}).Where("serial = ? AND revoked_at IS NULL", serial).
			Updates(map[string]any{"revoked_at": time.Now().UTC(), "revoked_reason": reason, "revoked_by": actorID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrAlreadyRevoked
		}
		return tx.Create(newAudit(actorID, "certificate.revoked", "certificate:"+serial, map[string]any{"reason": reason})).Error
	})
}

// RevokedCredentialIDs returns the credential ids of an issuer's revoked certificates, in a
// stable order.
func (s *Store) RevokedCredentialIDs(ctx context.Context, orgID string) ([]string, error) {
	var out []string
	err := s.db.WithContext(ctx).Model(&Certificate{}).
		Where("organisation_id = ? AND revoked_at IS NOT NULL AND credential_id <> ''", orgID).
		Order("credential_id").Pluck("credential_id", &out).Error
	return out, mapErr(err)
}

// eraseCertificateHolder removes the holder's name from their certificates, inside the erasure
// transaction; the certificates stay valid and say that their holder erased the account.
func eraseCertificateHolder(tx *gorm.DB, userID string, at time.Time) error {
	return tx.Model(&Certificate{}).Where("user_id = ? AND holder_erased_at IS NULL", userID).
		Updates(map[string]any{"holder_name": "", "holder_erased_at": at}).Error
}

// RevokedIndexes returns the status-list indexes of an issuer's revoked certificates.
func (s *Store) RevokedIndexes(ctx context.Context, orgID, list string) ([]int, error) {
	var out []int
	err := s.db.WithContext(ctx).Model(&Certificate{}).
		Where("organisation_id = ? AND status_list = ? AND revoked_at IS NOT NULL", orgID, list).
		Pluck("status_index", &out).Error
	return out, mapErr(err)
}

// RotateSigningKey retires the active key of purpose and makes k the active one, in one
// transaction; the retired key stays published so what it signed still verifies.
func (s *Store) RotateSigningKey(ctx context.Context, actorID string, k *SigningKey) error {
	now := time.Now().UTC()
	k.Active = true
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Model(&SigningKey{}).Where("purpose = ? AND active", k.Purpose).
			Updates(map[string]any{"active": false, "retired_at": now}).Error; err != nil {
			return err
		}
		if err := tx.Create(k).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "key.rotated", "key:"+k.Purpose, map[string]any{"kid": k.ID})).Error
	})
}
