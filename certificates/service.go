package certificates

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/auth"
	"tandem/courses"
	"tandem/errs"
	"tandem/keys"
	"tandem/models"
	"tandem/progress"
	"tandem/textinput"
)

// Store is what certificate issuance needs from the database.
type Store interface {
	UserByID(ctx context.Context, id string) (*models.User, error)
	UsersByEmails(ctx context.Context, emails []string) ([]models.User, error)
	CreateOrganisation(ctx context.Context, actorID string, o *models.Organisation) error
	OrganisationByID(ctx context.Context, id string) (*models.Organisation, error)
	Organisations(ctx context.Context, ids []string) ([]models.Organisation, error)
	SetMembership(ctx context.Context, actorID string, m *models.Membership) error
	MembershipRole(ctx context.Context, orgID, userID string) (string, error)
	MembershipsOf(ctx context.Context, userID string) ([]models.Membership, error)
	CreateProgramme(ctx context.Context, p *models.Programme) error
	ProgrammeByID(ctx context.Context, id string) (*models.Programme, error)
	Programmes(ctx context.Context) ([]models.Programme, error)
	AcceptedExercises(ctx context.Context, userID string) ([]string, error)
	ExercisesOffered(ctx context.Context, userID string) (models.OfferedExercises, error)
	IssueCertificate(ctx context.Context, c *models.Certificate, ev models.ProgressEvent) (*models.Certificate, bool, error)
	CertificateBySerial(ctx context.Context, serial string) (*models.Certificate, error)
	CertificatesOf(ctx context.Context, userID string) ([]models.Certificate, error)
	CertificatesOfProgramme(ctx context.Context, programmeID string) ([]models.Certificate, error)
	RevokeCertificate(ctx context.Context, actorID, serial, reason string) error
	RevokedIndexes(ctx context.Context, orgID, list string) ([]int, error)
	RevokedCredentialIDs(ctx context.Context, orgID string) ([]string, error)
	offerStore
}

// Service runs organisations, programmes and certificates.
type Service struct {
	store    Store
	catalog  *courses.Catalog
	progress *progress.Service
	ring     *keys.Ring
	baseURL  string
	font     *Font // for names the embedded fonts cannot print; nil for none
	now      func() time.Time
}

// NewService wires certificate issuance; font, when not nil, prints in the PDF the names and
// titles the embedded fonts cannot.
func NewService(store Store, catalog *courses.Catalog, prog *progress.Service, ring *keys.Ring, baseURL string, font *Font) *Service {
	return &Service{store: store, catalog: catalog, progress: prog, ring: ring, baseURL: baseURL, font: font, now: func() time.Time { return time.Now().UTC() }}
}

// Caller is who is asking.
type Caller = auth.Caller

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
		fields["name"] = "must be 1 to 200 characters"
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

// MemberRoles are the roles a membership can carry.
var MemberRoles = []string{auth.RoleSocietyAdmin, auth.RoleInstructor, auth.RoleAuthor, "member"}

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

// ProgrammeInput is what a society admin sends to define a programme.
type ProgrammeInput struct {
	Title, Description string
	Tracks             []string
	MinQuizPercent     int
	Exercises          []string
	Credits            float64
	CreditUnit         string
	ValidityDays       int
}

// ProgrammeView is a programme as the API shows it.
type ProgrammeView struct {
	ID             string           `json:"id"`
	Title          string           `json:"title"`
	Description    string           `json:"description"`
	Tracks         []string         `json:"tracks"`
	MinQuizPercent int              `json:"min_quiz_percent"`
	Exercises      []string         `json:"exercises"`
	Credits        float64          `json:"credits"`
	CreditUnit     string           `json:"credit_unit"`
	ValidityDays   int              `json:"validity_days"`
	Issuer         OrganisationView `json:"issuer"`
	// LearningMinutes is what the programme's lessons and exercises take today, the most that
	// credits in hours may claim.
	LearningMinutes int `json:"learning_minutes"`
}

func (s *Service) programmeView(p *models.Programme, o *models.Organisation) ProgrammeView {
	v := ProgrammeView{ID: p.ID, Title: p.Title, Description: p.Description, MinQuizPercent: p.MinQuizPercent,
		Credits: p.Credits, CreditUnit: p.CreditUnit, ValidityDays: p.ValidityDays, Issuer: orgView(o)}
	_ = json.Unmarshal([]byte(p.Tracks), &v.Tracks)
	_ = json.Unmarshal([]byte(p.Exercises), &v.Exercises)
	if v.Exercises == nil {
		v.Exercises = []string{}
	}
	v.LearningMinutes = s.learningMinutes(v.Tracks, v.Exercises)
	return v
}

