package certificates

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"tandem/errs"
	"tandem/models"
)

// IssuedView is a certificate as the society that issued it lists it: with its holder's email
// while they have an account, and the serial of the certificate that replaced it, if any.
type IssuedView struct {
	ID string `json:"id"` // the cursor of the list
	CertificateView
	Email      string `json:"email,omitempty"`
	ReplacedBy string `json:"replaced_by,omitempty"`
}

// CertificateSearch selects issued certificates; see models.CertificateQuery.
type CertificateSearch struct {
	Text, Programme, Status, Before string
	Limit                           int
}

// certificateStatuses are the statuses a search may ask for.
var certificateStatuses = []string{"valid", "revoked", "expired"}

// IssuedCertificates lists the certificates an organisation issued, newest first, for its
// administrators: found by holder name, email or serial, narrowed to a programme or a status.
func (a *Admin) IssuedCertificates(ctx context.Context, caller Caller, orgID string, q CertificateSearch) ([]IssuedView, error) {
	o, err := a.svc.organisation(ctx, caller, orgID)
	if err != nil {
		return nil, err
	}
	fields := map[string]string{}
	if q.Status != "" && !slices.Contains(certificateStatuses, q.Status) {
		fields["status"] = "must be valid, revoked or expired"
	}
	if utf8.RuneCountInString(q.Text) > 200 {
		fields["q"] = errs.Reason("reason.chars_at_most", map[string]any{"Max": 200})
	}
	if len(q.Before) > 32 {
		fields["before"] = "is not a cursor this list gave"
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	programmes, err := a.store.ProgrammesOf(ctx, orgID)
	if err != nil {
		return nil, err
	}
	views := make(map[string]ProgrammeView, len(programmes))
	for i := range programmes {
		views[programmes[i].ID] = a.svc.programmeView(&programmes[i], o)
	}
	if _, ok := views[q.Programme]; q.Programme != "" && !ok {
		return nil, errs.Invalid(map[string]string{"programme": "is not a programme of this organisation"})
	}
	rows, err := a.store.SearchCertificates(ctx, models.CertificateQuery{OrganisationID: orgID, Programme: q.Programme,
		Status: q.Status, Text: strings.TrimSpace(q.Text), Before: q.Before, Now: a.svc.now(), Limit: q.Limit})
	if err != nil {
		return nil, err
	}
	out := make([]IssuedView, 0, len(rows))
	for i := range rows {
		out = append(out, IssuedView{ID: rows[i].ID, CertificateView: a.svc.view(&rows[i].Certificate, views[rows[i].ProgrammeID]),
			Email: rows[i].Email, ReplacedBy: rows[i].ReplacedBy})
	}
	return out, nil
}
