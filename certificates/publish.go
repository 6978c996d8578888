package certificates

import (
	"context"
	"fmt"
	"strings"
	"time"

	"tandem/errs"
	"tandem/keys"
	"tandem/models"
)

// Verification is what anyone may learn about a certificate from its serial.
type Verification struct {
	Serial        string     `json:"serial"`
	Status        string     `json:"status"`
	HolderName    string     `json:"holder_name"`
	Programme     string     `json:"programme"`
	Issuer        string     `json:"issuer"`
	IssuerID      string     `json:"issuer_id"`
	Credits       float64    `json:"credits"`
	CreditUnit    string     `json:"credit_unit"`
	IssuedAt      time.Time  `json:"issued_at"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty"`
	RevokedAt     *time.Time `json:"revoked_at,omitempty"`
	RevokedReason string     `json:"revoked_reason,omitempty"`
	CredentialURL string     `json:"credential_url"`
}

// Verify says whether a certificate is valid, revoked (with the reason) or expired.
func (s *Service) Verify(ctx context.Context, serial string) (*Verification, error) {
	c, p, err := s.loaded(ctx, serial)
	if err != nil {
		return nil, err
	}
	return &Verification{Serial: c.Serial, Status: s.status(c), HolderName: c.HolderName, Programme: p.Title, Issuer: p.Issuer.Name,
		IssuerID: p.Issuer.ID, Credits: p.Credits, CreditUnit: p.CreditUnit, IssuedAt: c.IssuedAt, ExpiresAt: c.ExpiresAt,
		RevokedAt: c.RevokedAt, RevokedReason: c.RevokedReason, CredentialURL: CredentialURL(s.baseURL, c.Serial)}, nil
}

func (s *Service) loaded(ctx context.Context, serial string) (*models.Certificate, *ProgrammeView, error) {
	c, err := s.certificate(ctx, serial)
	if err != nil {
		return nil, nil, err
	}
	p, err := s.ProgrammeView(ctx, c.ProgrammeID)
	if err != nil {
		return nil, nil, err
	}
	return c, p, nil
}

// criteria says in words what a holder of the programme did.
func (s *Service) criteria(p *ProgrammeView) string {
	var tracks, exercises []string
	for _, t := range p.Tracks {
		if tr, ok := s.catalog.Track(t); ok {
			tracks = append(tracks, "“"+tr.Title+"”")
		}
	}
	for _, e := range p.Exercises {
		if ex, ok := s.catalog.Exercise(e); ok {
			exercises = append(exercises, "“"+ex.Title+"”")
		}
	}
	text := "Completed every module of " + strings.Join(tracks, " and ") + " on Tandem: all lessons read and every module quiz passed"
	if p.MinQuizPercent > 0 {
		text += fmt.Sprintf(", with a quiz average of at least %d%%", p.MinQuizPercent)
	}
	if len(exercises) > 0 {
		text += "; and, in a team mixing clinical and technical learners, had the joint exercises " + strings.Join(exercises, ", ") + " accepted by an instructor"
	}
	return text + "."
}

// issuerPurpose names the keyring purpose of a society's keys for an algorithm.
func issuerPurpose(orgID, alg string) string { return "issuer:" + orgID + ":" + alg }

// Credential returns the certificate's Open Badges 3.0 credential as a VC-JWT signed with the
// issuing society's current key of algorithm alg (EdDSA, or RS256 for verifiers that need it).
func (s *Service) Credential(ctx context.Context, serial, alg string) (string, error) {
	if alg != keys.EdDSA && alg != keys.RS256 {
		return "", errs.Invalid(map[string]string{"alg": "must be EdDSA or RS256"})
	}
	c, p, err := s.loaded(ctx, serial)
	if err != nil {
		return "", err
	}
	cred, err := NewCredential(Issue{Serial: c.Serial, BaseURL: s.baseURL, IssuerID: p.Issuer.ID, IssuerName: p.Issuer.Name,
		IssuerURL: p.Issuer.URL, HolderID: HolderURN(c.UserID), HolderName: c.HolderName, ProgrammeID: p.ID,
		ProgrammeTitle: p.Title, ProgrammeDescription: p.Description, Criteria: s.criteria(p), Credits: p.Credits,
		CreditUnit: p.CreditUnit, IssuedAt: c.IssuedAt, ExpiresAt: c.ExpiresAt, StatusListID: c.StatusList, StatusIndex: c.StatusIndex})
	if err != nil {
		return "", err
	}
	key, err := s.ring.Signing(ctx, issuerPurpose(p.Issuer.ID, alg), alg)
	if err != nil {
		return "", err
	}
	return SignVCJWT(cred, key)
}

