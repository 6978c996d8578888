package cohorts

import (
	"context"
	"errors"
	"time"

	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
)

// MemberList is who is in a cohort, as its instructors see it: the learners who joined, and
// the invitations not accepted, which show the address as typed and nothing else.
type MemberList struct {
	Members     []MemberRow     `json:"members"`
	Invitations []InvitationRow `json:"invitations"`
	JoinCode    *JoinCodeState  `json:"join_code"`
}

// MemberRow is a learner who joined the cohort.
type MemberRow struct {
	UserID      string    `json:"user_id"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Discipline  string    `json:"discipline"`
	Group       string    `json:"discipline_group"`
	Institution string    `json:"institution"`
	JoinedAt    time.Time `json:"joined_at"`
}

// InvitationRow is an invitation as the instructors see it. Status is "invited" until it
// expires ("expired"), whatever the person did short of accepting, or "left" for a learner
// who accepted and later left.
type InvitationRow struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Status    string    `json:"status"`
	InvitedAt time.Time `json:"invited_at"`
	ExpiresAt time.Time `json:"expires_at"`
}

// JoinCodeState says whether a cohort has a join code and until when; the code itself is
// shown only when it is made.
type JoinCodeState struct {
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	Expired   bool      `json:"expired"`
}

// Members lists a cohort's learners and open invitations for its instructors.
func (s *Service) Members(ctx context.Context, caller Caller, cohortID string) (*MemberList, error) {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return nil, err
	}
	members, err := s.store.CohortMembers(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	invitations, err := s.store.CohortInvitations(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	code, err := s.store.JoinCodeOf(ctx, cohortID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := &MemberList{Members: make([]MemberRow, 0, len(members)), Invitations: []InvitationRow{}}
	for _, m := range members {
		out.Members = append(out.Members, MemberRow{UserID: m.ID, Name: m.Name, Email: m.Email, Discipline: m.Discipline,
			Group: disciplines.Group(m.Discipline), Institution: m.Institution, JoinedAt: m.JoinedAt})
	}
	for _, inv := range invitations {
		status := "invited"
		switch {
		case inv.Status == models.InvitationAccepted:
			continue // the learner is listed among the members
		case inv.Status == models.InvitationLeft:
			status = "left"
		case !now.Before(inv.ExpiresAt):
			status = "expired"
		}
		out.Invitations = append(out.Invitations, InvitationRow{ID: inv.ID, Email: inv.EmailTyped, Status: status,
			InvitedAt: inv.CreatedAt, ExpiresAt: inv.ExpiresAt})
	}
	if code != nil {
		out.JoinCode = &JoinCodeState{CreatedAt: code.CreatedAt, ExpiresAt: code.ExpiresAt, Expired: !now.Before(code.ExpiresAt)}
	}
	return out, nil
}

// Leave takes the caller out of a cohort they are a learner of (see models.Store.LeaveCohort).
func (s *Service) Leave(ctx context.Context, caller Caller, cohortID string) error {
	_, role, err := s.Access(ctx, caller, cohortID, false)
	if err != nil {
		return err
	}
	if role != "member" {
		return errs.Forbidden("Only the cohort's learners leave it; its instructors stay.")
	}
	err = s.store.LeaveCohort(ctx, cohortID, caller.ID)
	if errors.Is(err, models.ErrNotFound) {
		return errs.NotFound("Cohort")
	}
	return err
}
