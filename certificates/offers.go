package certificates

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/mail"
	"strings"
	"time"

	"tandem/errs"
	"tandem/locale"
	mailpkg "tandem/mail"
	"tandem/models"
)

// offerStore is what offers and applications need from the database.
type offerStore interface {
	SaveOffer(ctx context.Context, o *models.CertificateOffer, mailFor func(models.CertificateOffer) *models.OutboxMail) error
	OpenOffers(ctx context.Context, userID, email string) ([]models.CertificateOffer, error)
	OfferByID(ctx context.Context, id string) (*models.CertificateOffer, error)
	DeclineOffer(ctx context.Context, id, userID string) error
	AcceptOffer(ctx context.Context, id, userID string, c *models.Certificate, ev models.ProgressEvent) (*models.Certificate, bool, error)
	SaveApplication(ctx context.Context, a *models.ProgrammeApplication) error
	ApplicationsTo(ctx context.Context, programmeID string) ([]models.ProgrammeApplication, error)
	ApplicationsBy(ctx context.Context, userID string) ([]models.ProgrammeApplication, error)
	UsersByIDs(ctx context.Context, ids []string) ([]models.User, error)
}

// OfferView is an offer as the society that made it sees it: whom it named, as they named
// them, and whether it waits or was accepted. It says nothing of the learner.
type OfferView struct {
	ID          string    `json:"id"`
	ProgrammeID string    `json:"programme_id"`
	UserID      string    `json:"user_id,omitempty"`
	Email       string    `json:"email,omitempty"`
	Status      string    `json:"status"`
	OfferedAt   time.Time `json:"offered_at"`
}

