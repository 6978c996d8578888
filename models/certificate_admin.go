package models

import (
	"context"
	"errors"
	"strings"
	"time"

	"gorm.io/gorm"
)

// CertificateQuery selects an organisation's certificates: Text found in the holder's name,
// their email or the serial; Programme and Status ("valid", "revoked", "expired") narrow it;
// Before (a certificate id) pages back.
type CertificateQuery struct {
	OrganisationID, Programme, Status, Text, Before string
	Now                                             time.Time
	Limit                                           int
}

// IssuedCertificate is a certificate with its holder's current email ("" once erased).
type IssuedCertificate struct {
	Certificate
	Email string
}

// SearchCertificates returns an organisation's certificates that match q, newest first.
func (s *Store) SearchCertificates(ctx context.Context, q CertificateQuery) ([]IssuedCertificate, error) {
	db := s.db.WithContext(ctx).Table("certificates").
		Select("certificates.*, CASE WHEN users.erased_at IS NULL THEN users.email ELSE '' END AS email").
		Joins("LEFT JOIN users ON users.id = certificates.user_id").
		Where("certificates.organisation_id = ?", q.OrganisationID).Order("certificates.id DESC").Limit(q.Limit)
	if q.Programme != "" {
		db = db.Where("certificates.programme_id = ?", q.Programme)
	}
	switch q.Status {
	case "revoked":
		db = db.Where("certificates.revoked_at IS NOT NULL")
	case "expired":
		db = db.Where("certificates.revoked_at IS NULL AND certificates.expires_at <= ?", q.Now)
	case "valid":
		db = db.Where("certificates.revoked_at IS NULL AND (certificates.expires_at IS NULL OR certificates.expires_at > ?)", q.Now)
	}
	if text := strings.ToLower(strings.TrimSpace(q.Text)); text != "" {
		like := "%" + escapeLike(text) + "%"
		db = db.Where(`(LOWER(certificates.holder_name) LIKE ? ESCAPE '\' OR (users.erased_at IS NULL AND users.email LIKE ? ESCAPE '\') OR LOWER(certificates.serial) LIKE ? ESCAPE '\')`, like, like, like)
	}
	if q.Before != "" {
		db = db.Where("certificates.id < ?", q.Before)
	}
	var out []IssuedCertificate
	return out, mapErr(db.Find(&out).Error)
}

// escapeLike escapes the wildcards of a LIKE pattern, with backslash as the escape character.
func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(s)
}

// ErrNotReplaceable says a certificate is not revoked, or was replaced already.
var ErrNotReplaceable = errors.New("certificate not replaceable")

// ReissueCertificate stores c in place of the revoked certificate with serial old, which keeps
// its serial and its revocation and names c as its replacement; the event and the audit entry
// are written with it, in one transaction. ErrNotReplaceable when old is not revoked or was
// replaced already; ErrConflict when c's serial or status index is taken.
func (s *Store) ReissueCertificate(ctx context.Context, old string, c *Certificate, ev ProgressEvent) error {
	c.ID = NewID()
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Certificate{}).Where("serial = ? AND revoked_at IS NOT NULL AND "+unreplaced, old).Update("replaced_by", c.Serial)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotReplaceable
		}
		if err := tx.Create(c).Error; err != nil {
			return err
		}
		ev.ObjectID = c.Serial
		if err := s.insertEvents(tx, ev); err != nil {
			return err
		}
		return tx.Create(newAudit(c.IssuedBy, "certificate.reissued", "certificate:"+c.Serial,
			map[string]any{"replaces": old, "programme": c.ProgrammeID, "holder": c.UserID})).Error
	})
}
