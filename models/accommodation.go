package models

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Accommodation gives learners more time or attempts at quizzes, or later due dates for team
// exercises: one learner platform-wide (CohortID empty), one learner in a cohort, or every
// member of a cohort (UserID empty: a later sitting). QuizSlug empty means every quiz (and
// only such an accommodation carries ExtraDays). The server applies the most generous of
// those that fit when an attempt starts; an attempt keeps the deadline it started with. A
// team's due date moves by the most ExtraDays that fit any of its members.
type Accommodation struct {
	ID               string `gorm:"primaryKey;size:32"`
	CohortID         string `gorm:"size:32;not null;default:'';uniqueIndex:idx_accommodation_scope,priority:1"`
	UserID           string `gorm:"size:32;not null;default:'';uniqueIndex:idx_accommodation_scope,priority:2;index"`
	QuizSlug         string `gorm:"size:100;not null;default:'';uniqueIndex:idx_accommodation_scope,priority:3"`
	ExtraTimePercent int    `gorm:"not null;default:0"` // 50: the time limit times 1.5
	ExtraMinutes     int    `gorm:"not null;default:0"`
	ExtraAttempts    int    `gorm:"not null;default:0"`
	ExtraDays        int    `gorm:"not null;default:0"` // team exercises' due dates, this many days later
	Note             string `gorm:"size:500;not null;default:''"`
	SetBy            string `gorm:"size:32;not null"`
	UpdatedAt        time.Time
}

// SetAccommodation stores a, replacing the one of the same scope, and audits it, in one
// transaction; a comes back with the stored id.
func (s *Store) SetAccommodation(ctx context.Context, a *Accommodation) error {
	a.ID = NewID()
	return s.tx(ctx, func(tx *gorm.DB) error {
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "cohort_id"}, {Name: "user_id"}, {Name: "quiz_slug"}},
			DoUpdates: clause.AssignmentColumns([]string{"extra_time_percent", "extra_minutes", "extra_attempts", "extra_days", "note", "set_by", "updated_at"}),
		}).Create(a).Error
		if err != nil {
			return err
		}
		if err := tx.Where("cohort_id = ? AND user_id = ? AND quiz_slug = ?", a.CohortID, a.UserID, a.QuizSlug).Take(a).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(a.SetBy, "accommodation.set", "accommodation:"+a.ID, map[string]any{
			"cohort": a.CohortID, "user": a.UserID, "quiz": a.QuizSlug, "extra_time_percent": a.ExtraTimePercent,
			"extra_minutes": a.ExtraMinutes, "extra_attempts": a.ExtraAttempts, "extra_days": a.ExtraDays})).Error
	})
}

// AccommodationByID returns one accommodation, else ErrNotFound.
func (s *Store) AccommodationByID(ctx context.Context, id string) (*Accommodation, error) {
	var a Accommodation
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&a).Error; err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// DeleteAccommodation removes one accommodation and audits it by actorID.
func (s *Store) DeleteAccommodation(ctx context.Context, a *Accommodation, actorID string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Where("id = ?", a.ID).Delete(&Accommodation{})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrNotFound
		}
		return tx.Create(newAudit(actorID, "accommodation.removed", "accommodation:"+a.ID, map[string]any{
			"cohort": a.CohortID, "user": a.UserID, "quiz": a.QuizSlug})).Error
	})
}

// Accommodations lists a cohort's accommodations, or with cohortID empty the platform-wide
// ones, by learner and quiz.
func (s *Store) Accommodations(ctx context.Context, cohortID string) ([]Accommodation, error) {
	var out []Accommodation
	err := s.db.WithContext(ctx).Where("cohort_id = ?", cohortID).Order("user_id, quiz_slug").Find(&out).Error
	return out, mapErr(err)
}

// accommodationsFitSQL selects the accommodations that fit a learner at a quiz: their own, or
// their cohorts', for the quiz or for every quiz. Its arguments are the quiz's slug, then the
// learner's id three times.
const accommodationsFitSQL = `quiz_slug IN ('', ?) AND ((cohort_id = '' AND user_id = ?)
  OR (cohort_id IN (SELECT cohort_id FROM cohort_members WHERE user_id = ?) AND user_id IN ('', ?)))`

// accommodationsFor returns every accommodation that fits userID at quizSlug: their own
// platform-wide ones, and those of the cohorts they belong to, for them or for everyone.
func (s *Store) accommodationsFor(db *gorm.DB, userID, quizSlug string) ([]Accommodation, error) {
	var out []Accommodation
	err := db.Where(accommodationsFitSQL, quizSlug, userID, userID, userID).Find(&out).Error
	return out, err
}

