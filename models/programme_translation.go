package models

import (
	"context"
	"time"

	"gorm.io/gorm/clause"
)

// ProgrammeTranslation is a programme's title and description in one more language, written
// by its society's admins; the credential and the verification page show it to readers of
// that language.
type ProgrammeTranslation struct {
	ProgrammeID string `gorm:"primaryKey;size:32"`
	Language    string `gorm:"primaryKey;size:8"`
	Title       string `gorm:"size:300;not null"`
	Description string `gorm:"type:text;not null;default:''"`
	UpdatedAt   time.Time
}

// ProgrammeTranslations returns a programme's translations, by language.
func (s *Store) ProgrammeTranslations(ctx context.Context, programmeID string) ([]ProgrammeTranslation, error) {
	var out []ProgrammeTranslation
	err := s.conn(ctx).Where("programme_id = ?", programmeID).Order("language").Find(&out).Error
	return out, mapErr(err)
}

// SaveProgrammeTranslation writes t, replacing the programme's translation into its language.
func (s *Store) SaveProgrammeTranslation(ctx context.Context, t *ProgrammeTranslation) error {
	t.UpdatedAt = time.Now().UTC()
	err := s.conn(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "programme_id"}, {Name: "language"}},
		DoUpdates: clause.AssignmentColumns([]string{"title", "description", "updated_at"}),
	}).Create(t).Error
	return mapErr(err)
}

// DeleteProgrammeTranslation removes a programme's translation into lang, if it has one.
func (s *Store) DeleteProgrammeTranslation(ctx context.Context, programmeID, lang string) error {
	err := s.conn(ctx).Where("programme_id = ? AND language = ?", programmeID, lang).Delete(&ProgrammeTranslation{}).Error
	return mapErr(err)
}
