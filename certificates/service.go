package certificates

import (
	"time"

	"tandem/auth"
	"tandem/courses"
	"tandem/keys"
	"tandem/progress"
)

// Store is what certificate issuance needs from the database, one part per concern, each
// declared beside the code that uses it.
type Store interface {
	organisationStore
	programmeStore
	issueStore
	revocationStore
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
