// Package teamwork is the work of a cohort's mixed teams: forming the teams, the versions of
// work they submit on joint exercises, the instructors' reviews against each exercise's rubric,
// and the ratings members give each other. The rules themselves (how teams are formed, how
// ratings become factors, how rubric points add up) live in teams; who may see a cohort, and
// which exercises its teams may work on, in cohorts.
package teamwork

import (
	"context"

	"tandem/auth"
	"tandem/cohorts"
	"tandem/courses"
	"tandem/models"
)

// Store is what team work needs from the database, one small interface per concern.
type Store interface {
	teamStore
	submissionStore
	reviewStore
	ratingStore
	atomicStore
	commentStore
	roleStore
	crossReviewStore
}

// teamStore forms a cohort's teams and reads them with their members.
type teamStore interface {
	CohortRole(ctx context.Context, cohortID, userID string) (string, error)
	CohortsOf(ctx context.Context, userID string) ([]models.Cohort, error)
	CohortLearners(ctx context.Context, cohortID string) ([]models.User, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
	SaveTeams(ctx context.Context, actorID, cohortID string, teams []models.Team, joins []models.TeamMember, reform bool) error
	TeamsOf(ctx context.Context, cohortID string) ([]models.Team, error)
	TeamsOfMember(ctx context.Context, userID string) ([]models.Team, error)
	TeamByID(ctx context.Context, id string) (*models.Team, error)
}

// submissionStore keeps the versions of a team's work.
type submissionStore interface {
	CreateSubmission(ctx context.Context, sub *models.Submission, events []models.ProgressEvent) error
	SubmissionsOf(ctx context.Context, teamID string) ([]models.Submission, error)
}

// reviewStore is the instructors' queue of work to review and their decisions.
type reviewStore interface {
	CohortSubmissions(ctx context.Context, cohortID, status, after string, limit int) (page, earlier []models.Submission, err error)
	SubmissionByID(ctx context.Context, id string) (*models.Submission, error)
	AddReview(ctx context.Context, r *models.Review, status string, events []models.ProgressEvent) error
}

// ratingStore keeps the ratings team members give each other.
type ratingStore interface {
	SavePeerEvaluation(ctx context.Context, p *models.PeerEvaluation) error
	PeerEvaluations(ctx context.Context, teamID, exercise string) ([]models.PeerEvaluation, error)
}

// Service runs the work of teams.
type Service struct {
	store   Store
	cohorts *cohorts.Service
	catalog *courses.Catalog
	notices Notifier
}

// NewService returns the team work service; cohorts says who may see a cohort and which
// exercises its teams work on, and notices tells learners about their teams and reviews.
func NewService(store Store, cohorts *cohorts.Service, catalog *courses.Catalog, notices Notifier) *Service {
	return &Service{store: store, cohorts: cohorts, catalog: catalog, notices: notices}
}

// Caller is who is asking.
type Caller = auth.Caller
