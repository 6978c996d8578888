package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// CohortJoinCode lets whoever an instructor gives the code join the cohort until it expires;
// one per cohort. The code is stored as its SHA-256, so it is shown once, when made.
type CohortJoinCode struct {
	CohortID  string `gorm:"primaryKey;size:32"`
	CodeHash  string `gorm:"size:64;not null;uniqueIndex"`
	CreatedBy string `gorm:"size:32;not null"`
	CreatedAt time.Time
	ExpiresAt time.Time
}

// SetJoinCode gives a cohort a new join code, replacing the one it had, and audits it.
func (s *Store) SetJoinCode(ctx context.Context, code *CohortJoinCode) error {
	code.CreatedAt = time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "cohort_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"code_hash", "created_by", "created_at", "expires_at"}),
		}).Create(code).Error
		if err != nil {
			return err
		}
		return tx.Create(newAudit(code.CreatedBy, "cohort.join_code_set", "cohort:"+code.CohortID,
			map[string]any{"expires_at": code.ExpiresAt})).Error
	})
}

// DeleteJoinCode withdraws a cohort's join code, if it has one.
func (s *Store) DeleteJoinCode(ctx context.Context, actorID, cohortID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("cohort_id = ?", cohortID).Delete(&CohortJoinCode{})
		if res.Error != nil || res.RowsAffected == 0 {
			return res.Error
		}
		return tx.Create(newAudit(actorID, "cohort.join_code_revoked", "cohort:"+cohortID, nil)).Error
	})
}

// JoinCodeOf returns a cohort's join code, or nil when it has none.
func (s *Store) JoinCodeOf(ctx context.Context, cohortID string) (*CohortJoinCode, error) {
	var out []CohortJoinCode
	if err := s.db.WithContext(ctx).Where("cohort_id = ?", cohortID).Limit(1).Find(&out).Error; err != nil {
		return nil, mapErr(err)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return &out[0], nil
}

// JoinCodeByHash returns the join code whose code hashes to hash.
func (s *Store) JoinCodeByHash(ctx context.Context, hash string) (*CohortJoinCode, error) {
	var c CohortJoinCode
	if err := s.db.WithContext(ctx).Where("code_hash = ?", hash).Take(&c).Error; err != nil {
		return nil, mapErr(err)
	}
	return &c, nil
}

// JoinByCode makes userID a member of the cohort whose join code hashes to hash, from now;
// a member already keeps their date. ErrNotFound for no such code, ErrExpired for one past
// its expiry. It returns the cohort's id.
func (s *Store) JoinByCode(ctx context.Context, hash, userID string) (string, error) {
	now := time.Now().UTC()
	var code CohortJoinCode
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("code_hash = ?", hash).Take(&code).Error; err != nil {
			return err
		}
		if !now.Before(code.ExpiresAt) {
			return ErrExpired
		}
		joined, err := addMember(tx, code.CohortID, userID, now)
		if err != nil || !joined {
			return err
		}
		return tx.Create(newAudit(userID, "cohort.joined", "cohort:"+code.CohortID, map[string]any{"by": "code"})).Error
	})
	return code.CohortID, err
}
