package certificates

import (
	"context"
	"strings"
	"time"

	"tandem/errs"
	"tandem/i18n"
	"tandem/keys"
	"tandem/locale"
	"tandem/models"
)

// revocationStore is what the published revocation and status lists need from the database.
type revocationStore interface {
	RevokedIndexes(ctx context.Context, orgID, list string) ([]int, error)
	RevokedCredentialIDs(ctx context.Context, orgID string) ([]string, error)
}

// Verification is what anyone may learn about a certificate from its serial.
type Verification struct {
	Serial     string `json:"serial"`
	Status     string `json:"status"`
	HolderName string `json:"holder_name"`
	Programme  string `json:"programme"`
	// ProgrammeLanguage is the language Programme is written in: the viewer's when the
	// programme has a translation into it, else English.
	ProgrammeLanguage string     `json:"programme_language"`
	Issuer            string     `json:"issuer"`
	IssuerID          string     `json:"issuer_id"`
	Credits           float64    `json:"credits"`
	CreditUnit        string     `json:"credit_unit"`
	IssuedAt          time.Time  `json:"issued_at"`
	ExpiresAt         *time.Time `json:"expires_at,omitempty"`
	RevokedAt         *time.Time `json:"revoked_at,omitempty"`
	RevokedReason     string     `json:"revoked_reason,omitempty"`
	CredentialURL     string     `json:"credential_url"`
	HolderErased      bool       `json:"holder_erased"`
	// ProgrammeRetiredAt is when the society stopped issuing the programme, if it has; the
	// certificates it issued keep the status above.
	ProgrammeRetiredAt *time.Time `json:"programme_retired_at,omitempty"`
}

