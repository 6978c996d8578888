package attempts

import (
	"context"

	"tandem/auth"
	"tandem/errs"
)

// MyAccommodation is an accommodation as the learner it is for sees it: what it gives and
// where, without staff's note or who set it.
type MyAccommodation struct {
	Cohort    string `json:"cohort,omitempty"`
	Quiz      string `json:"quiz,omitempty"`
	QuizTitle string `json:"quiz_title,omitempty"`
	Grant
}

// QuizAllowance is the time limit and attempts a learner gets at a quiz with their
// accommodations, beside the quiz's own: what an attempt started now would have.
type QuizAllowance struct {
	Quiz                 string `json:"quiz"`
	TimeLimitMinutes     int    `json:"time_limit_minutes"`
	MaxAttempts          int    `json:"max_attempts"`
	BaseTimeLimitMinutes int    `json:"base_time_limit_minutes"`
	BaseMaxAttempts      int    `json:"base_max_attempts"`
}

// MyAccommodations is what the caller's accommodations give them.
type MyAccommodations struct {
	Items     []MyAccommodation `json:"items"`
	Allowance *QuizAllowance    `json:"allowance,omitempty"`
}

// Mine lists the accommodations that fit the caller (their own and their cohorts'), and with
// quizSlug what they give at that quiz.
func (s *Accommodations) Mine(ctx context.Context, caller auth.Caller, quizSlug string) (*MyAccommodations, error) {
	rows, err := s.store.AccommodationsForLearner(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	out := &MyAccommodations{Items: make([]MyAccommodation, 0, len(rows))}
	for i := range rows {
		a := s.accommodationOf(&rows[i])
		out.Items = append(out.Items, MyAccommodation{Cohort: a.Cohort, Quiz: a.Quiz, QuizTitle: a.QuizTitle, Grant: a.Grant})
	}
	if quizSlug == "" {
		return out, nil
	}
	quiz, ok := s.catalog.Quiz(quizSlug)
	if !ok {
		return nil, errs.NotFound("Quiz")
	}
	fits := rows[:0:0]
	for _, r := range rows {
		if r.QuizSlug == "" || r.QuizSlug == quiz.Slug {
			fits = append(fits, r)
		}
	}
	limit, allowed := allowance(quiz, fits)
	out.Allowance = &QuizAllowance{Quiz: quiz.Slug, TimeLimitMinutes: int(limit.Minutes()), MaxAttempts: allowed,
		BaseTimeLimitMinutes: quiz.TimeLimitMinutes, BaseMaxAttempts: quiz.MaxAttempts}
	return out, nil
}
