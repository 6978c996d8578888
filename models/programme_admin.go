package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
)

// ProgrammesOf returns an organisation's programmes, retired ones too, newest first.
func (s *Store) ProgrammesOf(ctx context.Context, orgID string) ([]Programme, error) {
	var out []Programme
	return out, mapErr(s.db.WithContext(ctx).Where("organisation_id = ?", orgID).Order("created_at DESC, id").Find(&out).Error)
}

// CertificateCounts returns how many certificates each of these programmes has issued,
// revoked and replaced ones included, by programme id.
func (s *Store) CertificateCounts(ctx context.Context, programmeIDs []string) (map[string]int, error) {
	var rows []struct {
		ProgrammeID string
		N           int
	}
	err := s.db.WithContext(ctx).Model(&Certificate{}).Select("programme_id, COUNT(*) AS n").
		Where("programme_id IN ?", programmeIDs).Group("programme_id").Find(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.ProgrammeID] = r.N
	}
	return out, mapErr(err)
}

// ErrRetired says a programme was retired before.
var ErrRetired = errors.New("programme retired")

// UpdateProgramme stores a programme's new title, description and requirements, and audits
// the fields that changed; ErrRetired once it is retired.
func (s *Store) UpdateProgramme(ctx context.Context, actorID string, p *Programme, changed []string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Programme{}).Where("id = ? AND retired_at IS NULL", p.ID).Updates(map[string]any{
			"title": p.Title, "description": p.Description, "tracks": p.Tracks, "min_quiz_percent": p.MinQuizPercent,
			"exercises": p.Exercises, "credits": p.Credits, "credit_unit": p.CreditUnit, "validity_days": p.ValidityDays})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrRetired
		}
		return tx.Create(newAudit(actorID, "programme.updated", "programme:"+p.ID, map[string]any{"changed": changed})).Error
	})
}

// RetireProgramme stops a programme issuing and audits it; ErrRetired when it was retired
// before.
func (s *Store) RetireProgramme(ctx context.Context, actorID, id string) (time.Time, error) {
	now := time.Now().UTC().Truncate(time.Second)
	return now, s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&Programme{}).Where("id = ? AND retired_at IS NULL", id).Updates(map[string]any{"retired_at": now, "retired_by": actorID})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrRetired
		}
		return tx.Create(newAudit(actorID, "programme.retired", "programme:"+id, map[string]any{})).Error
	})
}
