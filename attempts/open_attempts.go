package attempts

import (
	"context"
	"time"

	"tandem/auth"
	"tandem/errs"
)

// OpenAttempt is a cohort member's timed attempt under way, as its instructors see it.
type OpenAttempt struct {
	ID        string    `json:"id"`
	User      string    `json:"user"`
	Name      string    `json:"name"`
	Quiz      string    `json:"quiz"`
	QuizTitle string    `json:"quiz_title"`
	Number    int       `json:"number"`
	StartedAt time.Time `json:"started_at"`
	Deadline  time.Time `json:"deadline"`
}

// OpenAttempts lists the cohort's members' timed attempts still under way, for its
// instructors and admins to extend one (Extend).
func (s *Accommodations) OpenAttempts(ctx context.Context, caller auth.Caller, cohort string) ([]OpenAttempt, error) {
	if cohort == "" {
		return nil, errs.Invalid(map[string]string{"cohort": "is required"})
	}
	if err := s.mayAccommodate(ctx, caller, cohort); err != nil {
		return nil, err
	}
	rows, err := s.store.OpenTimedAttempts(ctx, cohort, time.Now().UTC().Add(-Grace))
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(rows))
	for i := range rows {
		ids[i] = rows[i].UserID
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, u := range users {
		names[u.ID] = u.Name
	}
	out := make([]OpenAttempt, len(rows))
	for i, a := range rows {
		out[i] = OpenAttempt{ID: a.ID, User: a.UserID, Name: names[a.UserID], Quiz: a.QuizSlug, Number: a.Number,
			StartedAt: a.StartedAt, Deadline: *a.Deadline}
		if q, ok := s.catalog.Quiz(a.QuizSlug); ok {
			out[i].QuizTitle = q.Title
		}
	}
	return out, nil
}
