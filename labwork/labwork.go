// Package labwork is a team's work on the prototype labs: the issues its members log and the
// clinical and technical confirmations of their severity, and the fixes it proposes, scored on
// the lab's hidden test set, and each member's runs of the lab's patient cards in a display of
// their choosing. Members write; the cohort's instructors read.
package labwork

import (
	"context"
	"errors"

	"tandem/auth"
	"tandem/errs"
	"tandem/lab"
	"tandem/models"
)

// Store is what lab work reads and writes.
type Store interface {
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
	CreateLabIssue(ctx context.Context, issue *models.LabIssue, events []models.ProgressEvent) error
	LabIssues(ctx context.Context, teamID, labSlug string) ([]models.LabIssue, error)
	LabIssueByID(ctx context.Context, id string) (*models.LabIssue, error)
	ConfirmLabIssue(ctx context.Context, c *models.LabIssueConfirmation, events []models.ProgressEvent) error
	CreateLabProposal(ctx context.Context, p *models.LabProposal, events []models.ProgressEvent) error
	LabProposals(ctx context.Context, teamID, labSlug string) ([]models.LabProposal, error)
	LabDisplayOf(ctx context.Context, userID, labSlug string) (*models.LabDisplay, error)
	SaveLabDisplay(ctx context.Context, d *models.LabDisplay) error
	CreateLabRun(ctx context.Context, r *models.LabRun, events []models.ProgressEvent) error
	LabRunByID(ctx context.Context, id string) (*models.LabRun, error)
	LabRuns(ctx context.Context, teamID, labSlug, userID string) ([]models.LabRun, error)
	DecideLabCase(ctx context.Context, d *models.LabRunDecision, events []models.ProgressEvent) error
	RateLabRun(ctx context.Context, runID string, w models.LabWorkload, rawTLX float64, events []models.ProgressEvent) error
}

// Teams says whether a caller may see a team: as a member, or as one of its cohort's
// instructors (asInstructor).
type Teams interface {
	TeamAccess(ctx context.Context, caller auth.Caller, teamID string) (t *models.Team, asInstructor bool, err error)
}

// Labs builds the catalogue's labs.
type Labs interface {
	Lab(slug string) (*lab.Built, error)
}

// Service runs a team's lab work.
type Service struct {
	store Store
	teams Teams
	labs  Labs
}

// NewService wires the service.
func NewService(store Store, teams Teams, labs Labs) *Service {
	return &Service{store: store, teams: teams, labs: labs}
}

// Author is a team member as lab work shows them.
type Author struct {
	UserID     string `json:"user_id"`
	Name       string `json:"name"`
	Discipline string `json:"discipline"`
}

// read opens a team's lab for a member or an instructor; an unknown lab is a 404.
func (s *Service) read(ctx context.Context, caller auth.Caller, teamID, slug string) (*models.Team, *lab.Built, error) {
	t, _, err := s.teams.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, nil, err
	}
	b, err := s.labs.Lab(slug)
	if err != nil {
		return nil, nil, err
	}
	return t, b, nil
}

// write opens a team's lab for one of its members; instructors read only, and an unknown lab
// is a 422 on the field "lab".
func (s *Service) write(ctx context.Context, caller auth.Caller, teamID, slug string) (*models.Team, *lab.Built, error) {
	t, asInstructor, err := s.teams.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, nil, err
	}
	if asInstructor {
		return nil, nil, errs.Forbidden("Only the team's members work on its labs; instructors read them.")
	}
	b, err := s.labs.Lab(slug)
	var e *errs.Error
	if errors.As(err, &e) && e.Status == 404 {
		return nil, nil, errs.Invalid(map[string]string{"lab": "is not a lab of the catalogue"})
	}
	return t, b, err
}

// authors names the users by id.
func (s *Service) authors(ctx context.Context, ids []string) (map[string]Author, error) {
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Author, len(users))
	for _, u := range users {
		out[u.ID] = Author{UserID: u.ID, Name: u.Name, Discipline: u.Discipline}
	}
	return out, nil
}

// teamEvent is a learning event about the team's work on a lab.
func teamEvent(userID, verb, teamID, slug string, result map[string]any) models.ProgressEvent {
	ev := models.NewEvent(userID, verb, "lab", slug, "", result)
	ev.TeamID = teamID
	return ev
}
