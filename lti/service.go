// Package lti lets learning platforms (Moodle, Canvas, Blackboard, Brightspace) launch Tandem
// as an LTI 1.3 tool: platform registrations, the OIDC login initiation, the launch's id_token
// checked against the platform's key set, accounts and cohorts linked to the platform's users
// and courses, and Tandem's own tool key set.
package lti

import (
	"context"
	"net/http"
	"sync"
	"time"

	"github.com/MicahParks/keyfunc/v3"

	"tandem/auth"
	"tandem/courses"
	"tandem/keys"
	"tandem/models"
)

// Store is what LTI needs from the database: launches and registrations, the gradebook and
// the roster.
type Store interface {
	LaunchStore
	GradeBookStore
	RosterStore
	DynamicStore
}

// LaunchStore is what launches, registrations and deep linking need from the database.
type LaunchStore interface {
	LTIRegistrations(ctx context.Context) ([]models.LTIRegistration, error)
	LTIRegistrationByID(ctx context.Context, id string) (*models.LTIRegistration, error)
	LTIRegistrationsOfIssuer(ctx context.Context, issuer string) ([]models.LTIRegistration, error)
	SaveLTIRegistration(ctx context.Context, actorID string, r *models.LTIRegistration) error
	DeleteLTIRegistration(ctx context.Context, actorID, id string) error
	CreateLTILaunchState(ctx context.Context, st *models.LTILaunchState) error
	LTILaunchStateByHash(ctx context.Context, hash string) (*models.LTILaunchState, error)
	LTIAccountOf(ctx context.Context, issuer, subject string) (*models.LTIAccount, error)
	RecordLTILaunch(ctx context.Context, r models.LTILaunchRecord) (*models.LTILaunchResult, error)
	LTIDeepLinkByID(ctx context.Context, id string) (*models.LTIDeepLink, error)
	AnswerLTIDeepLink(ctx context.Context, id string) error
	AddLTILineItems(ctx context.Context, items []models.LTILineItem) error
}

// Accounts is what LTI needs from the account rules.
type Accounts interface {
	UnusablePasswordHash() (string, error)
}

// StateTTL is how long a platform has between Tandem's login redirect and the launch.
const StateTTL = 10 * time.Minute

// Service runs LTI launches and registrations.
type Service struct {
	store    Store
	accounts Accounts
	catalog  *courses.Catalog
	ring     *keys.Ring
	baseURL  string
	client   *http.Client

	ctx  context.Context // ends the key sets' background refreshes
	stop context.CancelFunc
	mu   sync.Mutex
	sets map[string]keyfunc.Keyfunc // platform key sets by URL

	tokens accessTokens
}

// NewService wires LTI; client fetches platforms' key sets. Close ends its background work.
func NewService(store Store, accounts Accounts, catalog *courses.Catalog, ring *keys.Ring, baseURL string, client *http.Client) *Service {
	ctx, stop := context.WithCancel(context.Background())
	return &Service{store: store, accounts: accounts, catalog: catalog, ring: ring, baseURL: baseURL, client: client,
		ctx: ctx, stop: stop, sets: map[string]keyfunc.Keyfunc{}, tokens: accessTokens{byKey: map[string]cachedToken{}}}
}

// Close stops refreshing platforms' key sets.
func (s *Service) Close() { s.stop() }

// LaunchURL is where platforms post launches (the redirect URI of every registration).
func (s *Service) LaunchURL() string { return s.baseURL + "/lti/launch" }

// LoginURL is Tandem's OIDC login initiation URL.
func (s *Service) LoginURL() string { return s.baseURL + "/lti/login" }

// KeySetURL is where Tandem publishes its tool keys.
func (s *Service) KeySetURL() string { return s.baseURL + "/api/v1/lti/jwks.json" }

var _ Accounts = (*auth.Service)(nil)
