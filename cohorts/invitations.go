package cohorts

import (
	"bytes"
	"context"
	"errors"
	"strconv"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/i18n"
	"tandem/locale"
	"tandem/mail"
	"tandem/models"
)

// InvitationTTL is how long an invitation can be answered.
const InvitationTTL = 14 * 24 * time.Hour

// Invited is the answer to an invitation request: the addresses invited, as typed, whether
// or not they belong to an account, which it does not say.
type Invited struct {
	Invited   []string  `json:"invited"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Invite invites people to a cohort by email. Every valid address gets an invitation and a
// mail with a link to answer it, queued in the outbox with the invitation; the answer is the same for every address, and nothing here
// looks up accounts, so it reveals neither who has one nor who is in the cohort already.
// Invalid addresses refuse the whole request (422, one problem per invitee).
func (s *Service) Invite(ctx context.Context, caller Caller, cohortID string, list []Invitee) (*Invited, error) {
	return s.inviteList(ctx, caller, cohortID, list, func(i int) string { return "invitations." + strconv.Itoa(i) })
}

// inviteList invites list, naming the i-th invitee key(i) in problems.
func (s *Service) inviteList(ctx context.Context, caller Caller, cohortID string, list []Invitee, key func(i int) string) (*Invited, error) {
	c, _, err := s.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	valid, problems := checkInvitees(list, key, false)
	if len(problems) > 0 {
		return nil, errs.Invalid(problems)
	}
	return s.invite(ctx, caller, c, valid)
}

// ImportInvitations invites the people listed in a spreadsheet's CSV export (see
// ParseInviteesCSV): every row or none; each row with a problem is named in the 422.
func (s *Service) ImportInvitations(ctx context.Context, caller Caller, cohortID string, csv []byte) (*Invited, error) {
	c, _, err := s.Access(ctx, caller, cohortID, true)
	if err != nil {
		return nil, err
	}
	valid, problems := ParseInviteesCSV(bytes.NewReader(csv))
	if len(problems) > 0 {
		return nil, errs.Invalid(problems)
	}
	return s.invite(ctx, caller, c, valid)
}

func (s *Service) invite(ctx context.Context, caller Caller, c *models.Cohort, list []Invitee) (*Invited, error) {
	inviter, err := s.store.UserByID(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	expires := s.now().Add(InvitationTTL).Truncate(time.Second)
	rows := make([]models.CohortInvitation, len(list))
	tokens := map[string]string{} // token hash -> token
	out := &Invited{Invited: make([]string, len(list)), ExpiresAt: expires}
	for i, in := range list {
		token, hash := auth.NewSecret()
		tokens[hash] = token
		rows[i] = models.CohortInvitation{Email: normalEmail(in.Email), EmailTyped: in.Email, Name: in.Name, TokenHash: hash, ExpiresAt: expires}
		out.Invited[i] = in.Email
	}
	notices, langs, err := s.invitationNotices(ctx, c, rows)
	if err != nil {
		return nil, err
	}
	err = s.store.InTx(ctx, func(ctx context.Context) error {
		err := s.store.SaveInvitations(ctx, caller.ID, c.ID, rows, func(inv models.CohortInvitation) *models.OutboxMail {
			lang, ok := langs[inv.Email]
			if !ok {
				lang = locale.From(ctx)
			}
			return s.invitationMail(lang, inv, tokens[inv.TokenHash], inviter.Name, c.Name)
		})
		if err != nil {
			return err
		}
		return s.notices.Notify(ctx, notices...)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// invitationMail is the mail that carries an invitation's link, in lang: the language the
// account at the address chose, else the inviting instructor's. It names no account and
// greets by the name the instructor gave, if any.
func (s *Service) invitationMail(lang string, inv models.CohortInvitation, token, inviter, cohort string) *models.OutboxMail {
	m := mail.Compose(lang, "invitation", inv.Name, map[string]any{"Cohort": cohort, "Inviter": inviter,
		"Until": i18n.Date(lang, inv.ExpiresAt)}, s.baseURL+"/invitations#token="+token, "body", "privacy")
	m.To = inv.Email
	return m.Row()
}

// RevokeInvitation withdraws an invitation that was not accepted: its link stops working.
func (s *Service) RevokeInvitation(ctx context.Context, caller Caller, cohortID, invitationID string) error {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return err
	}
	err := s.store.RevokeInvitation(ctx, caller.ID, cohortID, invitationID)
	if errors.Is(err, models.ErrNotFound) {
		return errs.NotFound("Invitation")
	}
	return err
}
