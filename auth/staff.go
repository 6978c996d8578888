package auth

import (
	"context"
	"errors"
	"time"

	"tandem/errs"
	"tandem/locale"
	"tandem/mail"
	"tandem/models"
)

// StaffStore is what managing instructors needs from the database.
type StaffStore interface {
	UsersWithRole(ctx context.Context, role string) ([]models.User, error)
	SetUserRole(ctx context.Context, actorID, userID, role string) error
}

// Staff lets platform admins make instructors: by promoting an account, or by creating one
// whose owner chooses the password through a mailed link.
type Staff struct {
	store    StaffStore
	accounts *Service
}

// NewStaff wires instructor management on top of the account rules.
func NewStaff(store StaffStore, accounts *Service) *Staff {
	return &Staff{store: store, accounts: accounts}
}

// WelcomeTTL is how long the link that lets a new instructor choose a password works.
const WelcomeTTL = 72 * time.Hour

// Instructors lists the accounts that hold the instructor role.
func (s *Staff) Instructors(ctx context.Context) ([]models.User, error) {
	return s.store.UsersWithRole(ctx, RoleInstructor)
}

// NewInstructor names an instructor: by email, and for an account still to create, by name,
// discipline and institution too.
type NewInstructor struct {
	Email, Name, Discipline, Institution string
}

// AddInstructor makes the account with in.Email an instructor, or creates it (created true)
// when no account has the address. A new account's owner gets a mail with a link to choose a
// password; the address counts as confirmed, since an admin typed it. Platform admins keep
// their role.
func (s *Staff) AddInstructor(ctx context.Context, caller Caller, in NewInstructor) (*models.User, bool, error) {
	fields := map[string]string{}
	email := checkEmail(in.Email, fields)
	if len(fields) > 0 {
		return nil, false, errs.Invalid(fields)
	}
	u, err := s.accounts.store.UserByEmail(ctx, email)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return s.create(ctx, caller, in)
	case err != nil:
		return nil, false, err
	case u.Role == RoleAdmin:
		return nil, false, errs.Conflict("already_admin", "This account is a platform admin, who can do all an instructor can.")
	case u.Role != RoleInstructor:
		if err := s.store.SetUserRole(ctx, caller.ID, u.ID, RoleInstructor); err != nil {
			return nil, false, err
		}
		u.Role = RoleInstructor
	}
	return u, false, nil
}

func (s *Staff) create(ctx context.Context, caller Caller, in NewInstructor) (*models.User, bool, error) {
	// Nobody knows this password: the owner chooses theirs through the mailed link.
	unknown, _ := newRefreshToken()
	u, err := s.accounts.create(ctx, Registration{Email: in.Email, Password: unknown, Name: in.Name,
		Discipline: in.Discipline, Institution: in.Institution}, RoleLearner)
	if err != nil {
		return nil, false, err
	}
	if err := s.store.SetUserRole(ctx, caller.ID, u.ID, RoleInstructor); err != nil {
		return nil, false, err
	}
	u.Role = RoleInstructor
	token, hash := newRefreshToken()
	err = s.accounts.store.IssueAccountToken(ctx, &models.AccountToken{UserID: u.ID, Purpose: models.PurposeResetPassword,
		TokenHash: hash, Email: u.Email, ExpiresAt: time.Now().UTC().Add(WelcomeTTL)},
		welcomeInstructorMail(locale.From(ctx), u.ID, u.Name, u.Email, s.accounts.link("/reset-password#token="+token)))
	if err != nil {
		return nil, false, err
	}
	return u, true, nil
}

// welcomeInstructorMail is written in lang, the language of the admin who created the
// account: the new owner has chosen none yet.
func welcomeInstructorMail(lang, userID, name, email, link string) *models.OutboxMail {
	m := mail.Compose(lang, "instructor_welcome", name, nil, link, "body")
	m.To, m.UserID = email, userID
	return m.Row()
}
