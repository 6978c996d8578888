package lti

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/golang-jwt/jwt/v5"

	"tandem/auth"
	"tandem/disciplines"
	"tandem/errs"
	"tandem/models"
)

// Launched is a launch Tandem accepted: the single-use code the browser trades for its session,
// the page it lands on, and whether the new account must still choose its discipline.
type Launched struct {
	Code, Path    string
	AskDiscipline bool
	Instructor    bool
	CohortID      string
}

var errState = errs.New(http.StatusBadRequest, "lti_state_invalid",
	"This launch is unknown, was used already or has expired. Open Tandem again from your course.")

// errMessage refuses a verified launch whose message Tandem does not take.
func errMessage(msg string) error {
	return errs.New(http.StatusUnprocessableEntity, "lti_message_invalid", msg)
}

// errToken refuses an id_token that does not verify; reason says which check failed.
func errToken(reason string) error {
	e := errs.New(http.StatusUnauthorized, "lti_token_invalid", "The platform's launch could not be verified.")
	e.Details = map[string]any{"reason": reason}
	return e
}

// LaunchRequest is a launch as the browser posted it: the id_token and the state Tandem gave
// the platform, the secret of the browser's binding cookie if it sent one, and what Tandem's
// launch page read back from the platform's storage, if it did (see checkBrowser).
type LaunchRequest struct {
	IDToken, State, Browser string
	Storage                 *StorageProof
}

// Launch checks a launch and records it: the state is spent, the account and the course's
// cohort are linked or made, and a code for the session is returned. A refused launch stores
// nothing; so does one answered with *StorageNeeded.
func (s *Service) Launch(ctx context.Context, in LaunchRequest) (*Launched, error) {
	if in.IDToken == "" || in.State == "" {
		return nil, errRequest("A launch needs id_token and state.")
	}
	st, err := s.store.LTILaunchStateByHash(ctx, auth.HashSecret(in.State))
	if errors.Is(err, models.ErrNotFound) {
		return nil, errState
	}
	if err != nil {
		return nil, err
	}
	reg, err := s.store.LTIRegistrationByID(ctx, st.RegistrationID)
	if errors.Is(err, models.ErrNotFound) {
		return nil, errState
	}
	if err != nil {
		return nil, err
	}
	if err := checkBrowser(st, reg, in); err != nil {
		return nil, err
	}
	claims, err := s.verify(ctx, reg, st, in.IDToken)
	if err != nil {
		return nil, err
	}
	return s.record(ctx, reg, st, claims)
}

// verify checks the id_token's signature against the platform's key set (by kid), then its
// issuer, audience, authorised party, times, nonce, deployment, message type and version.
func (s *Service) verify(ctx context.Context, reg *models.LTIRegistration, st *models.LTILaunchState, raw string) (*LaunchClaims, error) {
	set, err := s.platformKeys(ctx, reg.KeySetURL)
	if err != nil {
		return nil, err
	}
	c := &LaunchClaims{}
	_, err = jwt.ParseWithClaims(raw, c, set.KeyfuncCtx(ctx), jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(reg.Issuer), jwt.WithAudience(reg.ClientID), jwt.WithExpirationRequired(), jwt.WithIssuedAt(),
		jwt.WithLeeway(30*time.Second))
	switch {
	case errors.Is(err, jwt.ErrTokenUnverifiable):
		return nil, errToken("unknown_key")
	case errors.Is(err, jwt.ErrTokenSignatureInvalid):
		return nil, errToken("signature")
	case errors.Is(err, jwt.ErrTokenExpired), errors.Is(err, jwt.ErrTokenUsedBeforeIssued), errors.Is(err, jwt.ErrTokenNotValidYet):
		return nil, errToken("expired")
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		return nil, errToken("issuer")
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		return nil, errToken("audience")
	case err != nil:
		return nil, errToken("malformed")
	}
	switch {
	case c.IssuedAt == nil:
		return nil, errToken("expired")
	case (len(c.Audience) > 1 || c.AuthorizedParty != "") && c.AuthorizedParty != reg.ClientID:
		return nil, errToken("audience")
	case c.Nonce != st.Nonce:
		return nil, errToken("nonce")
	case c.Subject == "":
		return nil, errMessage("The launch names no user (sub); Tandem does not take anonymous launches.")
	case !knownDeployment(reg, c.DeploymentID):
		return nil, errDeployment
	case c.MessageType != MessageResourceLink && c.MessageType != MessageDeepLinking:
		return nil, errMessage("Tandem takes launches of message type " + MessageResourceLink + " or " + MessageDeepLinking + ".")
	case c.Version != Version:
		return nil, errMessage("Tandem takes LTI version " + Version + " launches.")
	case c.MessageType == MessageResourceLink && (c.ResourceLink == nil || c.ResourceLink.ID == ""):
		return nil, errMessage("The launch has no resource link id.")
	case c.MessageType == MessageDeepLinking && !validDeepLinking(c.DeepLinking):
		return nil, errMessage("A deep-linking request needs a deep_link_return_url (https) that accepts ltiResourceLink items.")
	case c.Context == nil || c.Context.ID == "" || len(c.Context.ID) > 255:
		return nil, errMessage("Tandem is launched from a course: the launch has no context id.")
	}
	return c, nil
}

