package cohorts

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// CohortSummary is what someone asked to join a cohort sees of it before joining.
type CohortSummary struct {
	ID       string   `json:"id"`
	Name     string   `json:"name"`
	Tracks   []string `json:"tracks"`
	StartsOn string   `json:"starts_on,omitempty"`
	EndsOn   string   `json:"ends_on,omitempty"`
}

func summary(c *models.Cohort) CohortSummary {
	v := view(c, "")
	return CohortSummary{ID: v.ID, Name: v.Name, Tracks: v.Tracks, StartsOn: v.StartsOn, EndsOn: v.EndsOn}
}

// InvitationView is an invitation as the person invited sees it.
type InvitationView struct {
	ID        string        `json:"id"`
	Cohort    CohortSummary `json:"cohort"`
	InvitedBy string        `json:"invited_by"`
	InvitedAt time.Time     `json:"invited_at"`
	ExpiresAt time.Time     `json:"expires_at"`
}

// MyInvitations lists the pending invitations addressed to the caller's email.
func (s *Service) MyInvitations(ctx context.Context, caller Caller) ([]InvitationView, error) {
	me, err := s.store.UserByID(ctx, caller.ID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.PendingInvitations(ctx, me.Email, s.now())
	if err != nil {
		return nil, err
	}
	out := make([]InvitationView, 0, len(rows))
	for i := range rows {
		v, err := s.invitationView(ctx, &rows[i])
		if err != nil {
			return nil, err
		}
		out = append(out, *v)
	}
	return out, nil
}

func (s *Service) invitationView(ctx context.Context, inv *models.CohortInvitation) (*InvitationView, error) {
	c, err := s.store.CohortByID(ctx, inv.CohortID)
	if err != nil {
		return nil, err
	}
	inviter, err := s.store.UserByID(ctx, inv.InvitedBy)
	if err != nil {
		return nil, err
	}
	return &InvitationView{ID: inv.ID, Cohort: summary(c), InvitedBy: inviter.Name, InvitedAt: inv.CreatedAt, ExpiresAt: inv.ExpiresAt}, nil
}

// LookupInvitation shows the invitation a link's token belongs to, to whoever holds the link:
// 404 for no such token, 410 when it can no longer be answered.
func (s *Service) LookupInvitation(ctx context.Context, token string) (*InvitationView, error) {
	inv, err := s.store.InvitationByTokenHash(ctx, auth.HashSecret(token))
	if errors.Is(err, models.ErrNotFound) || token == "" {
		return nil, errs.NotFound("Invitation")
	}
	if err != nil {
		return nil, err
	}
	if err := s.answerable(inv); err != nil {
		return nil, err
	}
	return s.invitationView(ctx, inv)
}

// AnswerInvitation accepts or declines an invitation for the caller: one addressed to their
// email, or any whose link token they give. Accepting makes them a member from now on and
// returns the cohort; nothing is shared before.
func (s *Service) AnswerInvitation(ctx context.Context, caller Caller, id, token string, accept bool) (*Cohort, error) {
	inv, err := s.store.InvitationByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Invitation")
	}
	if err != nil {
		return nil, err
	}
	if ok, err := s.mayAnswer(ctx, caller, inv, token); err != nil || !ok {
		return nil, cmpErr(err, errs.NotFound("Invitation"))
	}
	if err := s.answerable(inv); err != nil {
		return nil, err
	}
	switch err := s.store.AnswerInvitation(ctx, inv.ID, caller.ID, accept); {
	case errors.Is(err, models.ErrExpired):
		return nil, errInvitationExpired
	case errors.Is(err, models.ErrAnswered):
		return nil, errInvitationAnswered
	case err != nil:
		return nil, err
	}
	if !accept {
		return nil, nil
	}
	c, err := s.store.CohortByID(ctx, inv.CohortID)
	if err != nil {
		return nil, err
	}
	v := view(c, "member")
	return &v, nil
}

// mayAnswer says whether the caller may answer inv: it is addressed to their email, or they
// hold its token.
func (s *Service) mayAnswer(ctx context.Context, caller Caller, inv *models.CohortInvitation, token string) (bool, error) {
	if token != "" {
		return auth.HashSecret(token) == inv.TokenHash, nil
	}
	me, err := s.store.UserByID(ctx, caller.ID)
	if err != nil {
		return false, err
	}
	return me.Email == inv.Email, nil
}

var (
	errInvitationExpired  = errs.New(http.StatusGone, "invitation_expired", "This invitation has expired. Ask your instructor for a new one.")
	errInvitationAnswered = errs.New(http.StatusGone, "invitation_answered", "This invitation has already been answered; it cannot be used again.")
	errInvitationRevoked  = errs.New(http.StatusGone, "invitation_revoked", "This invitation was withdrawn by the cohort's instructors.")
)

// answerable refuses an invitation that can no longer be answered, with 410 and why.
func (s *Service) answerable(inv *models.CohortInvitation) error {
	switch {
	case inv.Status == models.InvitationRevoked:
		return errInvitationRevoked
	case slices.Contains([]string{models.InvitationAccepted, models.InvitationDeclined, models.InvitationLeft}, inv.Status):
		return errInvitationAnswered
	case !s.now().Before(inv.ExpiresAt):
		return errInvitationExpired
	}
	return nil
}

// cmpErr returns err when there is one, else fallback.
func cmpErr(err, fallback error) error {
	if err != nil {
		return err
	}
	return fallback
}
