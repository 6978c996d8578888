package teamwork

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/courses"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
	"tandem/teams"
)

// Peer review between teams. An instructor sets an exercise of a cohort to cross review: an
// example answer with their own marks on the rubric (the calibration example), which
// discipline group marks each criterion, and the last day reviews are taken. The teams that
// submitted are paired (see pairTeams); each reviewer first marks the example on the criteria
// of their group, which measures their accuracy (see calibration_score.go), then marks the
// version their team was given. Teams see the reviews they received without the reviewers'
// names, as between teams in a blind review; instructors see everything, and their own review
// of a version stays the decision.

// crossReviewStore keeps cross reviews: set-up, pairing, calibrations and marks.
type crossReviewStore interface {
	CrossReviewOf(ctx context.Context, cohortID, exercise string) (*models.CrossReview, error)
	SaveCrossReview(ctx context.Context, cr *models.CrossReview) error
	AssignCrossReview(ctx context.Context, actorID, cohortID, exercise string, seed int64, pairs []models.CrossReviewPair) error
	CrossReviewPairs(ctx context.Context, cohortID, exercise string) ([]models.CrossReviewPair, error)
	SaveCalibration(ctx context.Context, c *models.CrossReviewCalibration) error
	Calibrations(ctx context.Context, cohortID, exercise string) ([]models.CrossReviewCalibration, error)
	SaveCrossReviewMark(ctx context.Context, m *models.CrossReviewMark) error
	CrossReviewMarks(ctx context.Context, cohortID, exercise string) ([]models.CrossReviewMark, error)
	LatestSubmissions(ctx context.Context, cohortID, exercise string) ([]models.Submission, error)
}

// CrossReviewSetup is what an instructor sets for an exercise's cross review.
type CrossReviewSetup struct {
	DueOn           string
	ExampleMarkdown string
	ExampleMarks    map[string]float64
	Groups          map[string]string
}

// CrossCriterion is a rubric criterion as cross reviewers see it: which group marks it and,
// for instructors and for reviewers of that group once calibrated, the example's marks.
type CrossCriterion struct {
	Criterion     string   `json:"criterion"`
	Description   string   `json:"description"`
	MaxPoints     int      `json:"max_points"`
	Group         string   `json:"group"`
	ExamplePoints *float64 `json:"example_points"`
}

// CrossReviewView is an exercise's cross review for its cohort: the set-up, and for a
// member of a team, where they stand (Mine).
type CrossReviewView struct {
	Exercise        string           `json:"exercise"`
	DueOn           string           `json:"due_on"`
	ExampleMarkdown string           `json:"example_markdown,omitempty"` // instructors only
	ExampleHTML     string           `json:"example_html"`
	Criteria        []CrossCriterion `json:"criteria"`
	Seed            *int64           `json:"seed"`
	AssignedAt      *time.Time       `json:"assigned_at"`
	Mine            *ReviewerView    `json:"mine"`
}

// exerciseRubric returns the exercise of the catalogue, or a 404.
func (s *Service) exerciseRubric(exercise string) (courses.Exercise, error) {
	ex, ok := s.catalog.Exercise(exercise)
	if !ok {
		return courses.Exercise{}, errs.NotFound("Exercise")
	}
	return *ex, nil
}