// Offer offers a programme's certificate to a learner named by user id or email, for the
// society's admins. The learner sees it and accepts or declines; nothing is issued before.
// The answer is the same whoever is named, whether they have an account, and whatever their
// progress, which it does not read. A new or reopened offer is mailed to the address named, or
// to the named account's address.
func (s *Service) Offer(ctx context.Context, caller Caller, programmeID, userID, email string) (*OfferView, error) {
	p, org, err := s.Programme(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	if _, err := s.organisation(ctx, caller, p.OrganisationID); err != nil {
		return nil, err
	}
	if err := issuing(p); err != nil {
		return nil, err
	}
	userID, email = strings.TrimSpace(userID), strings.ToLower(strings.TrimSpace(email))
	switch a, mailErr := mail.ParseAddress(email); {
	case (userID == "") == (email == ""):
		return nil, errs.Invalid(map[string]string{"user_id": "name the learner by user_id or by email, not both"})
	case len(userID) > 32:
		return nil, errs.Invalid(map[string]string{"user_id": "is not a Tandem id"})
	case email != "" && (mailErr != nil || a.Address != email):
		return nil, errs.Invalid(map[string]string{"email": "is not an email address"})
	}
	to, err := s.offeree(ctx, userID, email)
	if err != nil {
		return nil, err
	}
	o := &models.CertificateOffer{ProgrammeID: p.ID, UserID: userID, Email: email, OfferedBy: caller.ID}
	if err := s.store.SaveOffer(ctx, o, func(models.CertificateOffer) *models.OutboxMail { return s.offerMail(ctx, to, org.Name, p.Title) }); err != nil {
		return nil, err
	}
	return &OfferView{ID: o.ID, ProgrammeID: o.ProgrammeID, UserID: o.UserID, Email: o.Email, Status: o.Status, OfferedAt: o.CreatedAt}, nil
}

// reader is whom an offer's mail goes to: an address and, when the offer names an account,
// its id, name and chosen language.
type reader struct{ to, userID, name, lang string }

// offeree is whom an offer's mail goes to: the address it names, or the account's address,
// name and language when it names an account; nobody (an empty to) for an id no account has.
func (s *Service) offeree(ctx context.Context, userID, email string) (reader, error) {
	if userID == "" {
		return reader{to: email}, nil
	}
	u, err := s.store.UserByID(ctx, userID)
	if errors.Is(err, models.ErrNotFound) {
		return reader{}, nil
	}
	if err != nil {
		return reader{}, err
	}
	return reader{to: u.Email, userID: u.ID, name: u.Name, lang: u.Language}, nil
}

// offerMail tells the person named that a society offers them a certificate, and where to
// answer, in the language the named account chose, else the society admin's; nil when there
// is nobody to tell.
func (s *Service) offerMail(ctx context.Context, r reader, society, programme string) *models.OutboxMail {
	if r.to == "" {
		return nil
	}
	lang := r.lang
	if lang == "" {
		lang = locale.From(ctx)
	}
	m := mailpkg.Compose(lang, "certificate_offer", r.name, map[string]any{"Society": society, "Programme": programme},
		s.baseURL+"/offers", "body")
	m.To, m.UserID = r.to, r.userID
	return m.Row()
}

// MyOffer is an open offer as the learner sees it.
type MyOffer struct {
	ID        string        `json:"id"`
	Programme ProgrammeView `json:"programme"`
	OfferedAt time.Time     `json:"offered_at"`
}

// MyOffers lists the open offers addressed to the caller, by id or by their email.
func (s *Service) MyOffers(ctx context.Context, caller Caller) ([]MyOffer, error) {
	userID := caller.ID
	me, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.OpenOffers(ctx, me.ID, me.Email)
	if err != nil {
		return nil, err
	}
	out := make([]MyOffer, 0, len(rows))
	for _, o := range rows {
		pv, err := s.ProgrammeView(ctx, o.ProgrammeID)
		if err != nil {
			return nil, err
		}
		out = append(out, MyOffer{ID: o.ID, Programme: *pv, OfferedAt: o.CreatedAt})
	}
	return out, nil
}

var errOfferAnswered = errs.New(http.StatusGone, "offer_answered", "This offer has already been answered; it cannot be used again.")

// offerFor loads an offer addressed to userID (404 for any other) that is still open (410).
func (s *Service) offerFor(ctx context.Context, userID, offerID string) (*models.CertificateOffer, error) {
	o, err := s.store.OfferByID(ctx, offerID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Offer")
	}
	if err != nil {
		return nil, err
	}
	me, err := s.store.UserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	if o.UserID != me.ID && (o.Email == "" || o.Email != me.Email) {
		return nil, errs.NotFound("Offer")
	}
	if o.Status != models.OfferOpen {
		return nil, errOfferAnswered
	}
	return o, nil
}

// AcceptOffer issues the certificate an offer names to the caller, as a claim would: they
// must meet the programme (422 not_eligible, which they see, and which is an application).
func (s *Service) AcceptOffer(ctx context.Context, caller Caller, offerID string) (*CertificateView, bool, error) {
	userID := caller.ID
	o, err := s.offerFor(ctx, userID, offerID)
	if err != nil {
		return nil, false, err
	}
	v, created, err := s.issue(ctx, o.OfferedBy, caller, o.ProgrammeID,
		func(ctx context.Context, c *models.Certificate, ev models.ProgressEvent) (*models.Certificate, bool, error) {
			return s.store.AcceptOffer(ctx, o.ID, userID, c, ev)
		})
	if errors.Is(err, models.ErrAnswered) {
		return nil, false, errOfferAnswered
	}
	return v, created, err
}

// DeclineOffer declines an offer addressed to the caller.
func (s *Service) DeclineOffer(ctx context.Context, caller Caller, offerID string) error {
	userID := caller.ID
	o, err := s.offerFor(ctx, userID, offerID)
	if err != nil {
		return err
	}
	if err := s.store.DeclineOffer(ctx, o.ID, userID); errors.Is(err, models.ErrAnswered) {
		return errOfferAnswered
	} else if err != nil {
		return err
	}
	return nil
}

// Application is a learner's latest claim of a programme's certificate and what it showed the
// programme's society: who they are, whether they met the programme, and what was unmet.
type Application struct {
	ProgrammeID string    `json:"programme_id"`
	Programme   string    `json:"programme"`
	Issuer      string    `json:"issuer"`
	UserID      string    `json:"user_id"`
	Name        string    `json:"name"`
	Email       string    `json:"email"`
	Eligible    bool      `json:"eligible"`
	Unmet       []Unmet   `json:"unmet"`
	AppliedAt   time.Time `json:"applied_at"`
}

// Applications lists a programme's applications for its society's admins: the only learners
// whose eligibility they see.
func (s *Service) Applications(ctx context.Context, caller Caller, programmeID string) ([]Application, error) {
	pv, err := s.administeredProgramme(ctx, caller, programmeID)
	if err != nil {
		return nil, err
	}
	rows, err := s.store.ApplicationsTo(ctx, programmeID)
	if err != nil {
		return nil, err
	}
	return s.applications(ctx, rows, func(string) (*ProgrammeView, error) { return pv, nil })
}

// MyApplications lists what the caller's claims showed each programme's society.
func (s *Service) MyApplications(ctx context.Context, caller Caller) ([]Application, error) {
	userID := caller.ID
	rows, err := s.store.ApplicationsBy(ctx, userID)
	if err != nil {
		return nil, err
	}
	return s.applications(ctx, rows, func(id string) (*ProgrammeView, error) { return s.ProgrammeView(ctx, id) })
}

func (s *Service) applications(ctx context.Context, rows []models.ProgrammeApplication, programme func(id string) (*ProgrammeView, error)) ([]Application, error) {
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		ids = append(ids, r.UserID)
	}
	users, err := s.store.UsersByIDs(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]models.User, len(users))
	for _, u := range users {
		byID[u.ID] = u
	}
	out := make([]Application, 0, len(rows))
	for _, r := range rows {
		pv, err := programme(r.ProgrammeID)
		if err != nil {
			return nil, err
		}
		a := Application{ProgrammeID: pv.ID, Programme: pv.Title, Issuer: pv.Issuer.Name, UserID: r.UserID, Name: byID[r.UserID].Name,
			Email: byID[r.UserID].Email, Eligible: r.Eligible, Unmet: []Unmet{}, AppliedAt: r.AppliedAt}
		_ = json.Unmarshal([]byte(r.Unmet), &a.Unmet)
		out = append(out, a)
	}
	return out, nil
}
