package cohorts

import (
	"context"
	"errors"
	"strconv"
	"time"

	"tandem/errs"
	"tandem/models"
)

// CohortExercise is a joint exercise a cohort works on, with its due date when one is set.
type CohortExercise struct {
	Slug    string `json:"slug"`
	Title   string `json:"title"`
	Minutes int    `json:"minutes,omitempty"`
	DueOn   string `json:"due_on,omitempty"`
}

// ExerciseList is what a cohort's teams work on. Chosen is false while the instructors have
// not chosen: then every exercise of the catalogue is open, without due dates.
type ExerciseList struct {
	Chosen bool             `json:"chosen"`
	Items  []CohortExercise `json:"items"`
}

// ExerciseChoice is one exercise an instructor chooses for a cohort.
type ExerciseChoice struct {
	Slug  string
	DueOn string
}

// MaxExercises bounds how many exercises one cohort takes.
const MaxExercises = 50

// Exercises lists a cohort's exercises, for its instructors and members.
func (s *Service) Exercises(ctx context.Context, caller Caller, cohortID string) (*ExerciseList, error) {
	if _, _, err := s.Access(ctx, caller, cohortID, false); err != nil {
		return nil, err
	}
	return s.exerciseList(ctx, cohortID)
}

func (s *Service) exerciseList(ctx context.Context, cohortID string) (*ExerciseList, error) {
	rows, err := s.store.CohortExercises(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	out := &ExerciseList{Chosen: len(rows) > 0, Items: []CohortExercise{}}
	if !out.Chosen {
		for _, x := range s.catalog.Exercises() {
			out.Items = append(out.Items, CohortExercise{Slug: x.Slug, Title: x.Title, Minutes: x.Minutes})
		}
		return out, nil
	}
	for _, r := range rows {
		item := CohortExercise{Slug: r.ExerciseSlug, Title: r.ExerciseSlug, DueOn: r.DueOn}
		if x, ok := s.catalog.Exercise(r.ExerciseSlug); ok { // one retired from the catalogue keeps its slug
			item.Title, item.Minutes = x.Title, x.Minutes
		}
		out.Items = append(out.Items, item)
	}
	return out, nil
}

// SetExercises replaces the exercises chosen for a cohort; an empty list opens every exercise
// of the catalogue again.
func (s *Service) SetExercises(ctx context.Context, caller Caller, cohortID string, choices []ExerciseChoice) (*ExerciseList, error) {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return nil, err
	}
	fields := map[string]string{}
	if len(choices) > MaxExercises {
		fields["exercises"] = errs.Reason("reason.exercises_most", map[string]any{"Max": MaxExercises})
	}
	seen := map[string]bool{}
	rows := make([]models.CohortExercise, 0, len(choices))
	for i, c := range choices {
		at := "exercises[" + strconv.Itoa(i) + "]"
		if _, ok := s.catalog.Exercise(c.Slug); !ok {
			fields[at+".slug"] = "is not an exercise of the catalogue"
		} else if seen[c.Slug] {
			fields[at+".slug"] = "is listed twice"
		}
		seen[c.Slug] = true
		if c.DueOn != "" {
			if _, err := time.Parse(time.DateOnly, c.DueOn); err != nil {
				fields[at+".due_on"] = "must be a date as YYYY-MM-DD"
			}
		}
		rows = append(rows, models.CohortExercise{ExerciseSlug: c.Slug, DueOn: c.DueOn})
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	err := s.store.SetCohortExercises(ctx, caller.ID, cohortID, rows)
	if errors.Is(err, models.ErrConflict) {
		return nil, errs.Conflict("exercises_changed", "The exercises were changed at the same time. Reload and try again.")
	}
	if err != nil {
		return nil, err
	}
	return s.exerciseList(ctx, cohortID)
}

// ExerciseRules is what a cohort's choice of exercises means for its teams' work.
type ExerciseRules struct {
	chosen bool
	open   map[string]bool      // the exercises chosen
	ends   map[string]time.Time // for those with a due date, the midnight that ends it in the cohort's time zone
	extra  map[string]int       // team id -> days its due dates move by its members' accommodations
}

// RulesOf reads the cohort's choice of exercises and its time zone.
func (s *Service) RulesOf(ctx context.Context, cohortID string) (ExerciseRules, error) {
	c, err := s.store.CohortByID(ctx, cohortID)
	if err != nil {
		return ExerciseRules{}, err
	}
	return s.RulesFor(ctx, c)
}

// RulesFor is RulesOf for a cohort already loaded.
func (s *Service) RulesFor(ctx context.Context, c *models.Cohort) (ExerciseRules, error) {
	rows, err := s.store.CohortExercises(ctx, c.ID)
	if err != nil {
		return ExerciseRules{}, err
	}
	r := newRules(c, rows)
	r.extra, err = s.store.TeamExtraDays(ctx, c.ID)
	return r, err
}

// newRules is the ExerciseRules of cohort c whose chosen exercises are rows. A due date ends
// at midnight in the cohort's time zone (UTC if it is unknown).
func newRules(c *models.Cohort, rows []models.CohortExercise) ExerciseRules {
	r := ExerciseRules{chosen: len(rows) > 0, open: make(map[string]bool, len(rows)), ends: make(map[string]time.Time, len(rows))}
	zone, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	for _, row := range rows {
		r.open[row.ExerciseSlug] = true
		if day, err := time.ParseInLocation(time.DateOnly, row.DueOn, zone); err == nil {
			r.ends[row.ExerciseSlug] = day.AddDate(0, 0, 1)
		}
	}
	return r
}

// Allows reports whether teams may submit work on exercise: any exercise until the
// instructors choose, then only those chosen.
func (r ExerciseRules) Allows(exercise string) bool {
	return !r.chosen || r.open[exercise]
}

// Late reports whether work on exercise sent at sent is late: after the end of its due date,
// when it has one.
func (r ExerciseRules) Late(exercise string, sent time.Time) bool {
	return r.LateFor("", exercise, sent)
}

// LateFor is Late for team's work: a team whose members were given later due dates
// (accommodations' extra days) is late only after the end of the due date moved by the most
// days given to any of its members, as they stand when asked.
func (r ExerciseRules) LateFor(team, exercise string, sent time.Time) bool {
	end, ok := r.DueEnd(team, exercise)
	return ok && !sent.Before(end)
}

// DueEnd is the moment team's work on exercise becomes late, if it has a due date.
func (r ExerciseRules) DueEnd(team, exercise string) (time.Time, bool) {
	end, ok := r.ends[exercise]
	if ok && r.extra[team] > 0 {
		end = end.AddDate(0, 0, r.extra[team])
	}
	return end, ok
}
