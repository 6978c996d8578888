package lti

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"tandem/courses"
	"tandem/models"
	"tandem/progress"
	"tandem/quizzes"
	"tandem/teams"
)

// ScoreSource is what turning learning events into scores needs from the database.
type ScoreSource interface {
	LTIGradeEvents(ctx context.Context, after string, before time.Time, window, limit int) (models.LTIEventWindow, error)
	LTIPlacesOf(ctx context.Context, userID string) ([]models.LTIPlace, error)
	LTIGradeCursorAt(ctx context.Context, name string) (string, error)
	QueueLTIScores(ctx context.Context, cursor, eventID string, scores []models.LTIScore) error
	LTILineItemOf(ctx context.Context, registrationID, contextID, resourceID string) (*models.LTILineItem, error)
	AddLTILineItems(ctx context.Context, items []models.LTILineItem) error
	LTIContextServiceOf(ctx context.Context, registrationID, contextID string) (*models.LTIContextService, error)
	QuizStats(ctx context.Context, userIDs []string) ([]models.QuizStat, error)
	Completions(ctx context.Context, userID string) ([]models.LessonCompletion, error)
	TeamByID(ctx context.Context, id string) (*models.Team, error)
	PeerEvaluations(ctx context.Context, teamID, exercise string) ([]models.PeerEvaluation, error)
}

// AGS activity and grading progress values (LTI AGS 2.0 §3.4.6, §3.4.7).
const (
	activityCompleted  = "Completed"
	activityInProgress = "InProgress"
	gradingFullyGraded = "FullyGraded"
)

// scoresOf turns one learning event into the scores to publish: for each platform course the
// learner is in, the counted percent of a quiz, the completion of its module, and an
// exercise's review points times the learner's peer adjustment factor.
func scoresOf(ctx context.Context, st ScoreSource, cat *courses.Catalog, ev models.ProgressEvent) ([]models.LTIScore, error) {
	places, err := st.LTIPlacesOf(ctx, ev.UserID)
	if err != nil || len(places) == 0 {
		return nil, err
	}
	var out []models.LTIScore
	for _, p := range places {
		var scores []models.LTIScore
		switch ev.ObjectType {
		case "quiz":
			scores, err = quizScores(ctx, st, cat, p, ev)
		case "lesson":
			if l, ok := cat.Lesson(ev.ObjectID); ok {
				scores, err = moduleScore(ctx, st, p, ev, l.Module)
			}
		case "exercise":
			scores, err = exerciseScore(ctx, st, cat, p, ev)
		}
		if err != nil {
			return nil, err
		}
		out = append(out, scores...)
	}
	return out, nil
}

// lineItemOf returns the course's line item for resource, nil when there is none.
func lineItemOf(ctx context.Context, st ScoreSource, p models.LTIPlace, resource string) (*models.LTILineItem, error) {
	it, err := st.LTILineItemOf(ctx, p.RegistrationID, p.ContextID, resource)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil
	}
	return it, err
}

func newScore(p models.LTIPlace, ev models.ProgressEvent, it *models.LTILineItem, given float64, activity, comment string) models.LTIScore {
	return models.LTIScore{EventID: ev.ID, RegistrationID: p.RegistrationID, ContextID: p.ContextID, ResourceID: it.ResourceID,
		CohortID: p.CohortID, UserID: ev.UserID, Subject: p.Subject, Label: it.Label, ScoreGiven: math.Round(given*100) / 100,
		ScoreMaximum: it.ScoreMaximum, ActivityProgress: activity, GradingProgress: gradingFullyGraded, Comment: comment,
		ScoredAt: ev.CreatedAt}
}

// quizScores publishes a quiz's counted percent (the best or the last attempt, as the quiz
// grades) and the completion of its module, where the course has line items for them.
func quizScores(ctx context.Context, st ScoreSource, cat *courses.Catalog, p models.LTIPlace, ev models.ProgressEvent) ([]models.LTIScore, error) {
	q, ok := cat.Quiz(ev.ObjectID)
	if !ok {
		return nil, nil
	}
	var out []models.LTIScore
	it, err := lineItemOf(ctx, st, p, "quiz:"+q.Slug)
	if err != nil {
		return nil, err
	}
	if it != nil {
		stat, err := quizStat(ctx, st, ev.UserID, q.Slug)
		if err != nil || stat == nil {
			return nil, err
		}
		percent, counted := stat.BestPercent, "best"
		if q.Grading == quizzes.GradeLast {
			percent, counted = stat.LastPercent, "last"
		}
		out = append(out, newScore(p, ev, it, percent, activityCompleted,
			fmt.Sprintf("%s attempt of %d counts", counted, stat.Attempts)))
	}
	mod, err := moduleScore(ctx, st, p, ev, q.Module)
	return append(out, mod...), err
}

