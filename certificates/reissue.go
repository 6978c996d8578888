package certificates

import (
	"context"
	"errors"
	"net/http"
	"time"

	"tandem/errs"
	"tandem/models"
)

var (
	errNotRevoked   = errs.Conflict("not_revoked", "Only a revoked certificate can be re-issued; this one is still in force.")
	errHolderErased = &errs.Error{Status: http.StatusUnprocessableEntity, Code: "holder_erased",
		Message: "The holder erased their account, so no certificate can be issued in their name again."}
)

// Reissue issues, in place of a revoked certificate, a new one to the same holder for the same
// programme, with a new serial, credential and status-list entry, for the issuing society's
// admins. The revoked certificate keeps its serial and stays revoked, and verifies as revoked.
// The new one names the holder as their account names them now and runs its validity from
// today; the society vouches for it, so the requirements are not checked again. Asked again,
// it returns the replacement made the first time (created false).
func (a *Admin) Reissue(ctx context.Context, caller Caller, serial string) (*CertificateView, bool, error) {
	old, err := a.svc.certificate(ctx, serial)
	if err != nil {
		return nil, false, err
	}
	if _, err := a.svc.organisation(ctx, caller, old.OrganisationID); err != nil {
		return nil, false, err
	}
	if old.ReplacedBy != "" {
		v, err := a.replacement(ctx, old.ReplacedBy)
		return v, false, err
	}
	if old.RevokedAt == nil {
		return nil, false, errNotRevoked
	}
	p, o, err := a.svc.Programme(ctx, old.ProgrammeID)
	if err != nil {
		return nil, false, err
	}
	if err := issuing(p); err != nil {
		return nil, false, err
	}
	user, err := a.svc.store.UserByID(ctx, old.UserID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, false, errHolderErased
	}
	if err != nil {
		return nil, false, err
	}
	now := a.svc.now().Truncate(time.Second)
	salt, hash := HashEmail(user.Email)
	c := &models.Certificate{ProgrammeID: p.ID, UserID: user.ID, OrganisationID: o.ID, StatusList: StatusList,
		HolderName: user.Name, IdentitySalt: salt, IdentityHash: hash, IssuedBy: caller.ID, IssuedAt: now}
	if p.ValidityDays > 0 {
		exp := now.AddDate(0, 0, p.ValidityDays)
		c.ExpiresAt = &exp
	}
	ev := models.NewEvent(user.ID, "earned", "credential", "", "", map[string]any{"programme": p.ID, "programme_title": p.Title, "replaces": old.Serial})
	for range 8 {
		c.Serial, c.StatusIndex, c.CredentialID = NewSerial(), randomIndex(), NewCredentialID()
		err := a.store.ReissueCertificate(ctx, old.Serial, c, ev)
		switch {
		case errors.Is(err, models.ErrConflict):
			continue
		case errors.Is(err, models.ErrNotReplaceable):
			// Re-issued meanwhile by another request: answer with that one.
			return a.Reissue(ctx, caller, serial)
		case err != nil:
			return nil, false, err
		}
		v := a.svc.view(c, a.svc.programmeView(p, o))
		return &v, true, nil
	}
	return nil, false, errors.New("could not draw a free serial and status index")
}

// replacement is the certificate re-issued in place of a revoked one.
func (a *Admin) replacement(ctx context.Context, serial string) (*CertificateView, error) {
	c, err := a.svc.certificate(ctx, serial)
	if err != nil {
		return nil, err
	}
	pv, err := a.svc.ProgrammeView(ctx, c.ProgrammeID)
	if err != nil {
		return nil, err
	}
	v := a.svc.view(c, *pv)
	return &v, nil
}
