package lti

import (
	"context"
	"errors"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// GradeBookStore is what showing and retrying a cohort's published scores needs.
type GradeBookStore interface {
	CohortRole(ctx context.Context, cohortID, userID string) (string, error)
	LTIContextOfCohort(ctx context.Context, cohortID string) (*models.LTIContext, error)
	LTIScoresOfCohort(ctx context.Context, cohortID, status string, limit int) ([]models.LTIScore, error)
	RetryLTIScores(ctx context.Context, cohortID string, ids []string) (int64, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
}

// ScoreView is a score on its way to, or refused by, the platform's gradebook.
type ScoreView struct {
	ID            string     `json:"id"`
	UserID        string     `json:"user_id"`
	Learner       string     `json:"learner"`
	Item          string     `json:"item"`
	Label         string     `json:"label"`
	ScoreGiven    float64    `json:"score_given"`
	ScoreMaximum  float64    `json:"score_maximum"`
	Status        string     `json:"status"`
	Attempts      int        `json:"attempts"`
	LastError     string     `json:"last_error"`
	NextAttemptAt *time.Time `json:"next_attempt_at"`
	SentAt        *time.Time `json:"sent_at"`
	ScoredAt      time.Time  `json:"scored_at"`
}

// ScoreStatuses are the statuses a list of scores may be narrowed to.
var ScoreStatuses = []string{models.LTIScorePending, models.LTIScoreSent, models.LTIScoreFailed, models.LTIScoreSuperseded}

// linkedCohort checks that the caller teaches the cohort and that it is linked to a platform
// course.
func (s *Service) linkedCohort(ctx context.Context, caller auth.Caller, cohortID string) (*models.LTIContext, error) {
	role, err := s.store.CohortRole(ctx, cohortID, caller.ID)
	if err != nil {
		return nil, err
	}
	if role != "instructor" {
		return nil, errs.NotFound("Cohort")
	}
	link, err := s.store.LTIContextOfCohort(ctx, cohortID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.Conflict("lti_cohort_not_linked", "This cohort is not linked to a course of a learning platform.")
	}
	return link, err
}

// CohortScores lists the latest 200 scores of a linked cohort, with a status or all, newest
// first, for its instructors.
func (s *Service) CohortScores(ctx context.Context, caller auth.Caller, cohortID, status string) ([]ScoreView, error) {
	if _, err := s.linkedCohort(ctx, caller, cohortID); err != nil {
		return nil, err
	}
	rows, err := s.store.LTIScoresOfCohort(ctx, cohortID, status, 200)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.UserID)
	}
	names, err := s.userNames(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ScoreView, 0, len(rows))
	for _, r := range rows {
		v := ScoreView{ID: r.ID, UserID: r.UserID, Learner: names[r.UserID], Item: r.ResourceID, Label: r.Label, ScoreGiven: r.ScoreGiven,
			ScoreMaximum: r.ScoreMaximum, Status: r.Status, Attempts: r.Attempts, LastError: r.LastError, SentAt: r.SentAt, ScoredAt: r.ScoredAt.UTC()}
		if r.Status == models.LTIScorePending {
			next := r.NextAttemptAt.UTC()
			v.NextAttemptAt = &next
		}
		out = append(out, v)
	}
	return out, nil
}

// RetryScores sends a linked cohort's failed scores again (those of ids, or all), and returns
// how many will be sent.
func (s *Service) RetryScores(ctx context.Context, caller auth.Caller, cohortID string, ids []string) (int64, error) {
	if _, err := s.linkedCohort(ctx, caller, cohortID); err != nil {
		return 0, err
	}
	if len(ids) > 200 {
		return 0, errs.Invalid(map[string]string{"ids": "must list at most 200 scores"})
	}
	return s.store.RetryLTIScores(ctx, cohortID, ids)
}

// userNames maps user ids to the users' names.
func (s *Service) userNames(ctx context.Context, ids []string) (map[string]string, error) {
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	return names, nil
}