// SetCrossReview sets an exercise of a cohort to cross review, or changes the set-up until a
// reviewer has calibrated on it.
func (s *Service) SetCrossReview(ctx context.Context, caller Caller, cohortID, exercise string, req CrossReviewSetup) (*CrossReviewView, error) {
	c, _, err := s.cohorts.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	ex, err := s.exerciseRubric(exercise)
	if err != nil {
		return nil, err
	}
	rules, err := s.cohorts.RulesFor(ctx, c)
	if err != nil {
		return nil, err
	}
	fields := checkMarks("example_marks", ex.Rubric, req.ExampleMarks, func(courses.Criterion) bool { return true })
	if !rules.Allows(exercise) {
		fields["exercise"] = "is not an exercise of this cohort"
	}
	if strings.TrimSpace(req.ExampleMarkdown) == "" {
		fields["example_markdown"] = "must not be empty"
	} else if len(req.ExampleMarkdown) > MaxSubmission || !utf8.ValidString(req.ExampleMarkdown) {
		fields["example_markdown"] = MarkdownSizeReason()
	}
	if _, err := time.Parse(time.DateOnly, req.DueOn); req.DueOn != "" && err != nil {
		fields["due_on"] = "must be a date (YYYY-MM-DD)"
	}
	checkGroups(fields, ex.Rubric, req.Groups)
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	marks, _ := json.Marshal(req.ExampleMarks)
	groups, _ := json.Marshal(req.Groups)
	cr := &models.CrossReview{CohortID: c.ID, ExerciseSlug: exercise, ExampleMarkdown: req.ExampleMarkdown,
		ExampleHTML: teams.RenderSubmission(req.ExampleMarkdown), ExampleMarks: string(marks), Groups: string(groups), DueOn: req.DueOn, SetBy: caller.ID}
	err = s.store.SaveCrossReview(ctx, cr)
	if errors.Is(err, models.ErrCalibrationStarted) {
		return nil, errs.Conflict("calibration_started", "Reviewers have already calibrated on this example; it can no longer change.")
	}
	if err != nil {
		return nil, err
	}
	return s.CrossReview(ctx, caller, cohortID, exercise)
}

// checkGroups checks that every criterion of the rubric, and nothing else, has a group:
// clinical or technical.
func checkGroups(fields map[string]string, rubric []courses.Criterion, groups map[string]string) {
	known := map[string]bool{}
	for _, c := range rubric {
		known[c.Criterion] = true
		if g := groups[c.Criterion]; g != disciplines.Clinical && g != disciplines.Technical {
			fields["groups."+c.Criterion] = "must be clinical or technical"
		}
	}
	for k := range groups {
		if !known[k] {
			fields["groups."+k] = "is not a criterion of this exercise's rubric"
		}
	}
}

// CrossReview shows an exercise's cross review to the cohort's instructors and members.
func (s *Service) CrossReview(ctx context.Context, caller Caller, cohortID, exercise string) (*CrossReviewView, error) {
	c, role, err := s.cohorts.Access(ctx, caller, cohortID, false)
	if err != nil {
		return nil, err
	}
	cr, ex, err := s.crossReviewOf(ctx, c.ID, exercise)
	if err != nil {
		return nil, err
	}
	v := &CrossReviewView{Exercise: exercise, DueOn: cr.DueOn, ExampleHTML: cr.ExampleHTML, Seed: cr.Seed, AssignedAt: cr.AssignedAt}
	var shown func(group string) bool
	if role == "instructor" {
		v.ExampleMarkdown = cr.ExampleMarkdown
		shown = func(string) bool { return true }
	} else {
		if v.Mine, err = s.reviewerView(ctx, caller, c.ID, cr, ex); err != nil {
			return nil, err
		}
		shown = func(g string) bool { return v.Mine.Calibration != nil && g == v.Mine.Group }
	}
	example, groups := decodeMarks(cr.ExampleMarks), decodeGroups(cr.Groups)
	for _, k := range ex.Rubric {
		cc := CrossCriterion{Criterion: k.Criterion, Description: k.Description, MaxPoints: k.MaxPoints, Group: groups[k.Criterion]}
		if shown(cc.Group) {
			p := example[k.Criterion]
			cc.ExamplePoints = &p
		}
		v.Criteria = append(v.Criteria, cc)
	}
	return v, nil
}

// crossReviewOf reads an exercise's cross review set-up with the exercise.
func (s *Service) crossReviewOf(ctx context.Context, cohortID, exercise string) (*models.CrossReview, courses.Exercise, error) {
	ex, err := s.exerciseRubric(exercise)
	if err != nil {
		return nil, ex, err
	}
	cr, err := s.store.CrossReviewOf(ctx, cohortID, exercise)
	if errors.Is(err, models.ErrNotFound) {
		return nil, ex, errs.NotFound("Cross review")
	}
	return cr, ex, err
}

func decodeMarks(s string) map[string]float64 {
	out := map[string]float64{}
	_ = json.Unmarshal([]byte(s), &out)
	return out
}

func decodeGroups(s string) map[string]string {
	out := map[string]string{}
	_ = json.Unmarshal([]byte(s), &out)
	return out
}
