package teamwork

import (
	"context"

	"tandem/models"
	"tandem/notifications"
)

// Notifier tells team members what happened to their team and its work. It writes in the
// transaction ctx carries, so a notice exists exactly when the change it announces does.
type Notifier interface {
	Notify(ctx context.Context, notices ...notifications.Notice) error
}

// atomicStore runs a change and its notices in one transaction (see models.Store.InTx).
type atomicStore interface {
	InTx(ctx context.Context, fn func(ctx context.Context) error) error
}

// reviewNotices tell each member of team t that the review of sub came back: accepted, or with
// a revision asked for.
func (s *Service) reviewNotices(t *models.Team, sub *models.Submission, decision string) []notifications.Notice {
	title := sub.ExerciseSlug
	if ex, ok := s.catalog.Exercise(sub.ExerciseSlug); ok {
		title = ex.Title
	}
	kind, headline, body := "review.returned", "Your team's work on “"+title+"” was accepted", "Read the review and its scores."
	if decision == "revise" {
		kind, headline, body = "revision.requested", "A revision of your team's work on “"+title+"” was asked for", "Read the review, then send a new version."
	}
	out := make([]notifications.Notice, 0, len(t.Members))
	for _, m := range t.Members {
		out = append(out, notifications.Notice{UserID: m.UserID, Kind: kind, Title: headline, Body: body,
			Link: "/teams/" + t.CohortID + "/" + t.ID + "/" + sub.ExerciseSlug, Data: map[string]any{"Exercise": title}})
	}
	return out
}

// teamNotices tell each learner placed in a fresh team, or joining a kept one, which team it is.
func teamNotices(cohortID string, fresh []models.Team, joins []models.TeamMember, names map[string]string) []notifications.Notice {
	var out []notifications.Notice
	add := func(teamID, userID, name string) {
		out = append(out, notifications.Notice{UserID: userID, Kind: "team.formed", Title: "You are in " + name,
			Body: "Meet your teammates and see the exercises you will work on together.", Link: "/teams/" + cohortID + "/" + teamID,
			Data: map[string]any{"Team": name}})
	}
	for _, t := range fresh {
		for _, m := range t.Members {
			add(t.ID, m.UserID, t.Name)
		}
	}
	for _, j := range joins {
		add(j.TeamID, j.UserID, names[j.TeamID])
	}
	return out
}
