package teamwork

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"time"

	"tandem/courses"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
	"tandem/teams"
)

// CalibrationView is a reviewer's calibration: their marks on the example and their accuracy.
type CalibrationView struct {
	Marks     map[string]float64 `json:"marks"`
	Accuracy  float64            `json:"accuracy"`
	CreatedAt time.Time          `json:"created_at"`
}

// reviewer is a member of a team of the cohort, about to calibrate or review.
type reviewer struct {
	cohort *models.Cohort
	cr     *models.CrossReview
	team   *models.Team
	group  string
	rubric []courses.Criterion // the criteria of their group
}

// reviewerOf finds the caller's team in the cohort and the criteria their group marks.
func (s *Service) reviewerOf(ctx context.Context, caller Caller, cohortID string, cr *models.CrossReview, ex courses.Exercise) (*reviewer, error) {
	mine, err := s.store.TeamsOfMember(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(mine, func(t models.Team) bool { return t.CohortID == cohortID })
	if i < 0 {
		return nil, errs.Forbidden("Only members of the cohort's teams review across teams.")
	}
	users, err := s.store.UsersByIDs(ctx, []string{caller.ID})
	if err != nil {
		return nil, err
	}
	if len(users) == 0 {
		return nil, errs.NotFound("User")
	}
	r := &reviewer{cr: cr, team: &mine[i], group: disciplines.Group(users[0].Discipline)}
	groups := decodeGroups(cr.Groups)
	for _, c := range ex.Rubric {
		if groups[c.Criterion] == r.group {
			r.rubric = append(r.rubric, c)
		}
	}
	return r, nil
}

// reviewerIn is the caller as a reviewer of an exercise's cross review in a cohort: a member
// of one of its teams whose discipline group marks some of the rubric's criteria.
func (s *Service) reviewerIn(ctx context.Context, caller Caller, cohortID, exercise string) (*reviewer, error) {
	c, role, err := s.cohorts.Access(ctx, caller, cohortID, false)
	if err != nil {
		return nil, err
	}
	if role == "instructor" {
		return nil, errs.Forbidden("Only members of the cohort's teams calibrate and review across teams; instructors review versions themselves.")
	}
	cr, ex, err := s.crossReviewOf(ctx, c.ID, exercise)
	if err != nil {
		return nil, err
	}
	r, err := s.reviewerOf(ctx, caller, c.ID, cr, ex)
	if err != nil {
		return nil, err
	}
	if len(r.rubric) == 0 {
		return nil, errs.Forbidden("No criterion of this rubric is marked by your discipline group.")
	}
	r.cohort = c
	return r, nil
}

// checkMarks checks marks on the criteria of rubric that mark selects: each one given, from 0
// to its maximum in tenths, and no other; problems are named under prefix.
func checkMarks(prefix string, rubric []courses.Criterion, marks map[string]float64, mark func(courses.Criterion) bool) map[string]string {
	fields := map[string]string{}
	for _, c := range rubric {
		if !mark(c) {
			continue
		}
		p, ok := marks[c.Criterion]
		switch {
		case !ok:
			fields[prefix+"."+c.Criterion] = "is required"
		case p < 0 || p > float64(c.MaxPoints):
			fields[prefix+"."+c.Criterion] = errs.Reason("reason.number_range", map[string]any{"Min": 0, "Max": c.MaxPoints})
		case !teams.InTenths(p):
			fields[prefix+"."+c.Criterion] = "must have at most one decimal place (such as 2.5)"
		}
	}
	for k := range marks {
		if !slices.ContainsFunc(rubric, func(c courses.Criterion) bool { return c.Criterion == k && mark(c) }) {
			fields[prefix+"."+k] = "is not a criterion you mark"
		}
	}
	return fields
}

// Calibrate records a reviewer's marks on the calibration example, on the criteria of their
// discipline group, and returns their accuracy. Each reviewer calibrates once: their accuracy
// is measured before they have seen the instructor's marks.
func (s *Service) Calibrate(ctx context.Context, caller Caller, cohortID, exercise string, marks map[string]float64) (*CalibrationView, error) {
	r, err := s.reviewerIn(ctx, caller, cohortID, exercise)
	if err != nil {
		return nil, err
	}
	c, cr := r.cohort, r.cr
	if fields := checkMarks("marks", r.rubric, marks, func(courses.Criterion) bool { return true }); len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	maxima := make(map[string]int, len(r.rubric))
	for _, k := range r.rubric {
		maxima[k.Criterion] = k.MaxPoints
	}
	stored, _ := json.Marshal(marks)
	cal := &models.CrossReviewCalibration{CohortID: c.ID, ExerciseSlug: exercise, UserID: caller.ID, Marks: string(stored),
		Accuracy: accuracy(marks, decodeMarks(cr.ExampleMarks), maxima)}
	err = s.store.SaveCalibration(ctx, cal)
	if errors.Is(err, models.ErrConflict) {
		return nil, errs.Conflict("already_calibrated", "You have already calibrated on this example.")
	}
	if err != nil {
		return nil, err
	}
	return &CalibrationView{Marks: marks, Accuracy: cal.Accuracy, CreatedAt: cal.CreatedAt}, nil
}
