package models

import (
	"context"
	"errors"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// Errors of cross-team review that the domain turns into conflicts.
var (
	// ErrCalibrationStarted says the calibration example cannot change: reviewers have
	// already been measured against it.
	ErrCalibrationStarted = errors.New("calibration started")
	// ErrReviewsStarted says the teams cannot be paired again: reviews have been saved.
	ErrReviewsStarted = errors.New("cross reviews started")
	// ErrNotAssigned says the reviewer's team was not given that version to review.
	ErrNotAssigned = errors.New("not assigned")
	// ErrNotCalibrated says the reviewer has not marked the calibration example.
	ErrNotCalibrated = errors.New("not calibrated")
)

// CrossReview makes an exercise of a cohort reviewed across teams: the calibration example
// with the instructor's own marks, which discipline group marks each criterion, the last day
// reviews are taken, and the seed of the current pairing (nil before the teams are paired).
type CrossReview struct {
	CohortID        string `gorm:"primaryKey;size:32"`
	ExerciseSlug    string `gorm:"primaryKey;size:100"`
	ExampleMarkdown string `gorm:"type:text;not null"`
	ExampleHTML     string `gorm:"type:text;not null"`
	ExampleMarks    string `gorm:"type:text;not null"` // JSON: criterion → points
	Groups          string `gorm:"type:text;not null"` // JSON: criterion → clinical or technical
	DueOn           string `gorm:"size:10;not null;default:''"`
	Seed            *int64
	AssignedAt      *time.Time
	SetBy           string `gorm:"size:32;not null"`
	UpdatedAt       time.Time
}

// CrossReviewPair gives a reviewing team one version of another team's work.
type CrossReviewPair struct {
	CohortID       string `gorm:"primaryKey;size:32"`
	ExerciseSlug   string `gorm:"primaryKey;size:100"`
	ReviewerTeamID string `gorm:"primaryKey;size:32"`
	RevieweeTeamID string `gorm:"size:32;not null"`
	SubmissionID   string `gorm:"size:32;not null;index"`
}

// CrossReviewCalibration is a reviewer's marks on the calibration example and how close they
// came to the instructor's; one per reviewer and exercise, never replaced.
type CrossReviewCalibration struct {
	CohortID     string  `gorm:"primaryKey;size:32"`
	ExerciseSlug string  `gorm:"primaryKey;size:100"`
	UserID       string  `gorm:"primaryKey;size:32;index"`
	Marks        string  `gorm:"type:text;not null"`
	Accuracy     float64 `gorm:"not null"`
	CreatedAt    time.Time
}

// CrossReviewMark is one reviewer's marks on the version their team reviews, on the criteria
// of their discipline group; saving again replaces them.
type CrossReviewMark struct {
	SubmissionID   string `gorm:"primaryKey;size:32"`
	ReviewerID     string `gorm:"primaryKey;size:32;index"`
	CohortID       string `gorm:"size:32;not null;index:idx_cross_review_marks_exercise,priority:1"`
	ExerciseSlug   string `gorm:"size:100;not null;index:idx_cross_review_marks_exercise,priority:2"`
	ReviewerTeamID string `gorm:"size:32;not null"`
	Marks          string `gorm:"type:text;not null"`
	Comment        string `gorm:"type:text;not null;default:''"`
	UpdatedAt      time.Time
}

// CrossReviewOf returns the cross-review set-up of an exercise in a cohort.
func (s *Store) CrossReviewOf(ctx context.Context, cohortID, exercise string) (*CrossReview, error) {
	var cr CrossReview
	if err := s.db.WithContext(ctx).Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise).Take(&cr).Error; err != nil {
		return nil, mapErr(err)
	}
	return &cr, nil
}

// lockCrossReview reads the set-up row inside tx, locked for update (assign, set up) or
// shared (reviews), so pairing again never races a review being saved. SQLite has one
// writer, which serialises the same transactions.
func (s *Store) lockCrossReview(tx *gorm.DB, cohortID, exercise, strength string) (*CrossReview, error) {
	var cr CrossReview
	q := tx.Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise)
	if s.postgres {
		q = q.Clauses(clause.Locking{Strength: strength})
	}
	return &cr, q.Take(&cr).Error
}

// SaveCrossReview creates or replaces a cross-review set-up, unless a reviewer has calibrated
// on it (ErrCalibrationStarted); the pairing, if any, is kept.
func (s *Store) SaveCrossReview(ctx context.Context, cr *CrossReview) error {
	cr.UpdatedAt = time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		old, err := s.lockCrossReview(tx, cr.CohortID, cr.ExerciseSlug, "UPDATE")
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			if err := tx.Create(cr).Error; err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			var n int64
			if err := tx.Model(&CrossReviewCalibration{}).Where("cohort_id = ? AND exercise_slug = ?", cr.CohortID, cr.ExerciseSlug).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return ErrCalibrationStarted
			}
			cr.Seed, cr.AssignedAt = old.Seed, old.AssignedAt
			if err := tx.Save(cr).Error; err != nil {
				return err
			}
		}
		return tx.Create(newAudit(cr.SetBy, "cross_review.set", "cohort:"+cr.CohortID, map[string]any{"exercise": cr.ExerciseSlug})).Error
	})
}

