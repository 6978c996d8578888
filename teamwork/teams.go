package teamwork

import (
	"context"
	"errors"
	"time"

	"tandem/errs"
	"tandem/models"
	"tandem/teams"
)

// TeamView is a team with its members as the API shows it.
type TeamView struct {
	ID       string       `json:"id"`
	CohortID string       `json:"cohort_id,omitempty"`
	Name     string       `json:"name"`
	Members  []MemberView `json:"members"`
}

// MemberView is a team member.
type MemberView struct {
	UserID      string `json:"user_id"`
	Name        string `json:"name"`
	Discipline  string `json:"discipline"`
	Institution string `json:"institution"`
}

// FormRequest says how to form a cohort's teams.
type FormRequest struct {
	Size    int
	Seed    *int64
	Reform  bool
	Preview bool
}

// FormTeams splits the cohort into mixed teams (see teams.Form for the rules). With Preview
// nothing is stored. Learners already in a team keep it unless Reform; teams that have
// submitted work are never re-formed.
func (s *Service) FormTeams(ctx context.Context, caller Caller, cohortID string, req FormRequest) ([]TeamView, int64, error) {
	if _, _, err := s.cohorts.Access(ctx, caller, cohortID, true); err != nil {
		return nil, 0, err
	}
	if req.Size < 2 || req.Size > 12 {
		return nil, 0, errs.Invalid(map[string]string{"team_size": errs.Reason("reason.number_range", map[string]any{"Min": 2, "Max": 12})})
	}
	// A drawn seed stays below 2^31 so every client, JavaScript included, can send it back
	// exactly to reproduce a preview.
	seed := time.Now().UnixNano() % (1 << 31)
	if req.Seed != nil {
		seed = *req.Seed
	}
	learners, err := s.store.CohortLearners(ctx, cohortID)
	if err != nil {
		return nil, 0, err
	}
	existing, err := s.store.TeamsOf(ctx, cohortID)
	if err != nil {
		return nil, 0, err
	}
	teamOf := map[string]string{}
	for _, t := range existing {
		for _, m := range t.Members {
			teamOf[m.UserID] = t.Name
		}
	}
	members := make([]teams.Member, 0, len(learners))
	byID := map[string]models.User{}
	for _, u := range learners {
		byID[u.ID] = u
		members = append(members, teams.Member{UserID: u.ID, Name: u.Name, Discipline: u.Discipline, Institution: u.Institution, Team: teamOf[u.ID]})
	}
	formed, err := teams.Form(members, teams.Options{Size: req.Size, Seed: seed, Reform: req.Reform})
	if err != nil {
		return nil, 0, err
	}
	views := make([]TeamView, 0, len(formed))
	var fresh []models.Team
	var joins []models.TeamMember
	kept := map[string]string{}
	for _, t := range existing {
		kept[t.Name] = t.ID
	}
	for _, t := range formed {
		v := TeamView{Name: t.Name, Members: make([]MemberView, 0, len(t.Members))}
		row := models.Team{Name: t.Name}
		for _, m := range t.Members {
			u := byID[m.UserID]
			v.Members = append(v.Members, MemberView{UserID: u.ID, Name: u.Name, Discipline: u.Discipline, Institution: u.Institution})
			row.Members = append(row.Members, models.TeamMember{UserID: u.ID})
		}
		if id, ok := kept[t.Name]; ok && !req.Reform {
			v.ID = id
			for _, m := range t.Members {
				if teamOf[m.UserID] == "" { // a learner who joins this team now
					joins = append(joins, models.TeamMember{TeamID: id, UserID: m.UserID})
				}
			}
		} else {
			fresh = append(fresh, row)
		}
		views = append(views, v)
	}
	if req.Preview {
		return views, seed, nil
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.SaveTeams(ctx, caller.ID, cohortID, fresh, joins, req.Reform); err != nil {
			return err
		}
		return s.notices.Notify(ctx, teamNotices(cohortID, fresh, joins, namesOf(existing))...)
	})
	switch {
	case errors.Is(err, models.ErrTeamsStarted):
		return nil, 0, errs.Conflict("teams_started", "Some teams have submitted work or begun a lab, so teams cannot be re-formed.")
	case errors.Is(err, models.ErrConflict):
		return nil, 0, errs.Conflict("teams_changed", "Teams were changed at the same time. Reload and try again.")
	case err != nil:
		return nil, 0, err
	}
	for i := range views {
		for _, f := range fresh {
			if f.Name == views[i].Name {
				views[i].ID = f.ID
			}
		}
	}
	return views, seed, nil
}

