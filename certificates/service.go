package certificates

import (
	"context"
	"time"

	"tandem/auth"
	"tandem/courses"
	"tandem/keys"
	"tandem/models"
	"tandem/progress"
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
