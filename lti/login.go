package lti

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// LoginRequest is the platform's OIDC third-party login initiation (LTI 1.3 §5.1.1), with the
// frame of the platform's storage when it offers one (StorageTarget, lti_storage_target), and
// the secret of the browser's binding cookie (Browser; empty binds nothing).
type LoginRequest struct {
	Issuer, LoginHint, TargetLinkURI, MessageHint, ClientID, DeploymentID string
	StorageTarget                                                         string
	Browser                                                               string
}

// LoginAnswer is where a login initiation sends the browser: the platform's authentication
// request (URL), after keeping the launch's values in the platform's storage when Storage is
// set.
type LoginAnswer struct {
	URL     string
	Storage *StoragePut
}

// errRequest refuses a login initiation or launch that lacks what the specification requires.
func errRequest(msg string) error { return errs.New(http.StatusBadRequest, "lti_request_invalid", msg) }

// Login answers a login initiation with the authentication request to send the browser to:
// the platform's authorisation endpoint with a fresh state and nonce, stored for StateTTL and
// spent by the launch. When the platform offers its storage, the answer also says what to keep
// there first (see StoragePut).
func (s *Service) Login(ctx context.Context, in LoginRequest) (*LoginAnswer, error) {
	if in.Issuer == "" || in.LoginHint == "" || in.TargetLinkURI == "" {
		return nil, errRequest("A login initiation needs iss, login_hint and target_link_uri.")
	}
	if _, ok := s.localPath(in.TargetLinkURI); !ok {
		return nil, errRequest("target_link_uri must be an address of this Tandem.")
	}
	if len(in.StorageTarget) > maxStorageTarget {
		return nil, errRequest("lti_storage_target is too long.")
	}
	reg, err := s.registrationFor(ctx, in.Issuer, in.ClientID)
	if err != nil {
		return nil, err
	}
	if in.DeploymentID != "" && !knownDeployment(reg, in.DeploymentID) {
		return nil, errDeployment
	}
	state, nonce := randomString(), randomString()
	st := &models.LTILaunchState{StateHash: auth.HashSecret(state), RegistrationID: reg.ID, Nonce: nonce, ExpiresAt: time.Now().UTC().Add(StateTTL)}
	if in.Browser != "" {
		st.BrowserHash = auth.HashSecret(in.Browser)
	}
	var put *StoragePut
	if platform := origin(reg.AuthURL); in.StorageTarget != "" && platform != "" {
		secret := randomString()
		st.StorageHash, st.StorageTarget = auth.HashSecret(secret), in.StorageTarget
		stateKey, nonceKey := storageKeys(state, nonce)
		put = &StoragePut{Target: in.StorageTarget, Origin: platform, Origins: platformOrigins(reg), StateKey: stateKey, StateValue: secret, NonceKey: nonceKey, NonceValue: nonce}
	}
	if err := s.store.CreateLTILaunchState(ctx, st); err != nil {
		return nil, err
	}
	q := url.Values{"scope": {"openid"}, "response_type": {"id_token"}, "response_mode": {"form_post"}, "prompt": {"none"},
		"client_id": {reg.ClientID}, "redirect_uri": {s.LaunchURL()}, "login_hint": {in.LoginHint}, "state": {state}, "nonce": {nonce}}
	if in.MessageHint != "" {
		q.Set("lti_message_hint", in.MessageHint)
	}
	sep := "?"
	if strings.Contains(reg.AuthURL, "?") {
		sep = "&"
	}
	to := reg.AuthURL + sep + q.Encode()
	if put != nil {
		put.Next = to
	}
	return &LoginAnswer{URL: to, Storage: put}, nil
}

var errBrowser = errs.New(http.StatusBadRequest, "lti_browser_mismatch",
	"This launch was started in another browser. Open Tandem again from your course.")

// checkBrowser refuses a launch whose browser carries another browser's binding cookie. A
// browser without the cookie (one that blocks third-party cookies in the platform's frame)
// must show what its login kept in the platform's storage, when it kept something there
// (StorageNeeded asks for it); else it is let through: the state and nonce still work once and
// expire.
func checkBrowser(st *models.LTILaunchState, reg *models.LTIRegistration, in LaunchRequest) error {
	switch {
	case in.Browser != "" && st.BrowserHash != "":
		if subtle.ConstantTimeCompare([]byte(auth.HashSecret(in.Browser)), []byte(st.BrowserHash)) != 1 {
			return errBrowser
		}
		return nil
	case in.Storage != nil:
		return checkStorage(st, in.Storage)
	case st.StorageHash != "":
		stateKey, nonceKey := storageKeys(in.State, st.Nonce)
		return &StorageNeeded{Target: st.StorageTarget, Origin: origin(reg.AuthURL), Origins: platformOrigins(reg), StateKey: stateKey, NonceKey: nonceKey}
	}
	return nil
}

var errDeployment = errs.New(http.StatusForbidden, "lti_deployment_unknown", "This deployment of Tandem is not registered. Ask your platform administrator to add its deployment id to Tandem's registration.")

// registrationFor finds the registration of a platform issuer: the one for clientID when the
// platform names it, else the issuer's only one.
func (s *Service) registrationFor(ctx context.Context, issuer, clientID string) (*models.LTIRegistration, error) {
	regs, err := s.store.LTIRegistrationsOfIssuer(ctx, issuer)
	if err != nil {
		return nil, err
	}
	var found []models.LTIRegistration
	for _, r := range regs {
		if clientID == "" || r.ClientID == clientID {
			found = append(found, r)
		}
	}
	switch len(found) {
	case 1:
		return &found[0], nil
	case 0:
		return nil, errs.New(http.StatusNotFound, "lti_platform_unknown", "This platform is not registered with Tandem. Ask a Tandem administrator to register it.")
	}
	return nil, errRequest("This platform has several registrations: the login initiation must name its client_id.")
}

func knownDeployment(r *models.LTIRegistration, id string) bool {
	return slices.Contains(deployments(r), id)
}

// localPath returns the path (with its query) of a URL within Tandem.
func (s *Service) localPath(raw string) (string, bool) {
	u, err := url.Parse(raw)
	base, _ := url.Parse(s.baseURL)
	if err != nil || base == nil || u.Scheme != base.Scheme || u.Host != base.Host {
		return "", false
	}
	p := u.EscapedPath()
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p, true
}

func randomString() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
