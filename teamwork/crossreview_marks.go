package teamwork

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/courses"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
)

// ReviewerView is where a member of a team stands in a cross review: their group, their
// calibration, the version their team reviews with their own marks, and the reviews their
// team received, without the reviewers' names.
type ReviewerView struct {
	Group       string           `json:"group"`
	TeamID      string           `json:"team_id"`
	Calibration *CalibrationView `json:"calibration"`
	Assignment  *AssignmentView  `json:"assignment"`
	Received    []ReceivedReview `json:"received"`
	Scores      []CriterionScore `json:"scores"`
}

// AssignmentView is the version a reviewer's team reviews, with the reviewer's own marks.
type AssignmentView struct {
	SubmissionID string             `json:"submission_id"`
	Version      int                `json:"version"`
	BodyHTML     string             `json:"body_html"`
	Marks        map[string]float64 `json:"marks"`
	Comment      string             `json:"comment"`
	UpdatedAt    *time.Time         `json:"updated_at"`
}

// ReceivedReview is one reviewer's marks on a team's version; instructors also see who gave
// them and their weight.
type ReceivedReview struct {
	ReviewerID   string             `json:"reviewer_id,omitempty"`
	ReviewerName string             `json:"reviewer_name,omitempty"`
	Group        string             `json:"group"`
	Weight       *float64           `json:"weight,omitempty"`
	Marks        map[string]float64 `json:"marks"`
	Comment      string             `json:"comment"`
	UpdatedAt    time.Time          `json:"updated_at"`
}

// reviewerView is ReviewerView for the caller.
func (s *Service) reviewerView(ctx context.Context, caller Caller, cohortID string, cr *models.CrossReview, ex courses.Exercise) (*ReviewerView, error) {
	r, err := s.reviewerOf(ctx, caller, cohortID, cr, ex)
	if err != nil {
		return nil, err
	}
	v := &ReviewerView{Group: r.group, TeamID: r.team.ID, Received: []ReceivedReview{}, Scores: []CriterionScore{}}
	cals, pairs, marks, err := s.crossReviewRecords(ctx, cohortID, cr.ExerciseSlug)
	if err != nil {
		return nil, err
	}
	if i := slices.IndexFunc(cals, func(c models.CrossReviewCalibration) bool { return c.UserID == caller.ID }); i >= 0 {
		v.Calibration = &CalibrationView{Marks: decodeMarks(cals[i].Marks), Accuracy: cals[i].Accuracy, CreatedAt: cals[i].CreatedAt}
	}
	for _, p := range pairs {
		switch r.team.ID {
		case p.ReviewerTeamID:
			if v.Assignment, err = s.assignmentView(ctx, p, caller.ID, marks); err != nil {
				return nil, err
			}
		case p.RevieweeTeamID:
			received, err := s.receivedReviews(ctx, p.SubmissionID, marks, cals)
			if err != nil {
				return nil, err
			}
			v.Received, v.Scores = received, peerScores(ex, decodeGroups(cr.Groups), received, weightsOf(cals))
		}
	}
	for i := range v.Received {
		v.Received[i].ReviewerID, v.Received[i].ReviewerName, v.Received[i].Weight = "", "", nil
	}
	return v, nil
}

// crossReviewRecords reads an exercise's calibrations, pairs and marks in a cohort.
func (s *Service) crossReviewRecords(ctx context.Context, cohortID, exercise string) ([]models.CrossReviewCalibration, []models.CrossReviewPair, []models.CrossReviewMark, error) {
	cals, err := s.store.Calibrations(ctx, cohortID, exercise)
	if err != nil {
		return nil, nil, nil, err
	}
	pairs, err := s.store.CrossReviewPairs(ctx, cohortID, exercise)
	if err != nil {
		return nil, nil, nil, err
	}
	marks, err := s.store.CrossReviewMarks(ctx, cohortID, exercise)
	return cals, pairs, marks, err
}

func (s *Service) assignmentView(ctx context.Context, p models.CrossReviewPair, userID string, marks []models.CrossReviewMark) (*AssignmentView, error) {
	sub, err := s.store.SubmissionByID(ctx, p.SubmissionID)
	if err != nil {
		return nil, err
	}
	a := &AssignmentView{SubmissionID: sub.ID, Version: sub.Version, BodyHTML: sub.BodyHTML, Marks: map[string]float64{}}
	for _, m := range marks {
		if m.SubmissionID == sub.ID && m.ReviewerID == userID {
			a.Marks, a.Comment, a.UpdatedAt = decodeMarks(m.Marks), m.Comment, &m.UpdatedAt
		}
	}
	return a, nil
}

