package cohorts

import (
	"context"
	"encoding/json"
	"slices"

	"tandem/models"
	"tandem/teams"
)

// ExerciseInfo names a team-work column of the dashboard: a joint exercise of the cohort.
type ExerciseInfo struct {
	Slug      string `json:"slug"`
	Title     string `json:"title"`
	MaxPoints int    `json:"max_points"`
	DueOn     string `json:"due_on,omitempty"`
}

// WorkCell is where a learner's team stands on one exercise: its latest version, that
// version's status, the rubric points of its last review and whether it was sent after the
// due date; and the learner's own peer adjustment factor on it, once a teammate has rated
// them. Status is empty while the team has sent nothing, or the learner is in no team.
type WorkCell struct {
	Version    int      `json:"version"`
	Status     string   `json:"status"`
	Points     *float64 `json:"points"`
	Late       bool     `json:"late"`
	PeerFactor *float64 `json:"peer_factor"`
}

// teamWork is the team-work part of a cohort's dashboard.
type teamWork struct {
	exercises []ExerciseInfo
	teamOf    map[string]*teamRow // learner id -> their team
}

// teamRow is one team: its name, its members, a cell per exercise, and the peer factors of
// the members who were rated (learner id -> column -> factor).
type teamRow struct {
	name    string
	members []string
	cells   []WorkCell
	factors map[string]map[int]float64
}

// row returns a learner's team name and cells; a learner in no team gets empty cells.
func (w *teamWork) row(userID string) (string, []WorkCell) {
	t, ok := w.teamOf[userID]
	if !ok {
		return "", make([]WorkCell, len(w.exercises))
	}
	f := t.factors[userID]
	if len(f) == 0 {
		return t.name, t.cells
	}
	cells := slices.Clone(t.cells)
	for i, factor := range f {
		cells[i].PeerFactor = &factor
	}
	return t.name, cells
}

// workFrame is what a cohort's team-work columns are read against, once per dashboard or
// download: the cohort's exercise rules, with its teams' extra days, and its exercises in
// column order.
type workFrame struct {
	rules     ExerciseRules
	exercises []ExerciseInfo
	column    map[string]int // exercise slug -> its column
}

// workFrame reads cohort c's exercise rules and lists its dashboard's exercises.
func (s *Service) workFrame(ctx context.Context, c *models.Cohort) (*workFrame, error) {
	chosen, err := s.store.CohortExercises(ctx, c.ID)
	if err != nil {
		return nil, err
	}
	f := &workFrame{rules: newRules(c, chosen)}
	if f.rules.extra, err = s.store.TeamExtraDays(ctx, c.ID); err != nil {
		return nil, err
	}
	var sent []string
	if !f.rules.chosen {
		if sent, err = s.store.CohortExercisesSent(ctx, c.ID, s.exerciseSlugs()); err != nil {
			return nil, err
		}
	}
	f.exercises, f.column = s.exerciseColumns(f.rules, chosen, sent)
	return f, nil
}

// teamWork reads where the given teams of cohort c stand on the exercises of frame f.
func (s *Service) teamWork(ctx context.Context, c *models.Cohort, f *workFrame, teamIDs []string) (*teamWork, error) {
	work, err := s.store.CohortTeamWork(ctx, c.ID, teamIDs)
	if err != nil {
		return nil, err
	}
	out := &teamWork{exercises: f.exercises, teamOf: map[string]*teamRow{}}
	byID := map[string]*teamRow{}
	err = s.store.TeamPlaces(ctx, c.ID, teamIDs, func(userID, teamID, name string) {
		row := byID[teamID]
		if row == nil {
			row = &teamRow{name: name, cells: make([]WorkCell, len(out.exercises))}
			byID[teamID] = row
		}
		row.members = append(row.members, userID)
		out.teamOf[userID] = row
	})
	if err != nil {
		return nil, err
	}
	if err := s.peerFactors(ctx, c.ID, teamIDs, byID, f.column); err != nil {
		return nil, err
	}
	for _, w := range work {
		i, ok := f.column[w.ExerciseSlug]
		team := byID[w.TeamID]
		if !ok || team == nil {
			continue
		}
		cell := WorkCell{Version: w.Version, Status: w.Status, Late: f.rules.LateFor(w.TeamID, w.ExerciseSlug, w.CreatedAt)}
		if w.Scores != nil {
			var scores map[string]float64
			if json.Unmarshal([]byte(*w.Scores), &scores) == nil {
				total := teams.SumPoints(scores)
				cell.Points = &total
			}
		}
		team.cells[i] = cell
	}
	return out, nil
}

// exerciseColumns lists the dashboard's exercises, with each one's column: those chosen, in
// their order, or until the instructors choose, every catalogue exercise a team sent work on.
func (s *Service) exerciseColumns(rules ExerciseRules, chosen []models.CohortExercise, sent []string) ([]ExerciseInfo, map[string]int) {
	out, column := []ExerciseInfo{}, map[string]int{}
	add := func(slug, dueOn string) {
		info := ExerciseInfo{Slug: slug, Title: slug, DueOn: dueOn}
		if x, ok := s.catalog.Exercise(slug); ok {
			info.Title = x.Title
			for _, r := range x.Rubric {
				info.MaxPoints += r.MaxPoints
			}
		}
		column[slug] = len(out)
		out = append(out, info)
	}
	if rules.chosen {
		for _, x := range chosen {
			add(x.ExerciseSlug, x.DueOn)
		}
		return out, column
	}
	for _, x := range s.catalog.Exercises() {
		if slices.Contains(sent, x.Slug) {
			add(x.Slug, "")
		}
	}
	return out, column
}

// peerFactors sets each rated member's adjustment factor per exercise column, from the peer
// ratings given in the cohort's teams, summed by the database.
func (s *Service) peerFactors(ctx context.Context, cohortID string, teamIDs []string, byID map[string]*teamRow, column map[string]int) error {
	totals, err := s.store.CohortPeerTotals(ctx, cohortID, teamIDs)
	if err != nil {
		return err
	}
	type key struct {
		team string
		col  int
	}
	received := map[key][]teams.Adjustment{}
	for _, t := range totals {
		i, ok := column[t.ExerciseSlug]
		team := byID[t.TeamID]
		if !ok || team == nil || !slices.Contains(team.members, t.RateeID) || t.Scores == 0 {
			continue
		}
		k := key{t.TeamID, i}
		received[k] = append(received[k], teams.Adjustment{UserID: t.RateeID, RatingsReceived: t.Ratings,
			MeanRating: float64(t.Sum) / float64(t.Scores)})
	}
	for k, adjs := range received {
		teams.SetFactors(adjs)
		team := byID[k.team]
		if team.factors == nil {
			team.factors = map[string]map[int]float64{}
		}
		for _, a := range adjs {
			if team.factors[a.UserID] == nil {
				team.factors[a.UserID] = map[int]float64{}
			}
			team.factors[a.UserID][k.col] = a.Factor
		}
	}
	return nil
}

// exerciseSlugs lists the catalogue's exercises.
func (s *Service) exerciseSlugs() []string {
	xs := s.catalog.Exercises()
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = x.Slug
	}
	return out
}