// AssignCrossReview replaces the pairing of an exercise's teams with pairs made from seed,
// unless a review has been saved (ErrReviewsStarted), and records who did it.
func (s *Store) AssignCrossReview(ctx context.Context, actorID, cohortID, exercise string, seed int64, pairs []CrossReviewPair) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.lockCrossReview(tx, cohortID, exercise, "UPDATE"); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&CrossReviewMark{}).Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return ErrReviewsStarted
		}
		if err := tx.Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise).Delete(&CrossReviewPair{}).Error; err != nil {
			return err
		}
		if len(pairs) > 0 {
			if err := tx.Create(&pairs).Error; err != nil {
				return err
			}
		}
		now := time.Now().UTC()
		if err := tx.Model(&CrossReview{}).Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise).
			Updates(map[string]any{"seed": seed, "assigned_at": now}).Error; err != nil {
			return err
		}
		return tx.Create(newAudit(actorID, "cross_review.assigned", "cohort:"+cohortID, map[string]any{"exercise": exercise, "seed": seed, "pairs": len(pairs)})).Error
	})
}

// CrossReviewPairs returns the pairing of an exercise's teams.
func (s *Store) CrossReviewPairs(ctx context.Context, cohortID, exercise string) ([]CrossReviewPair, error) {
	var out []CrossReviewPair
	err := s.db.WithContext(ctx).Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise).Order("reviewer_team_id").Find(&out).Error
	return out, mapErr(err)
}

// SaveCalibration stores a reviewer's calibration; a second one is ErrConflict.
func (s *Store) SaveCalibration(ctx context.Context, c *CrossReviewCalibration) error {
	c.CreatedAt = time.Now().UTC()
	return mapErr(s.db.WithContext(ctx).Create(c).Error)
}

// Calibrations returns the calibrations of an exercise's reviewers in a cohort.
func (s *Store) Calibrations(ctx context.Context, cohortID, exercise string) ([]CrossReviewCalibration, error) {
	var out []CrossReviewCalibration
	err := s.db.WithContext(ctx).Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise).Order("created_at, user_id").Find(&out).Error
	return out, mapErr(err)
}

// SaveCrossReviewMark stores or replaces a reviewer's marks in one transaction that holds the
// set-up row shared, so the pairing cannot change meanwhile, and checks there that the
// reviewer's team was given the version (ErrNotAssigned) and that the reviewer has calibrated
// (ErrNotCalibrated): a refused review leaves nothing behind.
func (s *Store) SaveCrossReviewMark(ctx context.Context, m *CrossReviewMark) error {
	m.UpdatedAt = time.Now().UTC()
	return s.tx(ctx, func(tx *gorm.DB) error {
		if _, err := s.lockCrossReview(tx, m.CohortID, m.ExerciseSlug, "SHARE"); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&CrossReviewPair{}).Where("cohort_id = ? AND exercise_slug = ? AND reviewer_team_id = ? AND submission_id = ?",
			m.CohortID, m.ExerciseSlug, m.ReviewerTeamID, m.SubmissionID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return ErrNotAssigned
		}
		if err := tx.Model(&CrossReviewCalibration{}).Where("cohort_id = ? AND exercise_slug = ? AND user_id = ?",
			m.CohortID, m.ExerciseSlug, m.ReviewerID).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return ErrNotCalibrated
		}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "submission_id"}, {Name: "reviewer_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"marks", "comment", "updated_at"}),
		}).Create(m).Error
	})
}

// CrossReviewMarks returns every reviewer's marks on an exercise in a cohort.
func (s *Store) CrossReviewMarks(ctx context.Context, cohortID, exercise string) ([]CrossReviewMark, error) {
	var out []CrossReviewMark
	err := s.db.WithContext(ctx).Where("cohort_id = ? AND exercise_slug = ?", cohortID, exercise).Order("updated_at, reviewer_id").Find(&out).Error
	return out, mapErr(err)
}

// eraseCrossReviews withdraws the person's calibrations and cross-review marks, as leaving a
// team withdraws the ratings they gave: their comments are personal, and their marks weighed
// by their accuracy mean nothing without them.
func eraseCrossReviews(tx *gorm.DB, u *User) error {
	if err := tx.Where("user_id = ?", u.ID).Delete(&CrossReviewCalibration{}).Error; err != nil {
		return err
	}
	return tx.Where("reviewer_id = ?", u.ID).Delete(&CrossReviewMark{}).Error
}

// ExportedCrossReviews are a user's calibrations and the marks they gave as a cross reviewer.
type ExportedCrossReviews struct {
	Calibrations []CrossReviewCalibration
	Marks        []CrossReviewMark
}

// LatestSubmissions returns the latest version of each team's work on an exercise in a cohort.
func (s *Store) LatestSubmissions(ctx context.Context, cohortID, exercise string) ([]Submission, error) {
	var out []Submission
	err := s.db.WithContext(ctx).Where(`exercise_slug = ? AND team_id IN (SELECT id FROM teams WHERE cohort_id = ?)
	AND version = (SELECT MAX(v.version) FROM submissions v WHERE v.team_id = submissions.team_id AND v.exercise_slug = submissions.exercise_slug)`,
		exercise, cohortID).Order("team_id").Find(&out).Error
	return out, mapErr(err)
}
