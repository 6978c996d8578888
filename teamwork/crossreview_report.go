package teamwork

import (
	"context"
	"math"
	"slices"

	"tandem/models"
)

// TeamCrossResult is what one team's version received in a cross review, for instructors:
// each review with its reviewer and weight, the weighted score per criterion with
// disagreements flagged, and the instructor's own last review of that version, which stays
// the decision.
type TeamCrossResult struct {
	PairView
	Status           string           `json:"status"`
	LatestVersion    int              `json:"latest_version"` // above Version when the team sent more after the pairing
	Reviews          []ReceivedReview `json:"reviews"`
	Scores           []CriterionScore `json:"scores"`
	InstructorReview *ReviewView      `json:"instructor_review"`
}

// CalibrationRow is one reviewer's calibration, for instructors.
type CalibrationRow struct {
	UserID   string  `json:"user_id"`
	Name     string  `json:"name"`
	Group    string  `json:"group"`
	Accuracy float64 `json:"accuracy"`
}

// CrossReviewReport is an exercise's cross review as its instructors see it.
type CrossReviewReport struct {
	Exercise     string            `json:"exercise"`
	Seed         *int64            `json:"seed"`
	Items        []TeamCrossResult `json:"items"`
	Calibrations []CalibrationRow  `json:"calibrations"`
	Unpaired     []string          `json:"unpaired"` // teams that submitted after the pairing
}

// CrossReviewResults reports an exercise's cross review to the cohort's instructors.
func (s *Service) CrossReviewResults(ctx context.Context, caller Caller, cohortID, exercise string) (*CrossReviewReport, error) {
	c, _, err := s.cohorts.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	cr, ex, err := s.crossReviewOf(ctx, c.ID, exercise)
	if err != nil {
		return nil, err
	}
	cals, pairs, marks, err := s.crossReviewRecords(ctx, c.ID, exercise)
	if err != nil {
		return nil, err
	}
	out := &CrossReviewReport{Exercise: exercise, Seed: cr.Seed, Items: []TeamCrossResult{}, Unpaired: []string{}}
	if out.Calibrations, err = s.calibrationRows(ctx, cals); err != nil {
		return nil, err
	}
	views, err := s.pairViews(ctx, c.ID, pairs, nil)
	if err != nil {
		return nil, err
	}
	groups, weights := decodeGroups(cr.Groups), weightsOf(cals)
	for _, pv := range views {
		item, err := s.teamCrossResult(ctx, pv, exercise)
		if err != nil {
			return nil, err
		}
		if item.Reviews, err = s.receivedReviews(ctx, pv.SubmissionID, marks, cals); err != nil {
			return nil, err
		}
		item.Scores = peerScores(ex, groups, item.Reviews, weights)
		compareWithInstructor(item.Scores, item.InstructorReview)
		out.Items = append(out.Items, *item)
	}
	latest, err := s.store.LatestSubmissions(ctx, c.ID, exercise)
	if err != nil {
		return nil, err
	}
	for _, l := range latest {
		if !slices.ContainsFunc(pairs, func(p models.CrossReviewPair) bool { return p.RevieweeTeamID == l.TeamID }) {
			out.Unpaired = append(out.Unpaired, l.TeamID)
		}
	}
	return out, nil
}

// compareWithInstructor puts the instructor's points beside each peer score and flags those
// further apart than DisagreementShare of the criterion's maximum.
func compareWithInstructor(scores []CriterionScore, r *ReviewView) {
	if r == nil {
		return
	}
	for i := range scores {
		p, ok := r.Scores[scores[i].Criterion]
		if !ok {
			continue
		}
		scores[i].Instructor = &p
		w := scores[i].Weighted
		scores[i].DiffersFromInstructor = w != nil && math.Abs(*w-p) > DisagreementShare*float64(scores[i].MaxPoints)
	}
}

// calibrationRows names the reviewers who calibrated.
func (s *Service) calibrationRows(ctx context.Context, cals []models.CrossReviewCalibration) ([]CalibrationRow, error) {
	ids := make([]string, len(cals))
	for i, c := range cals {
		ids[i] = c.UserID
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]CalibrationRow, 0, len(cals))
	for _, c := range cals {
		row := CalibrationRow{UserID: c.UserID, Accuracy: c.Accuracy}
		if i := slices.IndexFunc(users, func(u models.User) bool { return u.ID == c.UserID }); i >= 0 {
			row.Name, row.Group = users[i].Name, groupOf(users[i])
		}
		out = append(out, row)
	}
	return out, nil
}

// teamCrossResult is the reviewed version of a pair with the team's latest version number
// and the instructor's last review of the reviewed version.
func (s *Service) teamCrossResult(ctx context.Context, pv PairView, exercise string) (*TeamCrossResult, error) {
	subs, err := s.store.SubmissionsOf(ctx, pv.RevieweeTeamID)
	if err != nil {
		return nil, err
	}
	item := &TeamCrossResult{PairView: pv}
	for _, sub := range subs {
		if sub.ExerciseSlug != exercise {
			continue
		}
		item.LatestVersion = max(item.LatestVersion, sub.Version)
		if sub.ID == pv.SubmissionID {
			item.Version, item.Status = sub.Version, sub.Status
			if len(sub.Reviews) > 0 {
				rv := s.reviewView(exercise, sub.Reviews[len(sub.Reviews)-1])
				item.InstructorReview = &rv
			}
		}
	}
	return item, nil
}
