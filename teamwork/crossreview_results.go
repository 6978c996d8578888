package teamwork

import (
	"cmp"
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"slices"

	"tandem/errs"
	"tandem/models"
)

// PairView is one reviewing team and the version it reviews.
type PairView struct {
	ReviewerTeamID   string `json:"reviewer_team_id"`
	ReviewerTeamName string `json:"reviewer_team_name"`
	RevieweeTeamID   string `json:"reviewee_team_id"`
	RevieweeTeamName string `json:"reviewee_team_name"`
	SubmissionID     string `json:"submission_id"`
	Version          int    `json:"version"`
}

// Assignment is the pairing of an exercise's teams, with the seed it was made from.
type Assignment struct {
	Seed  int64      `json:"seed"`
	Pairs []PairView `json:"pairs"`
}

// AssignCrossReview pairs the teams that submitted work on the exercise (see pairTeams), each
// to review the other team's latest version, from seed (a random one when nil). Pairing again
// is allowed until the first review is saved (409 reviews_started); one team alone cannot be
// paired (409 too_few_teams). Teams that submit after the pairing are not in it.
func (s *Service) AssignCrossReview(ctx context.Context, caller Caller, cohortID, exercise string, seed *int64) (*Assignment, error) {
	c, _, err := s.cohorts.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	if _, _, err := s.crossReviewOf(ctx, c.ID, exercise); err != nil {
		return nil, err
	}
	if seed == nil {
		n := rand.Int64N(math.MaxInt32)
		seed = &n
	}
	subs, err := s.store.LatestSubmissions(ctx, c.ID, exercise)
	if err != nil {
		return nil, err
	}
	byTeam := make(map[string]*models.Submission, len(subs))
	ids := make([]string, 0, len(subs))
	for i := range subs {
		byTeam[subs[i].TeamID] = &subs[i]
		ids = append(ids, subs[i].TeamID)
	}
	pairing := pairTeams(ids, *seed)
	if pairing == nil {
		return nil, errs.Conflict("too_few_teams", "At least two teams must have submitted work before they can review each other.")
	}
	pairs := make([]models.CrossReviewPair, 0, len(pairing))
	for reviewer, reviewee := range pairing {
		pairs = append(pairs, models.CrossReviewPair{CohortID: c.ID, ExerciseSlug: exercise, ReviewerTeamID: reviewer,
			RevieweeTeamID: reviewee, SubmissionID: byTeam[reviewee].ID})
	}
	err = s.store.AssignCrossReview(ctx, caller.ID, c.ID, exercise, *seed, pairs)
	if errors.Is(err, models.ErrReviewsStarted) {
		return nil, errs.Conflict("reviews_started", "Reviews have been saved; the teams can no longer be paired again.")
	}
	if err != nil {
		return nil, err
	}
	views, err := s.pairViews(ctx, c.ID, pairs, subs)
	return &Assignment{Seed: *seed, Pairs: views}, err
}

// pairViews names the teams of pairs, in the order of the reviewing teams' names.
func (s *Service) pairViews(ctx context.Context, cohortID string, pairs []models.CrossReviewPair, subs []models.Submission) ([]PairView, error) {
	teams, err := s.store.TeamsOf(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(teams))
	for _, t := range teams {
		names[t.ID] = t.Name
	}
	out := make([]PairView, 0, len(pairs))
	for _, p := range pairs {
		v := PairView{ReviewerTeamID: p.ReviewerTeamID, ReviewerTeamName: names[p.ReviewerTeamID], RevieweeTeamID: p.RevieweeTeamID,
			RevieweeTeamName: names[p.RevieweeTeamID], SubmissionID: p.SubmissionID}
		if i := slices.IndexFunc(subs, func(s models.Submission) bool { return s.ID == p.SubmissionID }); i >= 0 {
			v.Version = subs[i].Version
		}
		out = append(out, v)
	}
	slices.SortFunc(out, func(a, b PairView) int { return cmp.Compare(a.ReviewerTeamName, b.ReviewerTeamName) })
	return out, nil
}
