package certificates

import (
	"context"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
	"tandem/textinput"
)

// AdminStore is what administering organisations, programmes and issued certificates needs
// from the database, beside what issuing does.
type AdminStore interface {
	AllOrganisations(ctx context.Context) ([]models.OrganisationSummary, error)
	UpdateOrganisation(ctx context.Context, actorID string, o *models.Organisation) error
	MembersOf(ctx context.Context, orgID string) ([]models.OrganisationMember, error)
	RemoveMembership(ctx context.Context, actorID, orgID, userID string) error
	ProgrammesOf(ctx context.Context, orgID string) ([]models.Programme, error)
	CertificateCounts(ctx context.Context, programmeIDs []string) (map[string]int, error)
	UpdateProgramme(ctx context.Context, actorID string, p *models.Programme, changed []string) error
	RetireProgramme(ctx context.Context, actorID, id string) (time.Time, error)
	SearchCertificates(ctx context.Context, q models.CertificateQuery) ([]models.IssuedCertificate, error)
	ReissueCertificate(ctx context.Context, old string, c *models.Certificate, ev models.ProgressEvent) error
}

// Admin runs the administration of organisations for platform admins and, for their own
// organisation, its society admins: members and roles, programmes, and issued certificates.
type Admin struct {
	svc   *Service
	store AdminStore
}

// NewAdmin wires administration beside issuance.
func NewAdmin(svc *Service, store AdminStore) *Admin {
	return &Admin{svc: svc, store: store}
}

// OrganisationSummary is an organisation in the platform admins' list.
type OrganisationSummary struct {
	OrganisationView
	Members   int       `json:"members"`
	CreatedAt time.Time `json:"created_at"`
}

// Organisations lists every organisation by name (platform admins only, checked by the route).
func (a *Admin) Organisations(ctx context.Context) ([]OrganisationSummary, error) {
	rows, err := a.store.AllOrganisations(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]OrganisationSummary, 0, len(rows))
	for i := range rows {
		out = append(out, OrganisationSummary{OrganisationView: orgView(&rows[i].Organisation), Members: rows[i].Members, CreatedAt: rows[i].CreatedAt})
	}
	return out, nil
}

// Organisation returns an organisation the caller administers.
func (a *Admin) Organisation(ctx context.Context, caller Caller, orgID string) (*OrganisationView, error) {
	o, err := a.svc.organisation(ctx, caller, orgID)
	if err != nil {
		return nil, err
	}
	v := orgView(o)
	return &v, nil
}

// UpdateOrganisation renames an organisation or changes its address, for platform admins and
// the organisation's own administrators. Its kind stays: a society's certificates name it as
// their issuer.
func (a *Admin) UpdateOrganisation(ctx context.Context, caller Caller, orgID, name, link string) (*OrganisationView, error) {
	o, err := a.svc.organisation(ctx, caller, orgID)
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	name = strings.TrimSpace(name)
	switch {
	case name == "" || utf8.RuneCountInString(name) > 200:
		fields["name"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 200})
	case textinput.NameProblem(name) != "":
		fields["name"] = textinput.NameProblem(name)
	}
	link = strings.TrimSpace(link)
	if u, err := url.Parse(link); link != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
		fields["url"] = "must be an http or https address"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	o.Name, o.URL = name, link
	if err := a.store.UpdateOrganisation(ctx, caller.ID, o); err != nil {
		return nil, err
	}
	v := orgView(o)
	return &v, nil
}

// Member is someone's role in an organisation, as its administrators see it.
type Member struct {
	UserID string    `json:"user_id"`
	Email  string    `json:"email"`
	Name   string    `json:"name"`
	Role   string    `json:"role"`
	Since  time.Time `json:"since"`
}

// Members lists an organisation's members for its administrators.
func (a *Admin) Members(ctx context.Context, caller Caller, orgID string) ([]Member, error) {
	if _, err := a.svc.organisation(ctx, caller, orgID); err != nil {
		return nil, err
	}
	rows, err := a.store.MembersOf(ctx, orgID)
	if err != nil {
		return nil, err
	}
	out := make([]Member, 0, len(rows))
	for _, m := range rows {
		out = append(out, Member{UserID: m.UserID, Email: m.Email, Name: m.Name, Role: m.Role, Since: m.CreatedAt})
	}
	return out, nil
}

var errOwnRole = errs.Forbidden("You cannot change or remove your own role here; ask another administrator.")

// ChangeRole gives a member of the organisation another role.
func (a *Admin) ChangeRole(ctx context.Context, caller Caller, orgID, userID, role string) error {
	if _, err := a.member(ctx, caller, orgID, userID); err != nil {
		return err
	}
	if !slices.Contains(MemberRoles, role) {
		return errs.Invalid(map[string]string{"role": "must be society_admin, instructor, author or member"})
	}
	if role == auth.RoleAuthor && !caller.IsAdmin() {
		return errs.Forbidden("Only platform admins make content authors.")
	}
	return a.svc.store.SetMembership(ctx, caller.ID, &models.Membership{OrganisationID: orgID, UserID: userID, Role: role})
}

// RemoveMember takes a member's role in the organisation away.
func (a *Admin) RemoveMember(ctx context.Context, caller Caller, orgID, userID string) error {
	if _, err := a.member(ctx, caller, orgID, userID); err != nil {
		return err
	}
	err := a.store.RemoveMembership(ctx, caller.ID, orgID, userID)
	if errors.Is(err, models.ErrNotFound) {
		return errs.NotFound("Member")
	}
	return err
}

// member checks the caller administers the organisation, that userID is someone else, and
// returns that member's role; 404 when they have none.
func (a *Admin) member(ctx context.Context, caller Caller, orgID, userID string) (string, error) {
	if _, err := a.svc.organisation(ctx, caller, orgID); err != nil {
		return "", err
	}
	if userID == caller.ID {
		return "", errOwnRole
	}
	role, err := a.svc.store.MembershipRole(ctx, orgID, userID)
	if err != nil {
		return "", err
	}
	if role == "" {
		return "", errs.NotFound("Member")
	}
	return role, nil
}
