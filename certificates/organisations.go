package certificates

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
	"tandem/textinput"
)

// organisationStore is what organisations and their memberships need from the database.
type organisationStore interface {
	UsersByEmails(ctx context.Context, emails []string) ([]models.User, error)
	CreateOrganisation(ctx context.Context, actorID string, o *models.Organisation) error
	OrganisationByID(ctx context.Context, id string) (*models.Organisation, error)
	Organisations(ctx context.Context, ids []string) ([]models.Organisation, error)
	SetMembership(ctx context.Context, actorID string, m *models.Membership) error
	MembershipRole(ctx context.Context, orgID, userID string) (string, error)
	MembershipsOf(ctx context.Context, userID string) ([]models.Membership, error)
}

// OrganisationView is an organisation as the API shows it.
type OrganisationView struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	URL  string `json:"url,omitempty"`
}

func orgView(o *models.Organisation) OrganisationView {
	return OrganisationView{ID: o.ID, Name: o.Name, Kind: o.Kind, URL: o.URL}
}

// CreateOrganisation creates a society or university (platform admins only, checked by the route).
func (s *Service) CreateOrganisation(ctx context.Context, caller Caller, name, kind, link string) (*OrganisationView, error) {
	fields := map[string]string{}
	name = strings.TrimSpace(name)
	switch {
	case name == "" || utf8.RuneCountInString(name) > 200:
		fields["name"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 200})
	case textinput.NameProblem(name) != "":
		fields["name"] = textinput.NameProblem(name)
	}
	if kind != "society" && kind != "university" {
		fields["kind"] = "must be society or university"
	}
	if link != "" {
		if u, err := url.Parse(link); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			fields["url"] = "must be an http or https address"
		}
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	o := &models.Organisation{Name: name, Kind: kind, URL: link}
	if err := s.store.CreateOrganisation(ctx, caller.ID, o); err != nil {
		return nil, err
	}
	v := orgView(o)
	return &v, nil
}

// organisation loads an organisation and checks the caller administers it (a platform admin,
// or its society_admin). Others get 403, or 404 when the organisation does not exist.
func (s *Service) organisation(ctx context.Context, caller Caller, orgID string) (*models.Organisation, error) {
	o, err := s.store.OrganisationByID(ctx, orgID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Organisation")
	}
	if err != nil {
		return nil, err
	}
	if caller.IsAdmin() {
		return o, nil
	}
	role, err := s.store.MembershipRole(ctx, orgID, caller.ID)
	if err != nil {
		return nil, err
	}
	if role != auth.RoleSocietyAdmin {
		return nil, errs.Forbidden("Only this organisation's administrators may do this.")
	}
	return o, nil
}

// AddMember gives the user with email a role in the organisation. Only platform admins make
// content authors, who read every learner's lesson reports.
func (s *Service) AddMember(ctx context.Context, caller Caller, orgID, email, role string) error {
	if _, err := s.organisation(ctx, caller, orgID); err != nil {
		return err
	}
	if !slices.Contains(MemberRoles, role) {
		return errs.Invalid(map[string]string{"role": "must be society_admin, instructor, author or member"})
	}
	if role == auth.RoleAuthor && !caller.IsAdmin() {
		return errs.Forbidden("Only platform admins make content authors.")
	}
	users, err := s.store.UsersByEmails(ctx, []string{strings.ToLower(strings.TrimSpace(email))})
	if err != nil {
		return err
	}
	if len(users) != 1 {
		return errs.Invalid(map[string]string{"email": "belongs to no account"})
	}
	return s.store.SetMembership(ctx, caller.ID, &models.Membership{OrganisationID: orgID, UserID: users[0].ID, Role: role})
}

// MyOrganisation is an organisation the caller belongs to, with their role in it.
type MyOrganisation struct {
	OrganisationView
	Role string `json:"role"`
}

// MyOrganisations lists the organisations the caller belongs to.
func (s *Service) MyOrganisations(ctx context.Context, caller Caller) ([]MyOrganisation, error) {
	userID := caller.ID
	ms, err := s.store.MembershipsOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.OrganisationID)
	}
	byID, err := s.organisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]MyOrganisation, 0, len(ms))
	for _, m := range ms {
		if o, ok := byID[m.OrganisationID]; ok {
			out = append(out, MyOrganisation{OrganisationView: orgView(o), Role: m.Role})
		}
	}
	return out, nil
}

// organisationsByID loads the organisations with these ids, keyed by id.
func (s *Service) organisationsByID(ctx context.Context, ids []string) (map[string]*models.Organisation, error) {
	orgs, err := s.store.Organisations(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*models.Organisation, len(orgs))
	for i := range orgs {
		byID[orgs[i].ID] = &orgs[i]
	}
	return byID, nil
}

// MemberRoles are the roles a membership can carry.
var MemberRoles = []string{auth.RoleSocietyAdmin, auth.RoleInstructor, auth.RoleAuthor, "member"}
