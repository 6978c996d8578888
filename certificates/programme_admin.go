package certificates

import (
	"context"
	"encoding/json"
	"errors"
	"slices"
	"strings"

	"tandem/errs"
	"tandem/models"
)

// AdminProgrammeView is a programme as its society's administrators see it: with how many
// certificates it has issued.
type AdminProgrammeView struct {
	ProgrammeView
	Issued int `json:"certificates_issued"`
}

var errRetired = errs.Conflict("programme_retired", "This programme is retired: it issues no new certificates. Those it issued stay verifiable.")

// OrganisationProgrammes lists an organisation's programmes, retired ones too, for its
// administrators.
func (a *Admin) OrganisationProgrammes(ctx context.Context, caller Caller, orgID string) ([]AdminProgrammeView, error) {
	o, err := a.svc.organisation(ctx, caller, orgID)
	if err != nil {
		return nil, err
	}
	rows, err := a.store.ProgrammesOf(ctx, orgID)
	if err != nil {
		return nil, err
	}
	ids := make([]string, 0, len(rows))
	for _, p := range rows {
		ids = append(ids, p.ID)
	}
	counts, err := a.store.CertificateCounts(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]AdminProgrammeView, 0, len(rows))
	for i := range rows {
		out = append(out, AdminProgrammeView{ProgrammeView: a.svc.programmeView(&rows[i], o), Issued: counts[rows[i].ID]})
	}
	return out, nil
}

// administered returns a programme with its issuer once the caller administers the issuer.
func (a *Admin) administered(ctx context.Context, caller Caller, programmeID string) (*models.Programme, *models.Organisation, error) {
	p, o, err := a.svc.Programme(ctx, programmeID)
	if err != nil {
		return nil, nil, err
	}
	if _, err := a.svc.organisation(ctx, caller, o.ID); err != nil {
		return nil, nil, err
	}
	return p, o, nil
}

// UpdateProgramme changes a programme that is not retired. Once it has issued certificates,
// only its description may change: its title, requirements, credits and validity are what
// those certificates attest, and verifiers read them from the programme. To change them, a
// society retires the programme and defines a new one.
func (a *Admin) UpdateProgramme(ctx context.Context, caller Caller, programmeID string, in ProgrammeInput) (*AdminProgrammeView, error) {
	p, o, err := a.administered(ctx, caller, programmeID)
	if err != nil {
		return nil, err
	}
	if p.RetiredAt != nil {
		return nil, errRetired
	}
	fields := a.svc.checkProgramme(in)
	next := *p
	next.Title, next.Description = strings.TrimSpace(in.Title), strings.TrimSpace(in.Description)
	tracks, _ := json.Marshal(nonNil(in.Tracks))
	exercises, _ := json.Marshal(nonNil(in.Exercises))
	next.Tracks, next.Exercises = string(tracks), string(exercises)
	next.MinQuizPercent, next.Credits, next.ValidityDays = in.MinQuizPercent, in.Credits, in.ValidityDays
	next.CreditUnit = strings.TrimSpace(in.CreditUnit)
	changed := changedFields(a.svc.programmeView(p, o), a.svc.programmeView(&next, o))
	// The same slugs in another order are no change: keep them as they were.
	if !slices.Contains(changed, "tracks") {
		next.Tracks = p.Tracks
	}
	if !slices.Contains(changed, "exercises") {
		next.Exercises = p.Exercises
	}
	counts, err := a.store.CertificateCounts(ctx, []string{p.ID})
	if err != nil {
		return nil, err
	}
	if counts[p.ID] > 0 {
		for _, f := range changed {
			if f != "description" {
				fields[f] = "cannot change once certificates are issued: they attest it. Retire this programme and define a new one"
			}
		}
	}
	if len(fields) > 0 {
		return nil, errs.Invalid(fields)
	}
	if len(changed) > 0 {
		if err := a.store.UpdateProgramme(ctx, caller.ID, &next, changed); errors.Is(err, models.ErrRetired) {
			return nil, errRetired
		} else if err != nil {
			return nil, err
		}
	}
	return &AdminProgrammeView{ProgrammeView: a.svc.programmeView(&next, o), Issued: counts[p.ID]}, nil
}

// changedFields names the API fields whose values differ between two views of a programme.
func changedFields(was, is ProgrammeView) []string {
	var out []string
	for _, f := range []struct {
		name string
		same bool
	}{
		{"title", was.Title == is.Title}, {"description", was.Description == is.Description},
		{"tracks", sameSet(was.Tracks, is.Tracks)}, {"exercises", sameSet(was.Exercises, is.Exercises)},
		{"min_quiz_percent", was.MinQuizPercent == is.MinQuizPercent}, {"credits", was.Credits == is.Credits},
		{"credit_unit", was.CreditUnit == is.CreditUnit}, {"validity_days", was.ValidityDays == is.ValidityDays},
	} {
		if !f.same {
			out = append(out, f.name)
		}
	}
	return out
}

// sameSet reports whether a and b hold the same slugs, in whatever order.
func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}

// RetireProgramme stops a programme issuing: no claim, offer, acceptance or re-issue makes a
// certificate of it any more, and learners no longer find it. Certificates it issued keep
// their status: valid ones stay valid until they expire, and all stay verifiable.
func (a *Admin) RetireProgramme(ctx context.Context, caller Caller, programmeID string) (*AdminProgrammeView, error) {
	p, o, err := a.administered(ctx, caller, programmeID)
	if err != nil {
		return nil, err
	}
	at, err := a.store.RetireProgramme(ctx, caller.ID, p.ID)
	if errors.Is(err, models.ErrRetired) {
		return nil, errRetired
	}
	if err != nil {
		return nil, err
	}
	counts, err := a.store.CertificateCounts(ctx, []string{p.ID})
	if err != nil {
		return nil, err
	}
	p.RetiredAt = &at
	return &AdminProgrammeView{ProgrammeView: a.svc.programmeView(p, o), Issued: counts[p.ID]}, nil
}

// issuing refuses a retired programme.
func issuing(p *models.Programme) error {
	if p.RetiredAt != nil {
		return errRetired
	}
	return nil
}
