package cohorts

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"net/http"
	"strings"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// JoinCode is a cohort's join code as shown once, when made: the code, a link that carries
// it, and when it stops working.
type JoinCode struct {
	Code      string    `json:"code"`
	Link      string    `json:"link"`
	ExpiresAt time.Time `json:"expires_at"`
}

// Join codes are 12 characters of Crockford's base32 (60 random bits), shown in groups of four.
const (
	codeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	codeLength   = 12
)

// SetJoinCode makes a new join code for a cohort, valid for days (1 to 90; 14 when 0); the
// code it replaces stops working.
func (s *Service) SetJoinCode(ctx context.Context, caller Caller, cohortID string, days int) (*JoinCode, error) {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return nil, err
	}
	if days == 0 {
		days = 14
	}
	if days < 1 || days > 90 {
		return nil, errs.Invalid(map[string]string{"expires_in_days": errs.Reason("reason.number_range", map[string]any{"Min": 1, "Max": 90})})
	}
	code := newCode()
	expires := s.now().Add(time.Duration(days) * 24 * time.Hour).Truncate(time.Second)
	if err := s.store.SetJoinCode(ctx, &models.CohortJoinCode{CohortID: cohortID, CodeHash: auth.HashSecret(code), CreatedBy: caller.ID, ExpiresAt: expires}); err != nil {
		return nil, err
	}
	return &JoinCode{Code: code, Link: s.baseURL + "/invitations#code=" + code, ExpiresAt: expires}, nil
}

// RevokeJoinCode withdraws a cohort's join code, if it has one.
func (s *Service) RevokeJoinCode(ctx context.Context, caller Caller, cohortID string) error {
	if _, _, err := s.Access(ctx, caller, cohortID, true); err != nil {
		return err
	}
	return s.store.DeleteJoinCode(ctx, caller.ID, cohortID)
}

// CodeView is what a learner sees of the cohort a join code opens, before joining.
type CodeView struct {
	Cohort    CohortSummary `json:"cohort"`
	ExpiresAt time.Time     `json:"expires_at"`
}

var errCodeExpired = errs.New(http.StatusGone, "code_expired", "This join code has expired. Ask your instructor for a new one.")

// LookupJoinCode shows which cohort a join code opens.
func (s *Service) LookupJoinCode(ctx context.Context, caller Caller, code string) (*CodeView, error) {
	hash, err := s.codeAttempt(ctx, caller, code)
	if err != nil {
		return nil, err
	}
	jc, err := s.store.JoinCodeByHash(ctx, hash)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errs.NotFound("Join code")
	}
	if err != nil {
		return nil, err
	}
	if !s.now().Before(jc.ExpiresAt) {
		return nil, errCodeExpired
	}
	c, err := s.store.CohortByID(ctx, jc.CohortID)
	if err != nil {
		return nil, err
	}
	return &CodeView{Cohort: summary(c), ExpiresAt: jc.ExpiresAt}, nil
}

// JoinByCode makes the caller a member of the cohort a join code opens, from now on.
func (s *Service) JoinByCode(ctx context.Context, caller Caller, code string) (*Cohort, error) {
	hash, err := s.codeAttempt(ctx, caller, code)
	if err != nil {
		return nil, err
	}
	cohortID, err := s.store.JoinByCode(ctx, hash, caller.ID)
	switch {
	case errors.Is(err, models.ErrNotFound):
		return nil, errs.NotFound("Join code")
	case errors.Is(err, models.ErrExpired):
		return nil, errCodeExpired
	case err != nil:
		return nil, err
	}
	return s.Get(ctx, caller, cohortID)
}

// codeAttempt counts an attempt at a code against the caller's limit and returns the hash
// the code is stored as; a code that cannot be one is not found.
func (s *Service) codeAttempt(ctx context.Context, caller Caller, code string) (string, error) {
	hits, reset, err := s.store.HitRateLimit(ctx, "joincode:"+caller.ID, s.codeTries.Window)
	if err != nil {
		return "", err
	}
	if hits > s.codeTries.Max {
		return "", errs.TooMany(reset)
	}
	norm, ok := normalCode(code)
	if !ok {
		return "", errs.NotFound("Join code")
	}
	return auth.HashSecret(norm), nil
}

// newCode draws a join code, formatted XXXX-XXXX-XXXX.
func newCode() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	n := binary.BigEndian.Uint64(b[:])
	var out strings.Builder
	for i := range codeLength {
		if i > 0 && i%4 == 0 {
			out.WriteByte('-')
		}
		out.WriteByte(codeAlphabet[n&31])
		n >>= 5
	}
	return out.String()
}

// normalCode reads a code as a person may type it: any case, with or without dashes or
// spaces, O for 0 and I or L for 1.
func normalCode(code string) (string, bool) {
	var out strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == '-' || r == ' ':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if !strings.ContainsRune(codeAlphabet, r) {
			return "", false
		}
		out.WriteRune(r)
	}
	if out.Len() != codeLength {
		return "", false
	}
	s := out.String()
	return s[0:4] + "-" + s[4:8] + "-" + s[8:12], true
}