// Verify says whether a certificate is valid, revoked (with the reason) or expired, naming
// the programme in the request's language where it has a translation.
func (s *Service) Verify(ctx context.Context, serial string) (*Verification, error) {
	c, p, err := s.loaded(ctx, serial)
	if err != nil {
		return nil, err
	}
	editions, err := s.editions(ctx, p)
	if err != nil {
		return nil, err
	}
	shown := editionIn(editions, locale.From(ctx))
	return &Verification{Serial: c.Serial, Status: s.status(c), HolderName: c.HolderName, Programme: shown.Title, ProgrammeLanguage: shown.Language, Issuer: p.Issuer.Name,
		IssuerID: p.Issuer.ID, Credits: p.Credits, CreditUnit: p.CreditUnit, IssuedAt: c.IssuedAt, ExpiresAt: c.ExpiresAt,
		RevokedAt: c.RevokedAt, RevokedReason: c.RevokedReason, CredentialURL: CredentialURL(s.baseURL, c.Serial),
		HolderErased: c.HolderErasedAt != nil, ProgrammeRetiredAt: p.RetiredAt}, nil
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

// criteria says in words what a holder of the programme did, in English.
func (s *Service) criteria(p *ProgrammeView) string { return s.criteriaIn(p, locale.Default) }

// criteriaIn says in lang what a holder of the programme did, with catalogue titles in lang.
func (s *Service) criteriaIn(p *ProgrammeView, lang string) string {
	text := func(id string, data map[string]any) string {
		return i18n.Default().Text(lang, "certificate.criteria."+id, data)
	}
	quote := func(title string) string { return text("quoted", map[string]any{"Title": title}) }
	var tracks, exercises []string
	for _, t := range p.Tracks {
		if _, ok := s.catalog.Track(t); ok {
			tracks = append(tracks, quote(s.trackTitle(lang, t, t)))
		}
	}
	for _, e := range p.Exercises {
		if ex, ok := s.catalog.Exercise(e); ok {
			exercises = append(exercises, quote(ex.Title))
		}
	}
	if len(tracks) == 0 {
		return text("exercises_only", map[string]any{"Exercises": strings.Join(exercises, ", ")})
	}
	all := tracks[len(tracks)-1]
	if len(tracks) > 1 {
		all = text("and", map[string]any{"First": strings.Join(tracks[:len(tracks)-1], ", "), "Second": all})
	}
	out := text("tracks", map[string]any{"Tracks": all})
	if p.MinQuizPercent > 0 {
		out += text("min_quiz", map[string]any{"Min": p.MinQuizPercent})
	}
	if len(exercises) > 0 {
		out += text("and_exercises", map[string]any{"Exercises": strings.Join(exercises, ", ")})
	}
	return text("end", map[string]any{"Text": out})
}

// Credential returns the certificate's Open Badges 3.0 credential as a VC-JWT signed with the
// issuing society's current key of algorithm alg (RS256, which every Open Badges verifier
// supports, or EdDSA), its credentialStatus naming the status method asked for.
func (s *Service) Credential(ctx context.Context, serial, alg, statusMethod string) (string, error) {
	fields := map[string]string{}
	if alg != keys.EdDSA && alg != keys.RS256 {
		fields["alg"] = "must be RS256 or EdDSA"
	}
	if statusMethod != StatusRevocationList && statusMethod != StatusBitstring {
		fields["status"] = "must be 1EdTechRevocationList or BitstringStatusListEntry"
	}
	if len(fields) > 0 {
		return "", errs.Invalid(fields)
	}
	c, p, err := s.loaded(ctx, serial)
	if err != nil {
		return "", err
	}
	in := s.issueOf(p)
	if err := s.inLanguage(ctx, &in, p, s.holderLanguage(ctx, c.UserID)); err != nil {
		return "", err
	}
	in.Serial, in.CredentialID, in.HolderID, in.HolderName = c.Serial, c.CredentialID, c.UserID, c.HolderName
	in.IdentitySalt, in.IdentityHash, in.IssuedAt, in.ExpiresAt = c.IdentitySalt, c.IdentityHash, c.IssuedAt, c.ExpiresAt
	in.StatusMethod, in.StatusListID, in.StatusIndex = statusMethod, c.StatusList, c.StatusIndex
	cred, err := NewCredential(in)
	if err != nil {
		return "", err
	}
	key, err := s.ring.Signing(ctx, issuerPurpose(p.Issuer.ID, alg), alg)
	if err != nil {
		return "", err
	}
	return SignVCJWT(cred, key)
}

// issueOf is the part of an Issue that the programme and its society decide.
func (s *Service) issueOf(p *ProgrammeView) Issue {
	return Issue{BaseURL: s.baseURL, IssuerID: p.Issuer.ID, IssuerName: p.Issuer.Name, IssuerURL: p.Issuer.URL,
		ProgrammeID: p.ID, ProgrammeTitle: p.Title, ProgrammeDescription: p.Description, Criteria: s.criteria(p),
		Credits: p.Credits, CreditUnit: p.CreditUnit, Alignments: s.alignments(p.Tracks)}
}

// Achievement is the Open Badges Achievement document of a programme in lang (English when
// empty), served at its id; a language the programme has no edition in is not found.
func (s *Service) Achievement(ctx context.Context, programmeID, lang string) (AchievementDocument, error) {
	p, err := s.ProgrammeView(ctx, programmeID)
	if err != nil {
		return AchievementDocument{}, err
	}
	if lang == "" {
		lang = locale.Default
	}
	in := s.issueOf(p)
	if err := s.inLanguage(ctx, &in, p, lang); err != nil {
		return AchievementDocument{}, err
	}
	if in.Language != lang {
		return AchievementDocument{}, errs.NotFound("Achievement")
	}
	return NewAchievementDocument(NewAchievement(in)), nil
}

// BadgeImage is a programme's badge image (SVG) with its title, in lang's edition (English
// when empty), and its society's name; a language the programme has no edition in is not
// found.
func (s *Service) BadgeImage(ctx context.Context, programmeID, lang string) ([]byte, error) {
	p, err := s.ProgrammeView(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	if lang == "" {
		lang = locale.Default
	}
	in := s.issueOf(p)
	if err := s.inLanguage(ctx, &in, p, lang); err != nil {
		return nil, err
	}
	if in.Language != lang {
		return nil, errs.NotFound("Achievement")
	}
	return BadgeSVG(in.ProgrammeTitle, p.Issuer.Name, lang), nil
}

// PDFOf renders the printable certificate.
func (s *Service) PDFOf(ctx context.Context, serial string) ([]byte, string, error) {
	c, p, err := s.loaded(ctx, serial)
	if err != nil {
		return nil, "", err
	}
	b, err := PDF(PDFData{HolderName: c.HolderName, HolderErased: c.HolderErasedAt != nil, ProgrammeTitle: p.Title,
		IssuerName: p.Issuer.Name, Credits: p.Credits, CreditUnit: p.CreditUnit, IssuedAt: c.IssuedAt, ExpiresAt: c.ExpiresAt,
		Serial: c.Serial, VerifyURL: s.baseURL + "/verify/" + c.Serial, Fallback: s.font, Language: locale.From(ctx)})
	return b, c.Serial, err
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

// StatusListJWT is a society's revocation list as a BitstringStatusListCredential signed with
// RS256, so that anyone can check revocation against the list rather than ask Tandem about one
// serial.
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
	key, err := s.ring.Signing(ctx, issuerPurpose(o.ID, keys.RS256), keys.RS256)
	if err != nil {
		return "", err
	}
	return SignVCJWT(cred, key)
}

// RevocationList is a society's 1EdTech Revocation List: the ids of its revoked credentials.
func (s *Service) RevocationList(ctx context.Context, orgID string) (RevocationList, error) {
	o, err := s.issuer(ctx, orgID)
	if err != nil {
		return RevocationList{}, err
	}
	ids, err := s.store.RevokedCredentialIDs(ctx, o.ID)
	if err != nil {
		return RevocationList{}, err
	}
	return NewRevocationList(s.baseURL, o.ID, ids), nil
}