// CreateProgramme defines a certificate programme of a society.
func (s *Service) CreateProgramme(ctx context.Context, caller Caller, orgID string, in ProgrammeInput) (*ProgrammeView, error) {
	o, err := s.organisation(ctx, caller, orgID)
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	if o.Kind != "society" {
		fields["organisation"] = "only societies issue certificates"
	}
	title := strings.TrimSpace(in.Title)
	switch {
	case title == "" || utf8.RuneCountInString(title) > 300:
		fields["title"] = "must be 1 to 300 characters"
	case textinput.NameProblem(title) != "":
		fields["title"] = textinput.NameProblem(title)
	}
	if len(in.Tracks) == 0 && len(in.Exercises) == 0 {
		fields["tracks"] = "must name at least one track or exercise (a programme needs a requirement)"
	}
	if len(in.Tracks) == 0 && in.MinQuizPercent > 0 {
		fields["min_quiz_percent"] = "must be 0 when the programme requires no track: quizzes belong to tracks"
	}
	for _, t := range in.Tracks {
		if _, ok := s.catalog.Track(t); !ok {
			fields["tracks"] = "must be slugs of catalogue tracks"
		}
	}
	for _, e := range in.Exercises {
		if _, ok := s.catalog.Exercise(e); !ok {
			fields["exercises"] = "must be slugs of catalogue exercises"
		}
	}
	if in.MinQuizPercent < 0 || in.MinQuizPercent > 100 {
		fields["min_quiz_percent"] = "must be from 0 to 100"
	}
	if in.Credits < 0 || in.Credits > 1000 {
		fields["credits"] = "must be from 0 to 1000"
	}
	if in.Credits > 0 && strings.TrimSpace(in.CreditUnit) == "" {
		fields["credit_unit"] = "is required when credits are given (e.g. CME hours)"
	}
	if _, known := fields["credits"]; !known && fields["tracks"] == "" && fields["exercises"] == "" {
		if why := checkHours(in.Credits, in.CreditUnit, s.learningMinutes(in.Tracks, in.Exercises)); why != "" {
			fields["credits"] = why
		}
	}
	if in.ValidityDays < 0 || in.ValidityDays > 3650 {
		fields["validity_days"] = "must be from 0 (no expiry) to 3650"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	tracks, _ := json.Marshal(nonNil(in.Tracks))
	exercises, _ := json.Marshal(nonNil(in.Exercises))
	p := &models.Programme{OrganisationID: o.ID, Title: title, Description: strings.TrimSpace(in.Description), Tracks: string(tracks),
		MinQuizPercent: in.MinQuizPercent, Exercises: string(exercises), Credits: in.Credits, CreditUnit: strings.TrimSpace(in.CreditUnit),
		ValidityDays: in.ValidityDays, CreatedBy: caller.ID}
	if err := s.store.CreateProgramme(ctx, p); err != nil {
		return nil, err
	}
	v := s.programmeView(p, o)
	return &v, nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// Programmes lists every programme with its issuer.
func (s *Service) Programmes(ctx context.Context) ([]ProgrammeView, error) {
	rows, err := s.store.Programmes(ctx)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(rows))
	for _, p := range rows {
		ids = append(ids, p.OrganisationID)
	}
	byID, err := s.organisationsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]ProgrammeView, 0, len(rows))
	for i := range rows {
		out = append(out, s.programmeView(&rows[i], byID[rows[i].OrganisationID]))
	}
	return out, nil
}

// Programme returns one programme with its issuer.
func (s *Service) Programme(ctx context.Context, id string) (*models.Programme, *models.Organisation, error) {
	p, err := s.store.ProgrammeByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, nil, errs.NotFound("Programme")
	}
	if err != nil {
		return nil, nil, err
	}
	o, err := s.store.OrganisationByID(ctx, p.OrganisationID)
	if err != nil {
		return nil, nil, err
	}
	return p, o, nil
}

// ProgrammeView returns one programme as the API shows it.
func (s *Service) ProgrammeView(ctx context.Context, id string) (*ProgrammeView, error) {
	p, o, err := s.Programme(ctx, id)
	if err != nil {
		return nil, err
	}
	v := s.programmeView(p, o)
	return &v, nil
}

// MyOrganisation is an organisation the caller belongs to, with their role in it.
type MyOrganisation struct {
	OrganisationView
	Role string `json:"role"`
}

// MyOrganisations lists the organisations the caller belongs to.
func (s *Service) MyOrganisations(ctx context.Context, userID string) ([]MyOrganisation, error) {
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
