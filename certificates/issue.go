package certificates

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"tandem/errs"
	"tandem/i18n"
	"tandem/locale"
	"tandem/models"
)

// issueStore is what issuing, listing and revoking certificates need from the database.
type issueStore interface {
	UserByID(ctx context.Context, id string) (*models.User, error)
	AcceptedExercises(ctx context.Context, userID string) ([]string, error)
	ExercisesOffered(ctx context.Context, userID string) (models.OfferedExercises, error)
	IssueCertificate(ctx context.Context, c *models.Certificate, ev models.ProgressEvent) (*models.Certificate, bool, error)
	CertificateBySerial(ctx context.Context, serial string) (*models.Certificate, error)
	CertificatesOf(ctx context.Context, userID string) ([]models.Certificate, error)
	CertificatesOfProgramme(ctx context.Context, programmeID string) ([]models.Certificate, error)
	RevokeCertificate(ctx context.Context, actorID, serial, reason string) error
}

// StatusList is the name of each issuer's revocation list; one list holds MinStatusListBits
// certificates.
const StatusList = "1"

// Unmet is a requirement a learner has not met yet, in words they understand.
type Unmet struct {
	Requirement string `json:"requirement"`
	Detail      string `json:"detail"`
	// Done and Total count a track's finished modules, so a learner sees how far they are.
	Done  *int `json:"done,omitempty"`
	Total *int `json:"total,omitempty"`
}

// Eligibility says whether a learner meets a programme.
type Eligibility struct {
	Eligible bool    `json:"eligible"`
	Unmet    []Unmet `json:"unmet"`
}

