package teamwork

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/cohorts"
	"tandem/courses"
	"tandem/errs"
	"tandem/models"
	"tandem/teams"
)

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

// MarkdownSizeReason is the field reason for Markdown that is not valid text of at most
// MaxSubmission bytes.
func MarkdownSizeReason() string {
	return errs.Reason("reason.markdown_size", map[string]any{"Max": MaxSubmission})
}

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
	rules, err := s.cohorts.RulesOf(ctx, t.CohortID)
	if err != nil {
		return nil, err
	}
	if _, ok := fields["exercise"]; !ok && !rules.Allows(exercise) {
		fields["exercise"] = "is not an exercise of this cohort"
	}
	if strings.TrimSpace(body) == "" {
		fields["body_markdown"] = "must not be empty"
	} else if len(body) > MaxSubmission || !utf8.ValidString(body) {
		fields["body_markdown"] = MarkdownSizeReason()
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
	rules, err := s.cohorts.RulesOf(ctx, t.CohortID)
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

func (s *Service) submissionView(sub *models.Submission, rules cohorts.ExerciseRules) SubmissionView {
	v := SubmissionView{ID: sub.ID, Team: sub.TeamID, Exercise: sub.ExerciseSlug, Version: sub.Version, Status: sub.Status,
		AuthorID: sub.AuthorID, BodyMarkdown: sub.BodyMarkdown, BodyHTML: sub.BodyHTML, CreatedAt: sub.CreatedAt,
		Late: rules.LateFor(sub.TeamID, sub.ExerciseSlug, sub.CreatedAt), Reviews: []ReviewView{}}
	for _, r := range sub.Reviews {
		v.Reviews = append(v.Reviews, s.reviewView(sub.ExerciseSlug, r))
	}
	return v
}

func (s *Service) reviewView(exercise string, r models.Review) ReviewView {
	v := ReviewView{ID: r.ID, ReviewerID: r.ReviewerID, Decision: r.Decision, Comment: r.Comment, CreatedAt: r.CreatedAt}
	_ = json.Unmarshal([]byte(r.Scores), &v.Scores)
	v.Total = teams.SumPoints(v.Scores)
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
			fields["scores."+c.Criterion] = errs.Reason("reason.number_range", map[string]any{"Min": 0, "Max": c.MaxPoints})
		case !teams.InTenths(p):
			fields["scores."+c.Criterion] = "must have at most one decimal place (such as 2.5)"
		}
	}
	for k := range req.Scores {
		if !slices.ContainsFunc(ex.Rubric, func(c courses.Criterion) bool { return c.Criterion == k }) {
			fields["scores."+k] = "is not a criterion of this exercise's rubric"
		}
	}
	if utf8.RuneCountInString(req.Comment) > 10_000 {
		fields["comment"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 10_000})
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	scores, _ := json.Marshal(req.Scores)
	r := &models.Review{SubmissionID: sub.ID, ReviewerID: caller.ID, Decision: req.Decision, Scores: string(scores), Comment: strings.TrimSpace(req.Comment)}
	total, maxTotal := teams.SumPoints(req.Scores), 0
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
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		if err := s.store.AddReview(ctx, r, status, events); err != nil {
			return err
		}
		return s.notices.Notify(ctx, s.reviewNotices(t, sub, req.Decision)...)
	})
	if err != nil {
		return nil, err
	}
	v := s.reviewView(sub.ExerciseSlug, *r)
	return &v, nil
}