func quizStat(ctx context.Context, st ScoreSource, userID, slug string) (*models.QuizStat, error) {
	stats, err := st.QuizStats(ctx, []string{userID})
	if err != nil {
		return nil, err
	}
	for i := range stats {
		if stats[i].QuizSlug == slug {
			return &stats[i], nil
		}
	}
	return nil, nil
}

// moduleScore publishes how much of a module the learner has done, as a percent of its
// lessons and its quiz, Completed once the module is complete.
func moduleScore(ctx context.Context, st ScoreSource, p models.LTIPlace, ev models.ProgressEvent, m *courses.Module) ([]models.LTIScore, error) {
	it, err := lineItemOf(ctx, st, p, "module:"+m.Slug)
	if err != nil || it == nil {
		return nil, err
	}
	done, err := st.Completions(ctx, ev.UserID)
	if err != nil {
		return nil, err
	}
	lessons := 0
	for _, c := range done {
		if slices.ContainsFunc(m.Lessons, func(l *courses.Lesson) bool { return l.Slug == c.LessonSlug }) {
			lessons++
		}
	}
	var stat *models.QuizStat
	if m.Quiz != nil {
		if stat, err = quizStat(ctx, st, ev.UserID, m.Quiz.Slug); err != nil {
			return nil, err
		}
	}
	standing := progress.Standing(m, lessons, stat)
	steps, stepsDone := len(m.Lessons), lessons
	if m.Quiz != nil {
		steps++
		if standing.QuizPassed {
			stepsDone++
		}
	}
	activity := activityInProgress
	if standing.Completed {
		activity = activityCompleted
	}
	given := 0.0
	if steps > 0 {
		given = 100 * float64(stepsDone) / float64(steps)
	}
	return []models.LTIScore{newScore(p, ev, it, given, activity, fmt.Sprintf("%d of %d steps done", stepsDone, steps))}, nil
}

// exerciseScore publishes an exercise's review points; for team work, the team's points times
// the learner's peer adjustment factor, at most the rubric's maximum. An exercise's line item
// is made on its first score in a course that offers the line items service.
func exerciseScore(ctx context.Context, st ScoreSource, cat *courses.Catalog, p models.LTIPlace, ev models.ProgressEvent) ([]models.LTIScore, error) {
	var result struct {
		Score float64 `json:"score"`
	}
	if err := json.Unmarshal([]byte(ev.Result), &result); err != nil {
		return nil, nil
	}
	team, err := st.TeamByID(ctx, ev.TeamID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && team.CohortID != p.CohortID) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	it, err := exerciseLineItem(ctx, st, cat, p, ev.ObjectID)
	if err != nil || it == nil {
		return nil, err
	}
	factor, err := peerFactor(ctx, st, team, ev.ObjectID, ev.UserID)
	if err != nil {
		return nil, err
	}
	given := min(result.Score*factor, it.ScoreMaximum)
	comment := fmt.Sprintf("team points %g × peer adjustment factor %.2f", result.Score, factor)
	return []models.LTIScore{newScore(p, ev, it, given, activityCompleted, comment)}, nil
}

// exerciseLineItem returns the course's line item for an exercise, making its row when the
// course offers the line items service (nil when it does not).
func exerciseLineItem(ctx context.Context, st ScoreSource, cat *courses.Catalog, p models.LTIPlace, slug string) (*models.LTILineItem, error) {
	res := "exercise:" + slug
	if it, err := lineItemOf(ctx, st, p, res); err != nil || it != nil {
		return it, err
	}
	cs, err := st.LTIContextServiceOf(ctx, p.RegistrationID, p.ContextID)
	if errors.Is(err, models.ErrNotFound) || (err == nil && cs.LineItemsURL == "") {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	label, maximum := gradable(cat, res)
	if label == "" {
		return nil, nil
	}
	err = st.AddLTILineItems(ctx, []models.LTILineItem{{RegistrationID: p.RegistrationID, ContextID: p.ContextID,
		ResourceID: res, Label: label, ScoreMaximum: maximum}})
	if err != nil {
		return nil, err
	}
	return lineItemOf(ctx, st, p, res)
}

// peerFactor is a member's peer adjustment factor on an exercise, from the team's ratings.
func peerFactor(ctx context.Context, st ScoreSource, team *models.Team, exercise, userID string) (float64, error) {
	rows, err := st.PeerEvaluations(ctx, team.ID, exercise)
	if err != nil {
		return 0, err
	}
	ids := make([]string, 0, len(team.Members))
	for _, m := range team.Members {
		ids = append(ids, m.UserID)
	}
	ratings := make([]teams.Rating, 0, len(rows))
	for _, r := range rows {
		var scores map[string]int
		_ = json.Unmarshal([]byte(r.Scores), &scores)
		ratings = append(ratings, teams.Rating{RaterID: r.RaterID, RateeID: r.RateeID, Scores: scores})
	}
	for _, a := range teams.Adjustments(ids, ratings) {
		if a.UserID == userID {
			return a.Factor, nil
		}
	}
	return 1, nil
}