// record stores a verified launch in one transaction.
func (s *Service) record(ctx context.Context, reg *models.LTIRegistration, st *models.LTILaunchState, c *LaunchClaims) (*Launched, error) {
	instructor := teaches(c.Roles)
	if !instructor && !learns(c.Roles) {
		return nil, errs.New(http.StatusForbidden, "lti_role_unsupported", "Tandem opens for a course's instructors and learners only.")
	}
	if c.MessageType == MessageDeepLinking && !instructor {
		return nil, errs.New(http.StatusForbidden, "lti_role_unsupported", "Only a course's instructors choose what Tandem adds to it.")
	}
	code, handoff := auth.NewHandoff()
	path := s.landing(c)
	rec := models.LTILaunchRecord{StateHash: st.StateHash, RegistrationID: reg.ID, Nonce: st.Nonce, Issuer: reg.Issuer,
		Subject: c.Subject, Instructor: instructor, ContextID: c.Context.ID, ContextTitle: clip(c.Context.Title, 200),
		NewCohort: s.newCohort(c), Handoff: handoff, DeepLink: deepLinkRequest(c),
		Services: contextServices(c), LineItem: s.launchLineItem(c, path)}
	askDiscipline := false
	if _, err := s.store.LTIAccountOf(ctx, reg.Issuer, c.Subject); errors.Is(err, models.ErrNotFound) {
		if rec.NewUser, err = s.newUser(c); err != nil {
			return nil, err
		}
		askDiscipline = !disciplines.Valid(c.custom("discipline"))
	} else if err != nil {
		return nil, err
	}
	res, err := s.store.RecordLTILaunch(ctx, rec)
	if errors.Is(err, models.ErrConflict) {
		// A launch of the same user or course ran at the same moment and made the account or
		// the cohort first; this one joins them.
		if _, linked := s.store.LTIAccountOf(ctx, reg.Issuer, c.Subject); linked == nil {
			rec.NewUser = nil
		}
		res, err = s.store.RecordLTILaunch(ctx, rec)
	}
	switch {
	case errors.Is(err, models.ErrTokenSpent):
		return nil, errState
	case errors.Is(err, models.ErrLTIContextUnknown):
		return nil, errs.Conflict("lti_course_not_ready", "Your instructor has not opened Tandem from this course yet. Try again once they have.")
	case errors.Is(err, models.ErrConflict) && rec.NewUser != nil:
		return nil, errs.Conflict("lti_email_taken", "A Tandem account already uses the email address your platform sent. Sign in to Tandem with it directly.")
	case err != nil:
		return nil, err
	}
	if rec.DeepLink != nil {
		path = "/lti/deep-links/" + rec.DeepLink.ID
	}
	return &Launched{Code: code, Path: path, AskDiscipline: askDiscipline, Instructor: instructor, CohortID: res.CohortID}, nil
}

// newUser is the account made on a user's first launch, from what the platform sends: the
// address counts as confirmed by the platform; the discipline comes from the custom parameter
// discipline, or is asked once (other until then).
func (s *Service) newUser(c *LaunchClaims) (*models.User, error) {
	email := strings.ToLower(strings.TrimSpace(c.Email))
	name := clip(c.displayName(), 200)
	fields := map[string]string{}
	if email == "" || len(email) > 254 || !strings.Contains(email, "@") {
		fields["email"] = "the platform must send the user's email address (its privacy settings may withhold it)"
	}
	if name == "" {
		fields["name"] = "the platform must send the user's name (its privacy settings may withhold it)"
	}
	if len(fields) > 0 {
		e := errs.Invalid(fields)
		e.Code = "lti_user_incomplete"
		return nil, e
	}
	discipline := c.custom("discipline")
	if !disciplines.Valid(discipline) {
		discipline = "other"
	}
	hash, err := s.accounts.UnusablePasswordHash()
	if err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	return &models.User{Email: email, Name: name, Discipline: discipline, Role: "learner", PasswordHash: hash, EmailVerifiedAt: &now}, nil
}

// newCohort is the cohort an instructor's first launch from a course makes: named after the
// course, on every track.
func (s *Service) newCohort(c *LaunchClaims) *models.Cohort {
	name := clip(c.Context.Title, 200)
	if name == "" {
		name = clip(c.Context.Label, 200)
	}
	if name == "" {
		name = "Course " + clip(c.Context.ID, 100)
	}
	cohort := &models.Cohort{Name: name, TimeZone: "UTC"}
	for _, t := range s.catalog.Tracks {
		cohort.Tracks = append(cohort.Tracks, models.CohortTrack{TrackSlug: t.Slug})
	}
	return cohort
}

// landing is the page a launch opens: the custom parameter tandem_path when it is a path of
// Tandem, else the target link when it points into Tandem, else the start page.
func (s *Service) landing(c *LaunchClaims) string {
	if p := c.custom("tandem_path"); strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") && !strings.ContainsAny(p, "\\\r\n") {
		return p
	}
	if p, ok := s.localPath(c.TargetLinkURI); ok {
		return p
	}
	return "/"
}

func clip(s string, n int) string {
	s = strings.TrimSpace(s)
	for utf8.RuneCountInString(s) > n {
		_, size := utf8.DecodeLastRuneInString(s)
		s = s[:len(s)-size]
	}
	return s
}