// namesOf maps each team's id to its name.
func namesOf(teams []models.Team) map[string]string {
	out := make(map[string]string, len(teams))
	for _, t := range teams {
		out[t.ID] = t.Name
	}
	return out
}

// Teams lists a cohort's teams, for its instructors and members.
func (s *Service) Teams(ctx context.Context, caller Caller, cohortID string) ([]TeamView, error) {
	if _, _, err := s.cohorts.Access(ctx, caller, cohortID, false); err != nil {
		return nil, err
	}
	rows, err := s.store.TeamsOf(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	return s.teamViews(ctx, rows)
}

func (s *Service) teamViews(ctx context.Context, rows []models.Team) ([]TeamView, error) {
	var ids []string
	for _, t := range rows {
		for _, m := range t.Members {
			ids = append(ids, m.UserID)
		}
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := map[string]models.User{}
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]TeamView, 0, len(rows))
	for _, t := range rows {
		v := TeamView{ID: t.ID, CohortID: t.CohortID, Name: t.Name, Members: []MemberView{}}
		for _, m := range t.Members {
			u := byID[m.UserID]
			v.Members = append(v.Members, MemberView{UserID: u.ID, Name: u.Name, Discipline: u.Discipline, Institution: u.Institution})
		}
		out = append(out, v)
	}
	return out, nil
}

// MyTeam is one of the caller's teams, with the name of its cohort.
type MyTeam struct {
	TeamView
	CohortName string `json:"cohort_name"`
}

// MyTeams lists the caller's teams, one per cohort they are in, with their members: what a
// learner's dashboard and team list need, without every team of every cohort.
func (s *Service) MyTeams(ctx context.Context, caller Caller) ([]MyTeam, error) {
	rows, err := s.store.TeamsOfMember(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	views, err := s.teamViews(ctx, rows)
	if err != nil {
		return nil, err
	}
	mine, err := s.store.CohortsOf(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(mine))
	for _, c := range mine {
		names[c.ID] = c.Name
	}
	out := make([]MyTeam, 0, len(views))
	for _, v := range views {
		out = append(out, MyTeam{TeamView: v, CohortName: names[v.CohortID]})
	}
	return out, nil
}

// Team returns one team with its members, for its members and its cohort's instructors.
func (s *Service) Team(ctx context.Context, caller Caller, teamID string) (*TeamView, error) {
	t, _, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	views, err := s.teamViews(ctx, []models.Team{*t})
	if err != nil {
		return nil, err
	}
	return &views[0], nil
}

// TeamAccess loads a team and says whether the caller is a member (false) or one of the cohort's
// instructors (true). Anyone else gets 404.
func (s *Service) TeamAccess(ctx context.Context, caller Caller, teamID string) (*models.Team, bool, error) {
	t, err := s.store.TeamByID(ctx, teamID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, false, errs.NotFound("Team")
	}
	if err != nil {
		return nil, false, err
	}
	for _, m := range t.Members {
		if m.UserID == caller.ID {
			return t, false, nil
		}
	}
	role, err := s.store.CohortRole(ctx, t.CohortID, caller.ID)
	if err != nil {
		return nil, false, err
	}
	if role == "instructor" || caller.IsAdmin() {
		return t, true, nil
	}
	return nil, false, errs.NotFound("Team")
}
