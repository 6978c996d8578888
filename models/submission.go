package models

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"gorm.io/gorm"
)

// Submission is one version of a team's work on an exercise.
type Submission struct {
	ID           string `gorm:"primaryKey;size:32"`
	TeamID       string `gorm:"size:32;not null;uniqueIndex:idx_submission_version,priority:1"`
	ExerciseSlug string `gorm:"size:100;not null;uniqueIndex:idx_submission_version,priority:2"`
	Version      int    `gorm:"not null;uniqueIndex:idx_submission_version,priority:3"`
	AuthorID     string `gorm:"size:32;not null"`
	BodyMarkdown string `gorm:"type:text;not null"`
	BodyHTML     string `gorm:"type:text;not null"`
	Status       string `gorm:"size:24;not null;default:submitted"`
	CreatedAt    time.Time
	Reviews      []Review `gorm:"foreignKey:SubmissionID"`
}

// CreateSubmission stores the team's next version of work on an exercise, numbered after the
// last one (concurrent submissions get distinct versions), with events, in one transaction.
func (s *Store) CreateSubmission(ctx context.Context, sub *Submission, events []ProgressEvent) error {
	for range 50 {
		var last int
		if err := s.db.WithContext(ctx).Model(&Submission{}).Where("team_id = ? AND exercise_slug = ?", sub.TeamID, sub.ExerciseSlug).
			Select("COALESCE(MAX(version), 0)").Scan(&last).Error; err != nil {
			return mapErr(err)
		}
		sub.ID, sub.Version, sub.Status, sub.CreatedAt = NewID(), last+1, "submitted", time.Now().UTC()
		err := s.tx(ctx, func(tx *gorm.DB) error {
			if err := tx.Create(sub).Error; err != nil {
				return err
			}
			if err := retallyTeamOf(tx, sub.TeamID); err != nil {
				return err
			}
			return s.createEvents(tx, events, sub.ID)
		})
		if !errors.Is(err, ErrConflict) {
			return err
		}
	}
	return ErrConflict
}

func (s *Store) createEvents(tx *gorm.DB, events []ProgressEvent, objectID string) error {
	for i := range events {
		if events[i].ObjectID == "" {
			events[i].ObjectID = objectID
		}
	}
	return s.insertEvents(tx, events...)
}

// SubmissionsOf returns a team's submissions with their reviews, newest first.
func (s *Store) SubmissionsOf(ctx context.Context, teamID string) ([]Submission, error) {
	var out []Submission
	err := s.db.WithContext(ctx).Preload("Reviews", func(db *gorm.DB) *gorm.DB { return db.Order("created_at") }).
		Where("team_id = ?", teamID).Order("exercise_slug, version DESC").Find(&out).Error
	return out, mapErr(err)
}

// CohortSubmissions returns up to limit submissions of a cohort's teams, oldest first, after
// the submission id after when given, only those with status when given, each with its
// reviews; and, for the same teams and exercises, every earlier version with its reviews.
func (s *Store) CohortSubmissions(ctx context.Context, cohortID, status, after string, limit int) (page, earlier []Submission, err error) {
	db := s.db.WithContext(ctx)
	withReviews := func(db *gorm.DB) *gorm.DB { return db.Order("created_at") }
	q := db.Preload("Reviews", withReviews).Where("team_id IN (SELECT id FROM teams WHERE cohort_id = ?)", cohortID)
	if status != "" {
		q = q.Where("status = ?", status)
	}
	if after != "" {
		q = q.Where("id > ?", after)
	}
	if err := q.Order("id").Limit(limit).Find(&page).Error; err != nil {
		return nil, nil, mapErr(err)
	}
	teams := map[string]bool{}
	var ids []string
	for _, sub := range page {
		if sub.Version > 1 && !teams[sub.TeamID] {
			teams[sub.TeamID] = true
			ids = append(ids, sub.TeamID)
		}
	}
	if len(ids) > 0 {
		err = db.Preload("Reviews", withReviews).Where("team_id IN ?", ids).Order("version").Find(&earlier).Error
	}
	return page, earlier, mapErr(err)
}

// SubmissionByID returns a submission.
func (s *Store) SubmissionByID(ctx context.Context, id string) (*Submission, error) {
	var sub Submission
	if err := s.db.WithContext(ctx).Where("id = ?", id).Take(&sub).Error; err != nil {
		return nil, mapErr(err)
	}
	return &sub, nil
}

// AcceptedExercises returns the exercises a learner's teams have had accepted.
func (s *Store) AcceptedExercises(ctx context.Context, userID string) ([]string, error) {
	var out []string
	err := s.db.WithContext(ctx).Model(&Submission{}).Distinct("exercise_slug").
		Where("status = 'accepted' AND team_id IN (SELECT team_id FROM team_members WHERE user_id = ?)", userID).
		Pluck("exercise_slug", &out).Error
	return out, mapErr(err)
}

// TeamWork is a team's latest version of work on one exercise, with the scores of that
// version's last review (nil before any).
type TeamWork struct {
	TeamID       string
	ExerciseSlug string
	Version      int
	Status       string
	CreatedAt    time.Time
	Scores       *string
}

// CohortTeamWork returns the latest version of every team's work on every exercise in a
// cohort (of the given teams only, unless teams is nil), in one statement.
func (s *Store) CohortTeamWork(ctx context.Context, cohortID string, teams []string) ([]TeamWork, error) {
	where, args := teamFilter("t.cohort_id = ?", []any{cohortID}, teams)
	q := s.db.WithContext(ctx).Raw(`
SELECT s.team_id, s.exercise_slug, s.version, s.status, s.created_at,
	(SELECT r.scores FROM reviews r WHERE r.submission_id = s.id ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS scores
FROM submissions s JOIN teams t ON t.id = s.team_id
WHERE `+where+`
	AND s.version = (SELECT MAX(v.version) FROM submissions v WHERE v.team_id = s.team_id AND v.exercise_slug = s.exercise_slug)`, args...)
	var out []TeamWork
	err := scanRows(q, func(rows *sql.Rows) error {
		var w TeamWork
		var scores sql.NullString
		if err := rows.Scan(&w.TeamID, &w.ExerciseSlug, &w.Version, &w.Status, &w.CreatedAt, &scores); err != nil {
			return err
		}
		if scores.Valid {
			w.Scores = &scores.String
		}
		out = append(out, w)
		return nil
	})
	return out, mapErr(err)
}
