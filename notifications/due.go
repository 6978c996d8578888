package notifications

import (
	"context"
	"log/slog"
	"time"

	"tandem/courses"
	"tandem/i18n"
	"tandem/models"
)

// DueStore is what the due-date reminder needs from the database.
type DueStore interface {
	DueExercises(ctx context.Context, from, to string) ([]models.DueExercise, error)
	MembersYetToSubmit(ctx context.Context, cohortID, exercise string) ([]models.TeamMember, error)
	TeamExtraDays(ctx context.Context, cohortID string) (map[string]int, error)
}

// DueWindow is how long before a due date the members of a team that has not submitted are
// reminded.
const DueWindow = 48 * time.Hour

// DueReminder reminds the members of each team that has not submitted work on a cohort's
// exercise whose due date ends within DueWindow. Each learner is reminded once per cohort and
// exercise: the notice carries a key the database holds unique, so any number of servers may
// run the reminder at once. A team given later due dates (an accommodation) is reminded before
// its own due date, not the cohort's.
type DueReminder struct {
	Store    DueStore
	Notices  *Service
	Catalog  *courses.Catalog
	Log      *slog.Logger
	Now      func() time.Time // the clock, for tests; time.Now when nil
	Interval time.Duration
	// MaxExtraDays is the most days a team's due date can be moved by an accommodation: how far
	// back the reminder looks for due dates that some team has not reached yet.
	MaxExtraDays int
}

// Once writes the reminders due now and returns how many learners it looked at.
func (d *DueReminder) Once(ctx context.Context) (int, error) {
	now := time.Now().UTC()
	if d.Now != nil {
		now = d.Now().UTC()
	}
	// A due date ends at midnight in its cohort's zone, which is up to 14 hours from UTC.
	from, to := now.AddDate(0, 0, -1-d.MaxExtraDays), now.Add(DueWindow).AddDate(0, 0, 1)
	due, err := d.Store.DueExercises(ctx, from.Format(time.DateOnly), to.Format(time.DateOnly))
	if err != nil {
		return 0, err
	}
	seen, extras := 0, map[string]map[string]int{}
	for _, ex := range due {
		day, err := time.ParseInLocation(time.DateOnly, ex.DueOn, location(ex.TimeZone))
		if err != nil {
			continue
		}
		if _, ok := extras[ex.CohortID]; !ok {
			if extras[ex.CohortID], err = d.Store.TeamExtraDays(ctx, ex.CohortID); err != nil {
				return seen, err
			}
		}
		members, err := d.Store.MembersYetToSubmit(ctx, ex.CohortID, ex.ExerciseSlug)
		if err != nil {
			return seen, err
		}
		var notices []Notice
		for _, m := range members {
			ends := day.AddDate(0, 0, 1+extras[ex.CohortID][m.TeamID])
			if ends.After(now) && ends.Sub(now) <= DueWindow {
				notices = append(notices, d.notice(ex, ends, m))
			}
		}
		if err := d.Notices.Notify(ctx, notices...); err != nil {
			return seen, err
		}
		seen += len(notices)
	}
	return seen, nil
}

// notice is the reminder to member m of exercise ex, due for m's team at ends.
func (d *DueReminder) notice(ex models.DueExercise, ends time.Time, m models.TeamMember) Notice {
	title := ex.ExerciseSlug
	if e, ok := d.Catalog.Exercise(ex.ExerciseSlug); ok {
		title = e.Title
	}
	lastDay := ends.AddDate(0, 0, -1)
	day := Localized(func(lang string) string { return i18n.Weekday(lang, lastDay) })
	return Notice{UserID: m.UserID, Kind: "due.soon", Title: "“" + title + "” is due " + lastDay.Format("Monday 2 January"),
		Body: "Your team has not sent any work on it yet. The due date ends at midnight (" + ends.Location().String() + ").",
		Link: "/teams/" + ex.CohortID + "/" + m.TeamID + "/" + ex.ExerciseSlug, OnceKey: "due.soon:" + ex.CohortID + ":" + ex.ExerciseSlug,
		Data: map[string]any{"Exercise": title, "Day": day, "Zone": ends.Location().String()}}
}

// Run sends due reminders every Interval until ctx ends.
func (d *DueReminder) Run(ctx context.Context) {
	every(ctx, d.Interval, func() {
		if _, err := d.Once(ctx); err != nil {
			d.Log.Warn("due-date reminders failed; will retry", "err", err)
		}
	})
}
