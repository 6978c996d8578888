package cohorts

import (
	"context"

	"tandem/models"
	"tandem/notifications"
)

// Notifier tells people with an account that they were invited to a cohort. It writes in the
// transaction ctx carries, so a notice exists exactly when its invitation does.
type Notifier interface {
	Notify(ctx context.Context, notices ...notifications.Notice) error
}

// invitationNotices are the in-app notices of invitations to cohort c: one to each account
// at an invited address that is not in the cohort already. Whether there is one is never
// told to the instructors: the answer is the same either way. It also returns the language
// each account at an invited address chose, by address, for the invitation's mail.
func (s *Service) invitationNotices(ctx context.Context, c *models.Cohort, rows []models.CohortInvitation) ([]notifications.Notice, map[string]string, error) {
	emails := make([]string, len(rows))
	for i, r := range rows {
		emails[i] = r.Email
	}
	users, err := s.store.UsersByEmails(ctx, emails)
	if err != nil {
		return nil, nil, err
	}
	var out []notifications.Notice
	langs := map[string]string{}
	for _, u := range users {
		if u.Language != "" {
			langs[normalEmail(u.Email)] = u.Language
		}
		role, err := s.store.CohortRole(ctx, c.ID, u.ID)
		if err != nil {
			return nil, nil, err
		}
		if role != "" {
			continue
		}
		out = append(out, notifications.Notice{UserID: u.ID, Kind: "invitation.received", Title: "You are invited to join the cohort " + c.Name,
			Body: "Accept or decline the invitation on your invitations page.", Link: "/invitations",
			Data: map[string]any{"Cohort": c.Name}})
	}
	return out, langs, nil
}
