package cohorts

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/courses"
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
	if _, _, err := s.access(ctx, caller, cohortID, true); err != nil {
		return nil, 0, err
	}
	if req.Size < 2 || req.Size > 12 {
		return nil, 0, errs.Invalid(map[string]string{"team_size": "must be from 2 to 12"})
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
	err = s.store.SaveTeams(ctx, caller.ID, cohortID, fresh, joins, req.Reform)
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

// Teams lists a cohort's teams, for its instructors and members.
func (s *Service) Teams(ctx context.Context, caller Caller, cohortID string) ([]TeamView, error) {
	if _, _, err := s.access(ctx, caller, cohortID, false); err != nil {
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
	cohorts, err := s.store.CohortsOf(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(cohorts))
	for _, c := range cohorts {
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

// SubmissionView is one version of a team's work with its reviews.
type SubmissionView struct {
	ID           string       `json:"id"`
	Team         string       `json:"team"`
	Exercise     string       `json:"exercise"`
	Version      int          `json:"version"`
	Status       string       `json:"status"`
	AuthorID     string       `json:"author_id"`
	BodyMarkdown string       `json:"body_markdown"`
	BodyHTML     string       `json:"body_html"`
	CreatedAt    time.Time    `json:"created_at"`
	Late         bool         `json:"late"` // sent after the end of the exercise's due date
	Reviews      []ReviewView `json:"reviews"`
}

// ReviewView is an instructor's review.
type ReviewView struct {
	ID         string             `json:"id"`
	ReviewerID string             `json:"reviewer_id"`
	Decision   string             `json:"decision"`
	Scores     map[string]float64 `json:"scores"`
	Total      float64            `json:"total"`
	MaxTotal   int                `json:"max_total"`
	Comment    string             `json:"comment"`
	CreatedAt  time.Time          `json:"created_at"`
}

// MaxSubmission bounds a submission's Markdown, in bytes.
const MaxSubmission = 200_000

// Submit stores a new version of the caller's team's work on an exercise.
func (s *Service) Submit(ctx context.Context, caller Caller, teamID, exercise, body string) (*SubmissionView, error) {
	t, asInstructor, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	if asInstructor {
		return nil, errs.Forbidden("Only the team's members submit its work.")
	}
	fields := map[string]string{}
	if _, ok := s.catalog.Exercise(exercise); !ok {
		fields["exercise"] = "is not an exercise of the catalogue"
	}
	rules, err := s.rulesOf(ctx, t.CohortID)
	if err != nil {
		return nil, err
	}
	if _, ok := fields["exercise"]; !ok && !rules.allows(exercise) {
		fields["exercise"] = "is not an exercise of this cohort"
	}
	if strings.TrimSpace(body) == "" {
		fields["body_markdown"] = "must not be empty"
	} else if len(body) > MaxSubmission || !utf8.ValidString(body) {
		fields["body_markdown"] = "must be valid text of at most 200,000 bytes"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	sub := &models.Submission{TeamID: t.ID, ExerciseSlug: exercise, AuthorID: caller.ID, BodyMarkdown: body, BodyHTML: teams.RenderSubmission(body)}
	events := []models.ProgressEvent{models.NewEvent(caller.ID, "shared", "exercise", exercise, "", map[string]any{"team": t.ID})}
	events[0].TeamID = t.ID
	if err := s.store.CreateSubmission(ctx, sub, events); err != nil {
		return nil, err
	}
	v := s.submissionView(sub, rules)
	return &v, nil
}

// Submissions lists a team's versions with their reviews, for members and instructors.
func (s *Service) Submissions(ctx context.Context, caller Caller, teamID string) ([]SubmissionView, error) {
	t, _, err := s.TeamAccess(ctx, caller, teamID)
	if err != nil {
		return nil, err
	}
	rules, err := s.rulesOf(ctx, t.CohortID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.SubmissionsOf(ctx, teamID)
	if err != nil {
		return nil, err
	}
	out := make([]SubmissionView, 0, len(rows))
	for i := range rows {
		out = append(out, s.submissionView(&rows[i], rules))
	}
	return out, nil
}

func (s *Service) submissionView(sub *models.Submission, rules exerciseRules) SubmissionView {
	v := SubmissionView{ID: sub.ID, Team: sub.TeamID, Exercise: sub.ExerciseSlug, Version: sub.Version, Status: sub.Status,
		AuthorID: sub.AuthorID, BodyMarkdown: sub.BodyMarkdown, BodyHTML: sub.BodyHTML, CreatedAt: sub.CreatedAt,
		Late: rules.late(sub.ExerciseSlug, sub.CreatedAt), Reviews: []ReviewView{}}
	for _, r := range sub.Reviews {
		v.Reviews = append(v.Reviews, s.reviewView(sub.ExerciseSlug, r))
	}
	return v
}

func (s *Service) reviewView(exercise string, r models.Review) ReviewView {
	v := ReviewView{ID: r.ID, ReviewerID: r.ReviewerID, Decision: r.Decision, Comment: r.Comment, CreatedAt: r.CreatedAt}
	_ = json.Unmarshal([]byte(r.Scores), &v.Scores)
	v.Total = SumPoints(v.Scores)
	if ex, ok := s.catalog.Exercise(exercise); ok {
		for _, c := range ex.Rubric {
			v.MaxTotal += c.MaxPoints
		}
	}
	return v
}

// ReviewRequest is an instructor's decision on a submission.
type ReviewRequest struct {
	Decision string
	Scores   map[string]float64
	Comment  string
}

// Review records an instructor's review against the exercise's rubric: a score for every
// criterion within its maximum, and accept or ask for a revision.
func (s *Service) Review(ctx context.Context, caller Caller, submissionID string, req ReviewRequest) (*ReviewView, error) {
	sub, err := s.store.SubmissionByID(ctx, submissionID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Submission")
	}
	if err != nil {
		return nil, err
	}
	t, asInstructor, err := s.TeamAccess(ctx, caller, sub.TeamID)
	if err != nil {
		return nil, errs.NotFound("Submission")
	}
	if !asInstructor {
		return nil, errs.Forbidden("Only the cohort's instructors review submissions.")
	}
	ex, _ := s.catalog.Exercise(sub.ExerciseSlug)
	fields := map[string]string{}
	status := map[string]string{"accept": "accepted", "revise": "revision_requested"}[req.Decision]
	if status == "" {
		fields["decision"] = "must be accept or revise"
	}
	for _, c := range ex.Rubric {
		p, ok := req.Scores[c.Criterion]
		switch {
		case !ok:
			fields["scores."+c.Criterion] = "is required"
		case p < 0 || p > float64(c.MaxPoints):
			fields["scores."+c.Criterion] = "must be from 0 to " + strconv.Itoa(c.MaxPoints)
		case !inTenths(p):
			fields["scores."+c.Criterion] = "must have at most one decimal place (such as 2.5)"
		}
	}
	for k := range req.Scores {
		if !slices.ContainsFunc(ex.Rubric, func(c courses.Criterion) bool { return c.Criterion == k }) {
			fields["scores."+k] = "is not a criterion of this exercise's rubric"
		}
	}
	if utf8.RuneCountInString(req.Comment) > 10_000 {
		fields["comment"] = "must be at most 10,000 characters"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	scores, _ := json.Marshal(req.Scores)
	r := &models.Review{SubmissionID: sub.ID, ReviewerID: caller.ID, Decision: req.Decision, Scores: string(scores), Comment: strings.TrimSpace(req.Comment)}
	total, maxTotal := SumPoints(req.Scores), 0
	for _, c := range ex.Rubric {
		maxTotal += c.MaxPoints
	}
	var events []models.ProgressEvent
	for _, m := range t.Members {
		ev := models.NewEvent(m.UserID, "scored", "exercise", sub.ExerciseSlug, "", map[string]any{
			"score": total, "max_score": float64(maxTotal), "passed": req.Decision == "accept", "submission": sub.ID})
		ev.TeamID = t.ID
		events = append(events, ev)
	}
	if err := s.store.AddReview(ctx, r, status, events); err != nil {
		return nil, err
	}
	v := s.reviewView(sub.ExerciseSlug, *r)
	return &v, nil
}

// PeerRating is what a member sends to rate a teammate.
type PeerRating struct {
	Exercise string
	RateeID  string
	Scores   map[string]int
	Comment  string
}

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
	if utf8.RuneCountInString(in.Comment) > 2000 {
		fields["comment"] = "must be at most 2,000 characters"
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

// inTenths reports whether rubric points p have at most one decimal place, as Canvas and
// Moodle rubrics allow (2.5 of 5).
func inTenths(p float64) bool {
	return math.Abs(p*10-math.Round(p*10)) < 1e-6
}

// SumPoints adds rubric points in tenths, so that 0.1 + 0.2 is 0.3 and not a float's
// approximation of it.
func SumPoints(scores map[string]float64) float64 {
	var tenths int64
	for _, p := range scores {
		tenths += int64(math.Round(p * 10))
	}
	return float64(tenths) / 10
}
