package cohorts

import (
	"context"
	"encoding/json"
	"time"

	"tandem/errs"
)

// GivenRating is a rating the caller gave a teammate, which they may read back and change.
type GivenRating struct {
	RateeID   string         `json:"ratee_id"`
	Ratings   map[string]int `json:"ratings"`
	Comment   string         `json:"comment"`
	UpdatedAt time.Time      `json:"updated_at"`
}

// MyRatings returns the ratings the caller gave their teammates for an exercise. Only the
// team's members have any; others are refused as for rating.
func (s *Service) MyRatings(ctx context.Context, caller Caller, teamID, exercise string) ([]GivenRating, error) {
	t, asInstructor, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	if asInstructor {
		return nil, errs.Forbidden("Only the team's members rate each other.")
	}
	if _, ok := s.catalog.Exercise(exercise); !ok {
		return nil, errs.Invalid(map[string]string{"exercise": "must name an exercise of the catalogue"})
	}
	rows, err := s.store.PeerEvaluations(ctx, t.ID, exercise)
	if err != nil {
		return nil, err
	}
	out := []GivenRating{}
	for _, r := range rows {
		if r.RaterID != caller.ID {
			continue
		}
		g := GivenRating{RateeID: r.RateeID, Comment: r.Comment, UpdatedAt: r.UpdatedAt}
		if err := json.Unmarshal([]byte(r.Scores), &g.Ratings); err != nil {
			return nil, err
		}
		out = append(out, g)
	}
	return out, nil
}