// Eligibility checks every requirement of the programme for the learner: each required track
// completed (every module's lessons done and quiz passed by the quiz's grading rule), the mean
// of the counted quiz percentages over the programme's tracks at least the minimum, and each
// required exercise accepted for one of the learner's teams.
func (s *Service) Eligibility(ctx context.Context, caller Caller, programmeID string) (*Eligibility, error) {
	p, _, err := s.Programme(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	return s.eligibility(ctx, caller, s.programmeView(p, &models.Organisation{}))
}

func (s *Service) eligibility(ctx context.Context, learner Caller, p ProgrammeView) (*Eligibility, error) {
	prog, err := s.progress.Of(ctx, learner)
	if err != nil {
		return nil, err
	}
	out := &Eligibility{Unmet: []Unmet{}}
	lang := locale.From(ctx)
	var sum float64
	var quizzes, missing int
	for _, t := range prog.Tracks {
		if !slices.Contains(p.Tracks, t.Slug) {
			continue
		}
		var open []string
		for _, m := range t.Modules {
			if !m.Completed {
				open = append(open, s.moduleTitle(lang, m.Slug, m.Title))
			}
			if m.QuizPercent != nil {
				sum += *m.QuizPercent
				quizzes++
			} else if mod, ok := s.catalog.Module(m.Slug); ok && mod.Quiz != nil {
				quizzes++
				missing++
			}
		}
		if len(open) > 0 {
			done, total := len(t.Modules)-len(open), len(t.Modules)
			out.Unmet = append(out.Unmet, Unmet{Requirement: "track:" + t.Slug, Done: &done, Total: &total,
				Detail: unmetText(lang, "track", map[string]any{"Track": s.trackTitle(lang, t.Slug, t.Title), "Count": len(open),
					"Total": len(t.Modules), "Modules": strings.Join(open, "; ")})})
		}
	}
	if p.MinQuizPercent > 0 && quizzes > 0 {
		mean := math.Round(10*sum/float64(quizzes)) / 10
		if mean < float64(p.MinQuizPercent) {
			detail := unmetText(lang, "quiz_mean", map[string]any{"Mean": i18n.Decimal(lang, mean, 1), "Min": p.MinQuizPercent})
			if missing > 0 {
				detail += " " + unmetText(lang, "quiz_missing", map[string]any{"Count": missing})
			}
			out.Unmet = append(out.Unmet, Unmet{Requirement: "min_quiz_percent", Detail: detail})
		}
	}
	if len(p.Exercises) > 0 {
		accepted, err := s.store.AcceptedExercises(ctx, learner.ID)
		if err != nil {
			return nil, err
		}
		var offered *models.OfferedExercises
		for _, e := range p.Exercises {
			if slices.Contains(accepted, e) {
				continue
			}
			if offered == nil {
				o, err := s.store.ExercisesOffered(ctx, learner.ID)
				if err != nil {
					return nil, err
				}
				offered = &o
			}
			out.Unmet = append(out.Unmet, Unmet{Requirement: "exercise:" + e, Detail: s.exerciseDetail(lang, e, *offered)})
		}
	}
	out.Eligible = len(out.Unmet) == 0
	return out, nil
}

// exerciseDetail says, in lang, what a learner still needs for a required exercise: joint
// exercises are done by mixed teams within a cohort, so a learner outside any cohort running
// it cannot progress towards it alone, and is told so.
func (s *Service) exerciseDetail(lang, exercise string, offered models.OfferedExercises) string {
	title := exercise
	if ex, ok := s.catalog.Exercise(exercise); ok {
		title = ex.Title
	}
	data := map[string]any{"Exercise": title}
	switch {
	case !offered.InCohort:
		return unmetText(lang, "exercise_no_cohort", data)
	case !offered.Offers(exercise):
		return unmetText(lang, "exercise_not_offered", data)
	}
	return unmetText(lang, "exercise_pending", data)
}

// CertificateView is a certificate as its holder sees it.
type CertificateView struct {
	Serial        string     `json:"serial"`
	Programme     string     `json:"programme"`
	ProgrammeID   string     `json:"programme_id"`
	Issuer        string     `json:"issuer"`
	HolderName    string     `json:"holder_name"`
	HolderErased  bool       `json:"holder_erased"`
	Status        string     `json:"status"`
	IssuedAt      time.Time  `json:"issued_at"`
	ExpiresAt     *time.Time `json:"expires_at,omitempty"`
	RevokedReason string     `json:"revoked_reason,omitempty"`
	Credits       float64    `json:"credits"`
	CreditUnit    string     `json:"credit_unit"`
	VerifyURL     string     `json:"verify_url"`
	PDFURL        string     `json:"pdf_url"`
	CredentialURL string     `json:"credential_url"`
}

// Claim issues the caller's certificate of a programme once they meet it: 422 not_eligible
// listing what is unmet; created false with the existing certificate when they hold one. A
// claim, granted or refused, is an application: the programme's society sees what it showed.
func (s *Service) Claim(ctx context.Context, caller Caller, programmeID string) (*CertificateView, bool, error) {
	return s.issue(ctx, caller.ID, caller, programmeID, s.store.IssueCertificate)
}

// ProgrammeCertificates lists a programme's certificates, newest first, for its society's
// admins, so they can find one to revoke.
func (s *Service) ProgrammeCertificates(ctx context.Context, caller Caller, programmeID string) ([]CertificateView, error) {
	pv, err := s.administeredProgramme(ctx, caller, programmeID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.CertificatesOfProgramme(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	out := make([]CertificateView, 0, len(rows))
	for i := range rows {
		out = append(out, s.view(&rows[i], *pv))
	}
	return out, nil
}

// administeredProgramme returns a programme whose society the caller administers.
func (s *Service) administeredProgramme(ctx context.Context, caller Caller, programmeID string) (*ProgrammeView, error) {
	pv, err := s.ProgrammeView(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	if _, err := s.organisation(ctx, caller, pv.Issuer.ID); err != nil {
		return nil, err
	}
	return pv, nil
}

// issue issues the learner's certificate of a programme with save once they meet it,
// recording their application; actorID is who issues it.
func (s *Service) issue(ctx context.Context, actorID string, learner Caller, programmeID string, save saveFunc) (*CertificateView, bool, error) {
	p, o, err := s.Programme(ctx, programmeID)
	if err != nil {
		return nil, false, err
	}
	if err := issuing(p); err != nil {
		return nil, false, err
	}
	user, err := s.store.UserByID(ctx, learner.ID)
	if err != nil {
		return nil, false, err
	}
	// A certificate names its holder and is checked against their address: it is issued only
	// to an account whose address was confirmed.
	if user.EmailVerifiedAt == nil {
		return nil, false, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "email_unverified",
			Message: "A certificate is issued only once the account's email address is confirmed. Follow the link in the confirmation mail, or ask for a new one on the account page."}
	}
	pv := s.programmeView(p, o)
	el, err := s.eligibility(ctx, learner, pv)
	if err != nil {
		return nil, false, err
	}
	unmet, _ := json.Marshal(el.Unmet)
	if err := s.store.SaveApplication(ctx, &models.ProgrammeApplication{ProgrammeID: p.ID, UserID: user.ID, Eligible: el.Eligible, Unmet: string(unmet)}); err != nil {
		return nil, false, err
	}
	if !el.Eligible {
		return nil, false, &errs.Error{Status: http.StatusUnprocessableEntity, Code: "not_eligible",
			Message: "The requirements of this programme are not met yet.", Details: map[string]any{"unmet": el.Unmet}}
	}
	now := s.now().Truncate(time.Second)
	salt, hash := HashEmail(user.Email)
	c := &models.Certificate{ProgrammeID: p.ID, UserID: user.ID, OrganisationID: o.ID, StatusList: StatusList,
		HolderName: user.Name, IdentitySalt: salt, IdentityHash: hash, IssuedBy: actorID, IssuedAt: now}
	if p.ValidityDays > 0 {
		exp := now.AddDate(0, 0, p.ValidityDays)
		c.ExpiresAt = &exp
	}
	ev := models.NewEvent(user.ID, "earned", "credential", "", "", map[string]any{"programme": p.ID, "programme_title": p.Title})
	// A serial or status index already taken is a conflict on another unique index: draw again.
	for range 8 {
		c.Serial, c.StatusIndex, c.CredentialID = NewSerial(), randomIndex(), NewCredentialID()
		stored, created, err := save(ctx, c, ev)
		if errors.Is(err, models.ErrConflict) {
			continue
		}
		if err != nil {
			return nil, false, err
		}
		v := s.view(stored, pv)
		return &v, created, nil
	}
	return nil, false, errors.New("could not draw a free serial and status index")
}

// saveFunc stores a certificate with its event (see models.Store.IssueCertificate).
type saveFunc func(ctx context.Context, c *models.Certificate, ev models.ProgressEvent) (*models.Certificate, bool, error)

// randomIndex draws a status-list index at random, as the Bitstring Status List spec advises,
// so a certificate's index says nothing about when it was issued.
func randomIndex() int {
	var b [4]byte
	_, _ = rand.Read(b[:])
	return int(binary.BigEndian.Uint32(b[:]) % MinStatusListBits)
}

func (s *Service) view(c *models.Certificate, p ProgrammeView) CertificateView {
	base := s.baseURL + "/api/v1/certificates/" + c.Serial
	return CertificateView{Serial: c.Serial, Programme: p.Title, ProgrammeID: p.ID, Issuer: p.Issuer.Name, HolderName: c.HolderName,
		HolderErased: c.HolderErasedAt != nil, Status: s.status(c), IssuedAt: c.IssuedAt, ExpiresAt: c.ExpiresAt, RevokedReason: c.RevokedReason, Credits: p.Credits,
		CreditUnit: p.CreditUnit, VerifyURL: s.baseURL + "/verify/" + c.Serial, PDFURL: base + "/pdf", CredentialURL: base + "/credential"}
}

func (s *Service) status(c *models.Certificate) string {
	switch {
	case c.RevokedAt != nil:
		return "revoked"
	case c.ExpiresAt != nil && !s.now().Before(*c.ExpiresAt):
		return "expired"
	}
	return "valid"
}

// Mine lists the caller's certificates.
func (s *Service) Mine(ctx context.Context, caller Caller) ([]CertificateView, error) {
	userID := caller.ID
	rows, err := s.store.CertificatesOf(ctx, userID)
	if err != nil {
		return nil, err
	}
	out := make([]CertificateView, 0, len(rows))
	for i := range rows {
		pv, err := s.ProgrammeView(ctx, rows[i].ProgrammeID)
		if err != nil {
			return nil, err
		}
		out = append(out, s.view(&rows[i], *pv))
	}
	return out, nil
}

// Revoke revokes a certificate with a reason; only the issuing society's admins may.
func (s *Service) Revoke(ctx context.Context, caller Caller, serial, reason string) (*CertificateView, error) {
	c, err := s.certificate(ctx, serial)
	if err != nil {
		return nil, err
	}
	if _, err := s.organisation(ctx, caller, c.OrganisationID); err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" || utf8.RuneCountInString(reason) > 1000 {
		return nil, errs.Invalid(map[string]string{"reason": errs.Reason("reason.chars_range", map[string]any{"Min": 1, "Max": 1000})})
	}
	err = s.store.RevokeCertificate(ctx, caller.ID, c.Serial, reason)
	if errors.Is(err, models.ErrAlreadyRevoked) {
		return nil, errs.Conflict("already_revoked", "This certificate has already been revoked.")
	}
	if err != nil {
		return nil, err
	}
	c, err = s.certificate(ctx, serial)
	if err != nil {
		return nil, err
	}
	pv, err := s.ProgrammeView(ctx, c.ProgrammeID)
	if err != nil {
		return nil, err
	}
	v := s.view(c, *pv)
	return &v, nil
}

// certificate finds a certificate by a serial as a person may type it.
func (s *Service) certificate(ctx context.Context, serial string) (*models.Certificate, error) {
	norm, ok := NormalizeSerial(serial)
	if !ok {
		return nil, errs.NotFound("Certificate")
	}
	c, err := s.store.CertificateBySerial(ctx, norm)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Certificate")
	}
	return c, err
}
