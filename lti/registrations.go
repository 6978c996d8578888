package lti

import (
	"context"
	"encoding/json"
	"errors"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// RegistrationInput is what a platform admin sends to register a platform.
type RegistrationInput struct {
	Name, Issuer, ClientID       string
	DeploymentIDs                []string
	AuthURL, TokenURL, KeySetURL string
}

// Registration is a registered platform as the API shows it, with the URLs its administrator
// enters on the platform's side.
type Registration struct {
	ID            string    `json:"id"`
	Name          string    `json:"name"`
	Issuer        string    `json:"issuer"`
	ClientID      string    `json:"client_id"`
	DeploymentIDs []string  `json:"deployment_ids"`
	AuthURL       string    `json:"auth_url"`
	TokenURL      string    `json:"token_url"`
	KeySetURL     string    `json:"key_set_url"`
	CreatedAt     time.Time `json:"created_at"`
	Tool          ToolURLs  `json:"tool"`
}

// ToolURLs are Tandem's side of a registration.
type ToolURLs struct {
	LoginURL  string `json:"login_url"`
	LaunchURL string `json:"launch_url"`
	KeySetURL string `json:"key_set_url"`
}

func (s *Service) view(r *models.LTIRegistration) Registration {
	v := Registration{ID: r.ID, Name: r.Name, Issuer: r.Issuer, ClientID: r.ClientID, AuthURL: r.AuthURL, TokenURL: r.TokenURL,
		KeySetURL: r.KeySetURL, CreatedAt: r.CreatedAt.UTC(), Tool: ToolURLs{LoginURL: s.LoginURL(), LaunchURL: s.LaunchURL(), KeySetURL: s.KeySetURL()}}
	v.DeploymentIDs = deployments(r)
	return v
}

func deployments(r *models.LTIRegistration) []string {
	var ids []string
	_ = json.Unmarshal([]byte(r.DeploymentIDs), &ids)
	if ids == nil {
		ids = []string{}
	}
	return ids
}

// Registrations lists the registered platforms (platform admins only, checked by the route).
func (s *Service) Registrations(ctx context.Context) ([]Registration, error) {
	rows, err := s.store.LTIRegistrations(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]Registration, 0, len(rows))
	for i := range rows {
		out = append(out, s.view(&rows[i]))
	}
	return out, nil
}

// Registration returns one registered platform.
func (s *Service) Registration(ctx context.Context, id string) (*Registration, error) {
	r, err := s.store.LTIRegistrationByID(ctx, id)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Registration")
	}
	if err != nil {
		return nil, err
	}
	v := s.view(r)
	return &v, nil
}

// SaveRegistration registers a platform (id empty) or replaces a registration.
func (s *Service) SaveRegistration(ctx context.Context, caller auth.Caller, id string, in RegistrationInput) (*Registration, error) {
	row, err := validRegistration(in)
	if err != nil {
		return nil, err
	}
	row.ID = id
	err = s.store.SaveLTIRegistration(ctx, caller.ID, row)
	switch {
	case errors.Is(err, models.ErrConflict):
		return nil, errs.Conflict("lti_registration_exists", "This platform already has a registration with this client id.")
	case errors.Is(err, models.ErrNotFound):
		return nil, errs.NotFound("Registration")
	case err != nil:
		return nil, err
	}
	return s.Registration(ctx, row.ID)
}

// DeleteRegistration removes a registration: its platform can no longer launch Tandem. The
// accounts and cohorts its launches made stay.
func (s *Service) DeleteRegistration(ctx context.Context, caller auth.Caller, id string) error {
	err := s.store.DeleteLTIRegistration(ctx, caller.ID, id)
	if errors.Is(err, models.ErrNotFound) {
		return errs.NotFound("Registration")
	}
	return err
}

// validRegistration checks in field by field and returns the row to store.
func validRegistration(in RegistrationInput) (*models.LTIRegistration, error) {
	fields := map[string]string{}
	name := strings.TrimSpace(in.Name)
	if name == "" || utf8.RuneCountInString(name) > 200 {
		fields["name"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 200})
	}
	issuer := strings.TrimSpace(in.Issuer)
	if !httpURL(issuer, true) || len(issuer) > 255 {
		fields["issuer"] = "must be the platform's issuer, an https URL (http only on loopback) of at most 255 characters"
	}
	clientID := strings.TrimSpace(in.ClientID)
	if clientID == "" || len(clientID) > 255 {
		fields["client_id"] = errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 255})
	}
	var ids []string
	for _, d := range in.DeploymentIDs {
		if d = strings.TrimSpace(d); d != "" && len(d) <= 255 {
			ids = append(ids, d)
		}
	}
	if len(ids) == 0 || len(ids) != len(in.DeploymentIDs) || len(ids) > 100 {
		fields["deployment_ids"] = "must list 1 to 100 deployment ids of 1 to 255 characters"
	}
	for field, u := range map[string]string{"auth_url": in.AuthURL, "token_url": in.TokenURL, "key_set_url": in.KeySetURL} {
		if !httpURL(u, false) || len(u) > 1000 {
			fields[field] = "must be an https URL (http only on loopback) of at most 1000 characters"
		}
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	b, _ := json.Marshal(ids)
	return &models.LTIRegistration{Name: name, Issuer: issuer, ClientID: clientID, DeploymentIDs: string(b),
		AuthURL: in.AuthURL, TokenURL: in.TokenURL, KeySetURL: in.KeySetURL}, nil
}

// httpURL accepts https URLs, and http ones on loopback (a platform on the same machine);
// bare says the URL must be an issuer: no query or fragment.
func httpURL(raw string, bare bool) bool {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.User != nil || (bare && (u.RawQuery != "" || u.Fragment != "")) {
		return false
	}
	switch u.Scheme {
	case "https":
		return true
	case "http":
		h := u.Hostname()
		return h == "localhost" || h == "127.0.0.1" || h == "::1"
	}
	return false
}