// AttemptByIDForStaff returns any learner's attempt, for staff who check their rights to it
// first; else ErrNotFound.
func (s *Store) AttemptByIDForStaff(ctx context.Context, id string) (*QuizAttempt, error) {
	var a QuizAttempt
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&a).Error; err != nil {
		return nil, mapErr(err)
	}
	return &a, nil
}

// ExtendAttempt moves an open timed attempt's deadline by d, audited by actorID, in one
// transaction. It returns ErrConflict when the attempt was submitted (or had no deadline)
// first: of an extension and a submission racing, whichever commits first decides.
func (s *Store) ExtendAttempt(ctx context.Context, a *QuizAttempt, d time.Duration, actorID string) error {
	if a.Deadline == nil {
		return ErrConflict
	}
	deadline := a.Deadline.Add(d)
	return s.tx(ctx, func(tx *gorm.DB) error {
		res := tx.Model(&QuizAttempt{}).Where("id = ? AND submitted_at IS NULL AND deadline = ?", a.ID, *a.Deadline).Update("deadline", deadline)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return ErrConflict
		}
		a.Deadline = &deadline
		return tx.Create(newAudit(actorID, "attempt.extended", "attempt:"+a.ID, map[string]any{
			"user": a.UserID, "quiz": a.QuizSlug, "minutes": d.Minutes(), "deadline": deadline})).Error
	})
}

// OpenTimedAttempts returns the cohort's members' timed attempts still open at now (their
// deadline not yet passed), soonest deadline first: those an instructor may extend.
func (s *Store) OpenTimedAttempts(ctx context.Context, cohortID string, now time.Time) ([]QuizAttempt, error) {
	var out []QuizAttempt
	err := s.db.WithContext(ctx).Select("id, user_id, quiz_slug, number, started_at, deadline").
		Where("user_id IN (SELECT user_id FROM cohort_members WHERE cohort_id = ?)", cohortID).
		Where("submitted_at IS NULL AND deadline IS NOT NULL AND deadline > ?", now).
		Order("deadline, id").Limit(500).Find(&out).Error
	return out, mapErr(err)
}

// TeamExtraDays returns, for each team of cohortID with a member given later due dates, the
// most extra days that fit any of its members: their own platform-wide accommodations, and
// the cohort's, for them or for everyone.
func (s *Store) TeamExtraDays(ctx context.Context, cohortID string) (map[string]int, error) {
	// Later due dates are few: look for one that fits the cohort before reading its teams.
	var fits []int
	if err := s.db.WithContext(ctx).Raw(`SELECT 1 FROM accommodations a WHERE a.extra_days > 0 AND a.quiz_slug = ''
	AND (a.cohort_id = ? OR (a.cohort_id = '' AND EXISTS (SELECT 1 FROM cohort_members m WHERE m.cohort_id = ? AND m.user_id = a.user_id)))
LIMIT 1`, cohortID, cohortID).Scan(&fits).Error; err != nil || len(fits) == 0 {
		return map[string]int{}, mapErr(err)
	}
	var rows []struct {
		TeamID string
		Days   int
	}
	err := s.db.WithContext(ctx).Table("team_members AS m").Select("m.team_id, MAX(a.extra_days) AS days").
		Joins("JOIN accommodations AS a ON a.extra_days > 0 AND a.quiz_slug = '' AND "+
			"((a.cohort_id = '' AND a.user_id = m.user_id) OR (a.cohort_id = m.cohort_id AND a.user_id IN ('', m.user_id)))").
		Where("m.cohort_id = ?", cohortID).Group("m.team_id").Scan(&rows).Error
	out := make(map[string]int, len(rows))
	for _, r := range rows {
		out[r.TeamID] = r.Days
	}
	return out, mapErr(err)
}

// AccommodationsForLearner returns every accommodation that fits userID at any quiz or team
// exercise: their own, and their cohorts' for everyone.
func (s *Store) AccommodationsForLearner(ctx context.Context, userID string) ([]Accommodation, error) {
	var out []Accommodation
	member := s.db.Table("cohort_members").Select("cohort_id").Where("user_id = ?", userID)
	err := s.db.WithContext(ctx).
		Where("(cohort_id = '' AND user_id = ?) OR (cohort_id IN (?) AND user_id IN ?)", userID, member, []string{"", userID}).
		Order("cohort_id, quiz_slug, user_id").Find(&out).Error
	return out, mapErr(err)
}
