package cohorts

import (
	"context"

	"tandem/models"
)

// LearnerTeam is the learner's team in the cohort: its members, the exercise roles the learner
// takes, and where the team's work stands on each of the cohort's exercises.
type LearnerTeam struct {
	ID        string        `json:"id"`
	Name      string        `json:"name"`
	Members   []TeamMate    `json:"members"`
	Roles     []LearnerRole `json:"roles"`
	Exercises []LearnerWork `json:"exercises"`
}

// TeamMate is a member of the learner's team.
type TeamMate struct {
	UserID     string `json:"user_id"`
	Name       string `json:"name"`
	Discipline string `json:"discipline"`
}

// LearnerRole is a role of a joint exercise the learner takes in their team.
type LearnerRole struct {
	Exercise      string `json:"exercise"`
	ExerciseTitle string `json:"exercise_title"`
	Role          string `json:"role"`
}

// LearnerWork is the team's standing on one exercise of the cohort, with the learner's peer
// adjustment factor on it.
type LearnerWork struct {
	ExerciseInfo
	WorkCell
}

// LearnerPeerViews are the peer ratings of the learner's team that concern them: what their
// teammates gave them per exercise (their mean, factor and the comments written for the
// instructor, without who wrote which) and which teammates they rated. Raters are promised
// that instructors never see who gave which rating, so what the learner gave is not shown.
type LearnerPeerViews struct {
	Received []ReceivedRatings `json:"received"`
	Given    []GivenRatingView `json:"given"`
}

// ReceivedRatings sums the ratings the learner received on one exercise.
type ReceivedRatings struct {
	Exercise      string   `json:"exercise"`
	ExerciseTitle string   `json:"exercise_title"`
	Ratings       int      `json:"ratings"`
	MeanRating    float64  `json:"mean_rating"`
	Factor        *float64 `json:"adjustment_factor"`
	Comments      []string `json:"comments"`
	sum, scores   int
}

// GivenRatingView says the learner rated one teammate on one exercise, without the rating.
type GivenRatingView struct {
	Exercise      string `json:"exercise"`
	ExerciseTitle string `json:"exercise_title"`
	RateeID       string `json:"ratee_id"`
	RateeName     string `json:"ratee_name"`
}

// learnerTeam shapes the team part of the drill-down: the team, where its work stands (as the
// dashboard shows it) and the peer ratings.
func (s *Service) learnerTeam(ctx context.Context, c *models.Cohort, rec *models.LearnerRecords) (*LearnerTeam, LearnerPeerViews, error) {
	views := LearnerPeerViews{Received: []ReceivedRatings{}, Given: []GivenRatingView{}}
	if rec.Team == nil {
		return nil, views, nil
	}
	frame, err := s.workFrame(ctx, c)
	if err != nil {
		return nil, views, err
	}
	work, err := s.teamWork(ctx, c, frame, []string{rec.Team.ID})
	if err != nil {
		return nil, views, err
	}
	ids := make([]string, 0, len(rec.Team.Members))
	for _, m := range rec.Team.Members {
		ids = append(ids, m.UserID)
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, views, err
	}
	t := &LearnerTeam{ID: rec.Team.ID, Name: rec.Team.Name, Members: []TeamMate{}, Roles: []LearnerRole{}, Exercises: []LearnerWork{}}
	factors := map[string]*float64{}
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
		t.Members = append(t.Members, TeamMate{UserID: u.ID, Name: u.Name, Discipline: u.Discipline})
	}
	for _, r := range rec.Roles {
		t.Roles = append(t.Roles, LearnerRole{Exercise: r.ExerciseSlug, ExerciseTitle: s.exerciseTitle(r.ExerciseSlug), Role: r.Role})
	}
	_, cells := work.row(rec.User.ID)
	for i, x := range work.exercises {
		t.Exercises = append(t.Exercises, LearnerWork{ExerciseInfo: x, WorkCell: cells[i]})
		factors[x.Slug] = cells[i].PeerFactor
	}
	return t, s.peerViews(rec, names, factors), nil
}

// peerViews sorts the learner's team ratings into those received (summed per exercise) and
// those given; names are the team's members' names, factors the learner's per exercise.
func (s *Service) peerViews(rec *models.LearnerRecords, names map[string]string, factors map[string]*float64) LearnerPeerViews {
	views := LearnerPeerViews{Received: []ReceivedRatings{}, Given: []GivenRatingView{}}
	byExercise := map[string]int{}
	for _, p := range rec.Ratings {
		if p.RaterID == rec.User.ID {
			views.Given = append(views.Given, GivenRatingView{Exercise: p.ExerciseSlug, ExerciseTitle: s.exerciseTitle(p.ExerciseSlug),
				RateeID: p.RateeID, RateeName: names[p.RateeID]})
			continue
		}
		i, ok := byExercise[p.ExerciseSlug]
		if !ok {
			i = len(views.Received)
			byExercise[p.ExerciseSlug] = i
			views.Received = append(views.Received, ReceivedRatings{Exercise: p.ExerciseSlug, ExerciseTitle: s.exerciseTitle(p.ExerciseSlug),
				Factor: factors[p.ExerciseSlug], Comments: []string{}})
		}
		r := &views.Received[i]
		r.Ratings, r.sum, r.scores = r.Ratings+1, r.sum+p.ScoreSum, r.scores+p.ScoreCount
		if r.scores > 0 {
			r.MeanRating = float64(r.sum) / float64(r.scores)
		}
		if p.Comment != "" {
			r.Comments = append(r.Comments, p.Comment)
		}
	}
	return views
}

// exerciseTitle is an exercise's title, or its slug when the catalogue no longer has it.
func (s *Service) exerciseTitle(slug string) string {
	if x, ok := s.catalog.Exercise(slug); ok {
		return x.Title
	}
	return slug
}