// receivedReviews is every review of a version, with the reviewers named and weighted.
func (s *Service) receivedReviews(ctx context.Context, submissionID string, marks []models.CrossReviewMark, cals []models.CrossReviewCalibration) ([]ReceivedReview, error) {
	var ids []string
	for _, m := range marks {
		if m.SubmissionID == submissionID {
			ids = append(ids, m.ReviewerID)
		}
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	weights := weightsOf(cals)
	out := []ReceivedReview{}
	for _, m := range marks {
		if m.SubmissionID != submissionID {
			continue
		}
		rv := ReceivedReview{ReviewerID: m.ReviewerID, Marks: decodeMarks(m.Marks), Comment: m.Comment, UpdatedAt: m.UpdatedAt}
		w := weights[m.ReviewerID]
		rv.Weight = &w
		if i := slices.IndexFunc(users, func(u models.User) bool { return u.ID == m.ReviewerID }); i >= 0 {
			rv.ReviewerName, rv.Group = users[i].Name, groupOf(users[i])
		}
		out = append(out, rv)
	}
	return out, nil
}

func weightsOf(cals []models.CrossReviewCalibration) map[string]float64 {
	out := make(map[string]float64, len(cals))
	for _, c := range cals {
		out[c.UserID] = c.Accuracy
	}
	return out
}

// peerScores scores each criterion of the rubric from the reviews of a version.
func peerScores(ex courses.Exercise, groups map[string]string, reviews []ReceivedReview, weights map[string]float64) []CriterionScore {
	out := make([]CriterionScore, 0, len(ex.Rubric))
	for _, c := range ex.Rubric {
		var ms []weightedMark
		for _, r := range reviews {
			if p, ok := r.Marks[c.Criterion]; ok {
				ms = append(ms, weightedMark{points: p, weight: weights[r.ReviewerID]})
			}
		}
		cs := CriterionScore{Criterion: c.Criterion, Group: groups[c.Criterion], MaxPoints: c.MaxPoints, Reviewers: len(ms)}
		cs.Weighted, cs.Spread, cs.Disagree = scoreCriterion(ms, c.MaxPoints)
		out = append(out, cs)
	}
	return out
}

// CrossReviewMarks is a reviewer's marks on the version their team reviews.
type CrossReviewMarks struct {
	Marks   map[string]float64
	Comment string
}

// ReviewAcross saves a reviewer's marks on the version their team was given, on the criteria
// of their group; saving again replaces them. Refused, with nothing stored: a reviewer whose
// team was given nothing (409 not_assigned), after the due date (409 review_closed), or who
// has not calibrated (409 calibration_required).
func (s *Service) ReviewAcross(ctx context.Context, caller Caller, cohortID, exercise string, req CrossReviewMarks) (*AssignmentView, error) {
	r, err := s.reviewerIn(ctx, caller, cohortID, exercise)
	if err != nil {
		return nil, err
	}
	c := r.cohort
	if closed(c, r.cr.DueOn, time.Now()) {
		return nil, errs.Conflict("review_closed", "The cross review closed at the end of its due date.")
	}
	fields := checkMarks("marks", r.rubric, req.Marks, func(courses.Criterion) bool { return true })
	if utf8.RuneCountInString(req.Comment) > 10_000 {
		fields["comment"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 10_000})
	}
	pairs, err := s.store.CrossReviewPairs(ctx, c.ID, exercise)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(pairs, func(p models.CrossReviewPair) bool { return p.ReviewerTeamID == r.team.ID })
	if i < 0 {
		return nil, errs.Conflict("not_assigned", "Your team has no version to review on this exercise.")
	}
	stored, _ := json.Marshal(req.Marks)
	m := &models.CrossReviewMark{SubmissionID: pairs[i].SubmissionID, ReviewerID: caller.ID, CohortID: c.ID, ExerciseSlug: exercise,
		ReviewerTeamID: r.team.ID, Marks: string(stored), Comment: strings.TrimSpace(req.Comment)}
	if err := s.saveMark(ctx, m, fields); err != nil {
		return nil, err
	}
	return s.assignmentView(ctx, pairs[i], caller.ID, []models.CrossReviewMark{*m})
}

// saveMark stores m unless fields name problems; the store checks calibration and pairing
// in the same transaction as the write.
func (s *Service) saveMark(ctx context.Context, m *models.CrossReviewMark, fields map[string]string) error {
	cals, err := s.store.Calibrations(ctx, m.CohortID, m.ExerciseSlug)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(cals, func(c models.CrossReviewCalibration) bool { return c.UserID == m.ReviewerID }) {
		return calibrationRequired()
	}
	if len(fields) > 0 {
		return errs.Invalid(fields)
	}
	switch err := s.store.SaveCrossReviewMark(ctx, m); {
	case errors.Is(err, models.ErrNotCalibrated):
		return calibrationRequired()
	case errors.Is(err, models.ErrNotAssigned):
		return errs.Conflict("not_assigned", "Your team was given another version to review.")
	default:
		return err
	}
}

// calibrationRequired refuses a review from a reviewer who has not calibrated.
func calibrationRequired() error {
	return errs.Conflict("calibration_required", "Mark the calibration example before you review.")
}

// closed reports whether a cross review due on dueOn is closed at now: after midnight at the
// end of that day in the cohort's time zone (UTC if unknown).
func closed(c *models.Cohort, dueOn string, now time.Time) bool {
	zone, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	day, err := time.ParseInLocation(time.DateOnly, dueOn, zone)
	return err == nil && !now.Before(day.AddDate(0, 0, 1))
}

func groupOf(u models.User) string { return disciplines.Group(u.Discipline) }