// PDFOf renders the printable certificate.
func (s *Service) PDFOf(ctx context.Context, serial string) ([]byte, string, error) {
	c, p, err := s.loaded(ctx, serial)
	if err != nil {
		return nil, "", err
	}
	b, err := PDF(PDFData{HolderName: c.HolderName, ProgrammeTitle: p.Title, IssuerName: p.Issuer.Name, Credits: p.Credits,
		CreditUnit: p.CreditUnit, IssuedAt: c.IssuedAt, ExpiresAt: c.ExpiresAt, Serial: c.Serial, VerifyURL: s.baseURL + "/verify/" + c.Serial,
		Fallback: s.font})
	return b, c.Serial, err
}

// IssuerJWKS publishes a society's public keys, current and retired, for both algorithms.
// Each kid is the key's URL, as the credentials' kid headers name it.
func (s *Service) IssuerJWKS(ctx context.Context, orgID string) (keys.JWKS, error) {
	o, err := s.issuer(ctx, orgID)
	if err != nil {
		return keys.JWKS{}, err
	}
	var all []keys.Key
	for _, alg := range []string{keys.EdDSA, keys.RS256} {
		if _, err := s.ring.Signing(ctx, issuerPurpose(o.ID, alg), alg); err != nil {
			return keys.JWKS{}, err
		}
		ks, err := s.ring.Keys(ctx, issuerPurpose(o.ID, alg))
		if err != nil {
			return keys.JWKS{}, err
		}
		all = append(all, ks...)
	}
	set := keys.PublicJWKS(all)
	profile := ProfileURL(s.baseURL, o.ID)
	for i := range set.Keys {
		set.Keys[i].Kid = KeyURL(profile, set.Keys[i].Kid)
	}
	return set, nil
}

func (s *Service) issuer(ctx context.Context, orgID string) (*models.Organisation, error) {
	o, err := s.store.OrganisationByID(ctx, orgID)
	if err != nil || o.Kind != "society" {
		return nil, errs.NotFound("Issuer")
	}
	return o, nil
}

// IssuerProfile is a society's Open Badges issuer Profile.
func (s *Service) IssuerProfile(ctx context.Context, orgID string) (map[string]any, error) {
	o, err := s.issuer(ctx, orgID)
	if err != nil {
		return nil, err
	}
	p := map[string]any{"@context": []string{ContextVC, ContextOB}, "id": ProfileURL(s.baseURL, o.ID), "type": []string{"Profile"}, "name": o.Name}
	if o.URL != "" {
		p["url"] = o.URL
	}
	return p, nil
}

// StatusListJWT is a society's revocation list as a signed BitstringStatusListCredential, so
// that anyone can check revocation against the list rather than ask Tandem about one serial.
func (s *Service) StatusListJWT(ctx context.Context, orgID, list string) (string, error) {
	o, err := s.issuer(ctx, orgID)
	if err != nil {
		return "", err
	}
	if list != StatusList {
		return "", errs.NotFound("Status list")
	}
	revoked, err := s.store.RevokedIndexes(ctx, o.ID, list)
	if err != nil {
		return "", err
	}
	encoded, err := EncodeStatusList(revoked, MinStatusListBits)
	if err != nil {
		return "", err
	}
	cred := StatusListCredential(s.baseURL, o.ID, o.Name, list, encoded, s.now().Truncate(time.Second))
	key, err := s.ring.Signing(ctx, issuerPurpose(o.ID, keys.EdDSA), keys.EdDSA)
	if err != nil {
		return "", err
	}
	return SignVCJWT(cred, key)
}

// RotateKeys makes new signing keys of both algorithms the society's current ones. Credentials
// served from now on carry the new kid; the old keys stay published.
func (s *Service) RotateKeys(ctx context.Context, caller Caller, orgID string) error {
	if _, err := s.organisation(ctx, caller, orgID); err != nil {
		return err
	}
	for _, alg := range []string{keys.EdDSA, keys.RS256} {
		if _, err := s.ring.Rotate(ctx, caller.ID, issuerPurpose(orgID, alg), alg); err != nil {
			return err
		}
	}
	return nil
}
