package teamwork

import (
	"context"
	"slices"
	"time"

	"tandem/courses"
	"tandem/errs"
	"tandem/models"
)

// roleStore keeps who in a team takes which role of an exercise.
type roleStore interface {
	TeamRoles(ctx context.Context, teamID, exercise string) ([]models.TeamRole, error)
	SetTeamRole(ctx context.Context, r *models.TeamRole) error
}

// RoleView is one role of an exercise in a team: the catalogue's role and, once someone took
// it, who holds it.
type RoleView struct {
	Role       string     `json:"role"`
	Discipline string     `json:"discipline"`
	UserID     string     `json:"user_id"` // empty while nobody holds it
	Name       string     `json:"name"`
	AssignedAt *time.Time `json:"assigned_at,omitempty"`
}

// Roles lists an exercise's roles in a team with their holders, for its members and the
// cohort's instructors. A holder who has left the team no longer holds the role.
func (s *Service) Roles(ctx context.Context, caller Caller, teamID, exercise string) ([]RoleView, error) {
	t, _, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	return s.roleViews(ctx, t, exercise)
}

// RoleRequest gives a role of an exercise to a member of the team, or (UserID empty) leaves
// it open.
type RoleRequest struct {
	Exercise string
	Role     string
	UserID   string
}

// AssignRole lets a member of the team say who takes a role: any member may assign any role
// to any member, as the team agrees; the cohort's instructors see the result.
func (s *Service) AssignRole(ctx context.Context, caller Caller, teamID string, req RoleRequest) ([]RoleView, error) {
	t, asInstructor, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	if asInstructor {
		return nil, errs.Forbidden("The team's members assign its roles.")
	}
	ex, ok := s.catalog.Exercise(req.Exercise)
	if !ok {
		return nil, errs.Invalid(map[string]string{"exercise": "is not an exercise of the catalogue"})
	}
	fields := map[string]string{}
	if !slices.ContainsFunc(ex.Roles, func(r courses.Role) bool { return r.Title == req.Role }) {
		fields["role"] = "is not a role of this exercise"
	}
	if req.UserID != "" && !isMember(t, req.UserID) {
		fields["user_id"] = "is not a member of this team"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	rules, err := s.cohorts.RulesOf(ctx, t.CohortID)
	if err != nil {
		return nil, err
	}
	if !rules.Allows(req.Exercise) {
		return nil, errs.Invalid(map[string]string{"exercise": "is not an exercise of this cohort"})
	}
	if err := s.store.SetTeamRole(ctx, &models.TeamRole{TeamID: t.ID, ExerciseSlug: ex.Slug, Role: req.Role, UserID: req.UserID, AssignedBy: caller.ID}); err != nil {
		return nil, err
	}
	return s.roleViews(ctx, t, ex.Slug)
}

// roleViews lists the exercise's roles in catalogue order with their holders among the team's
// members today.
func (s *Service) roleViews(ctx context.Context, t *models.Team, exercise string) ([]RoleView, error) {
	ex, ok := s.catalog.Exercise(exercise)
	if !ok {
		return nil, errs.Invalid(map[string]string{"exercise": "is not an exercise of the catalogue"})
	}
	rows, err := s.store.TeamRoles(ctx, t.ID, ex.Slug)
	if err != nil {
		return nil, err
	}
	members, err := s.store.UsersByIDs(ctx, memberIDs(t))
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, u := range members {
		names[u.ID] = u.Name
	}
	held := map[string]models.TeamRole{}
	for _, r := range rows {
		if isMember(t, r.UserID) {
			held[r.Role] = r
		}
	}
	out := make([]RoleView, 0, len(ex.Roles))
	for _, r := range ex.Roles {
		v := RoleView{Role: r.Title, Discipline: r.Discipline}
		if h, ok := held[r.Title]; ok {
			at := h.UpdatedAt
			v.UserID, v.Name, v.AssignedAt = h.UserID, names[h.UserID], &at
		}
		out = append(out, v)
	}
	return out, nil
}

func memberIDs(t *models.Team) []string {
	ids := make([]string, 0, len(t.Members))
	for _, m := range t.Members {
		ids = append(ids, m.UserID)
	}
	return ids
}
