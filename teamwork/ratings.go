package teamwork

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/errs"
	"tandem/models"
	"tandem/teams"
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

// PeerRating is what a member sends to rate a teammate.
type PeerRating struct {
	Exercise string
	RateeID  string
	Scores   map[string]int
	Comment  string
}

// maxRatingComment bounds the comment of a peer rating, in characters.
const maxRatingComment = 2_000

// RatePeer stores the caller's rating of a teammate for an exercise, replacing an earlier one.
func (s *Service) RatePeer(ctx context.Context, caller Caller, teamID string, in PeerRating) error {
	t, asInstructor, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return err
	}
	if asInstructor {
		return errs.Forbidden("Only the team's members rate each other.")
	}
	fields := map[string]string{}
	if _, ok := s.catalog.Exercise(in.Exercise); !ok {
		fields["exercise"] = "is not an exercise of the catalogue"
	}
	switch {
	case in.RateeID == caller.ID:
		fields["ratee_id"] = "must be a teammate, not yourself"
	case !slices.ContainsFunc(t.Members, func(m models.TeamMember) bool { return m.UserID == in.RateeID }):
		fields["ratee_id"] = "is not a member of this team"
	}
	for k, msg := range teams.ValidateScores(in.Scores) {
		fields["ratings."+k] = msg
	}
	if utf8.RuneCountInString(in.Comment) > maxRatingComment {
		fields["comment"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": errs.Grouped(maxRatingComment)})
	}
	if len(fields) > 0 {
		return errs.Invalid(fields)
	}
	scores, _ := json.Marshal(in.Scores)
	return s.store.SavePeerEvaluation(ctx, &models.PeerEvaluation{TeamID: t.ID, ExerciseSlug: in.Exercise, RaterID: caller.ID,
		RateeID: in.RateeID, Scores: string(scores), Comment: strings.TrimSpace(in.Comment)})
}

// PeerSummary is what the instructor sees of a team's peer ratings: per member, never who
// gave which rating, with the comments teammates wrote about the member for the instructor.
type PeerSummary struct {
	Exercise string           `json:"exercise,omitempty"`
	Members  []PeerAdjustment `json:"members"`
}

// PeerAdjustment is one member's mean rating, adjustment factor and rating progress.
type PeerAdjustment struct {
	UserID          string   `json:"user_id"`
	Name            string   `json:"name"`
	MeanRating      float64  `json:"mean_rating"`
	Factor          float64  `json:"adjustment_factor"`
	RatingsReceived int      `json:"ratings_received"`
	HasRated        bool     `json:"has_rated_everyone"`
	NotRated        []string `json:"not_rated"`
	// Comments are what teammates wrote about the member "for your instructor", without who
	// wrote which, in the order written.
	Comments []string `json:"comments"`
}

// PeerEvaluations summarises a team's ratings on one exercise for the cohort's instructors.
// Ratings are per exercise, so an exercise must be named: mixing them would let a later
// exercise's rating of a teammate silently replace an earlier one's.
func (s *Service) PeerEvaluations(ctx context.Context, caller Caller, teamID, exercise string) (*PeerSummary, error) {
	t, asInstructor, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	if !asInstructor {
		return nil, errs.New(http.StatusForbidden, "forbidden", "Only the cohort's instructors see peer ratings.")
	}
	if _, ok := s.catalog.Exercise(exercise); !ok {
		return nil, errs.Invalid(map[string]string{"exercise": "must name an exercise of the catalogue"})
	}
	rows, err := s.store.PeerEvaluations(ctx, t.ID, exercise)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(t.Members))
	for _, m := range t.Members {
		ids = append(ids, m.UserID)
	}
	ratings := make([]teams.Rating, 0, len(rows))
	comments := map[string][]string{}
	for _, r := range rows {
		var scores map[string]int
		_ = json.Unmarshal([]byte(r.Scores), &scores)
		ratings = append(ratings, teams.Rating{RaterID: r.RaterID, RateeID: r.RateeID, Scores: scores})
		if r.Comment != "" {
			comments[r.RateeID] = append(comments[r.RateeID], r.Comment)
		}
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	out := &PeerSummary{Exercise: exercise, Members: []PeerAdjustment{}}
	for _, a := range teams.Adjustments(ids, ratings) {
		out.Members = append(out.Members, PeerAdjustment{UserID: a.UserID, Name: names[a.UserID], MeanRating: a.MeanRating,
			Factor: a.Factor, RatingsReceived: a.RatingsReceived, HasRated: a.HasRated, NotRated: a.NotRated,
			Comments: append([]string{}, comments[a.UserID]...)})
	}
	return out, nil
}
