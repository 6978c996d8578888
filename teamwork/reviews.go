package teamwork

import (
	"context"

	"tandem/errs"
	"tandem/models"
)

// QueueItem is one version of a team's work in a cohort's review queue: the version with its
// reviews, its team, and the last review of an earlier version of the same work, which the
// reviewer reads before this one.
type QueueItem struct {
	SubmissionView
	TeamName       string          `json:"team_name"`
	Members        []MemberView    `json:"members"`
	PreviousReview *PreviousReview `json:"previous_review"`
}

// PreviousReview is the last review of an earlier version, with that version's number.
type PreviousReview struct {
	Version int `json:"version"`
	ReviewView
}

// ReviewQueue lists the versions a cohort's teams sent, oldest first, for its instructors:
// with status "submitted", what waits for review. It returns up to limit of them after the
// submission id after.
func (s *Service) ReviewQueue(ctx context.Context, caller Caller, cohortID, status, after string, limit int) ([]QueueItem, error) {
	switch status {
	case "", "submitted", "accepted", "revision_requested":
	default:
		return nil, errs.Invalid(map[string]string{"status": "must be submitted, accepted or revision_requested"})
	}
	c, _, err := s.cohorts.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	page, earlier, err := s.store.CohortSubmissions(ctx, cohortID, status, after, limit)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.TeamsOf(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	rules, err := s.cohorts.RulesFor(ctx, c)
	if err != nil {
		return nil, err
	}
	teams, err := s.teamViews(ctx, rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]TeamView, len(teams))
	for _, t := range teams {
		byID[t.ID] = t
	}
	out := make([]QueueItem, 0, len(page))
	for i := range page {
		sub := &page[i]
		t := byID[sub.TeamID]
		item := QueueItem{SubmissionView: s.submissionView(sub, rules), TeamName: t.Name, Members: t.Members}
		if item.Members == nil {
			item.Members = []MemberView{}
		}
		item.PreviousReview = s.previousReview(sub, earlier)
		out = append(out, item)
	}
	return out, nil
}

// previousReview is the last review of the latest earlier version of sub that has one.
func (s *Service) previousReview(sub *models.Submission, earlier []models.Submission) *PreviousReview {
	var last *models.Submission
	for i := range earlier {
		e := &earlier[i]
		if e.TeamID == sub.TeamID && e.ExerciseSlug == sub.ExerciseSlug && e.Version < sub.Version && len(e.Reviews) > 0 {
			last = e // earlier is in version order
		}
	}
	if last == nil {
		return nil
	}
	return &PreviousReview{Version: last.Version, ReviewView: s.reviewView(last.ExerciseSlug, last.Reviews[len(last.Reviews)-1])}
}
