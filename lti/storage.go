package lti

import (
	"context"
	"crypto/subtle"
	"net/http"
	"net/url"
	"slices"

	"tandem/auth"
	"tandem/errs"
	"tandem/models"
)

// Framed launches in browsers that refuse third-party cookies follow the 1EdTech "LTI Client
// Side postMessages" and "LTI postMessage Storage" specifications (v0.1, with "LTI OIDC Login
// with LTI Client Side postMessages"): a platform that keeps values for its tools names the
// frame that does so in the login initiation's lti_storage_target. Tandem then keeps a secret
// bound to the state, and the nonce, in the platform's storage (lti.put_data) before the
// authentication request; when the launch arrives without the binding cookie, Tandem's launch
// page reads both back (lti.get_data) and posts them, from Tandem's own origin, with the
// launch. The state still works once and expires, and the nonce is still the one stored.

// StoragePut is what the login page keeps in the platform's storage before it goes on to the
// authentication request (Next): under StateKey the secret bound to the state, under NonceKey
// the nonce. Target is the platform's frame named in the login initiation. Origin is the
// origin its messages are sent to and taken from, as the specification has it (that of the
// platform's authentication endpoint), unless the page framing Tandem has another of the
// platform's Origins (Canvas answers from the institution's domain).
type StoragePut struct {
	Target, Origin       string
	Origins              []string
	StateKey, StateValue string
	NonceKey, NonceValue string
	Next                 string
}

// StorageNeeded is Launch's answer to a launch without the binding cookie whose login kept
// values in the platform's storage: the launch page must read them (under StateKey and
// NonceKey from Target, messages as for StoragePut) and post the launch again with them.
// Nothing is spent.
type StorageNeeded struct {
	Target, Origin     string
	Origins            []string
	StateKey, NonceKey string
}

func (*StorageNeeded) Error() string {
	return "lti: the launch must be confirmed through platform storage"
}

// StorageProof is what Tandem's launch page read back from the platform's storage.
type StorageProof struct {
	Secret, Nonce string
}

// maxStorageTarget is the longest frame name Tandem keeps.
const maxStorageTarget = 255

var errStorage = errs.New(http.StatusBadRequest, "lti_storage_invalid",
	"Your platform could not confirm this launch. Open Tandem again from your course.")

// storageKeys are the keys of a launch's values in the platform's storage.
func storageKeys(state, nonce string) (string, string) {
	return "tandem_state_" + state, "tandem_nonce_" + nonce
}

// checkStorage accepts what was read from the platform's storage when it is the secret and
// the nonce the login kept there.
func checkStorage(st *models.LTILaunchState, p *StorageProof) error {
	if st.StorageHash == "" || p.Secret == "" ||
		subtle.ConstantTimeCompare([]byte(auth.HashSecret(p.Secret)), []byte(st.StorageHash)) != 1 ||
		subtle.ConstantTimeCompare([]byte(p.Nonce), []byte(st.Nonce)) != 1 {
		return errStorage
	}
	return nil
}

// FrameAncestors are the origins that may frame Tandem's launch pages: those of the registered
// platforms (see platformOrigins), sorted, each once.
func (s *Service) FrameAncestors(ctx context.Context) ([]string, error) {
	regs, err := s.store.LTIRegistrations(ctx)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, r := range regs {
		for _, o := range platformOrigins(&r) {
			if !slices.Contains(out, o) {
				out = append(out, o)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}

// platformOrigins are the origins a platform's pages are served from, as far as its
// registration tells: those of its issuer, its authentication endpoint and its token endpoint
// (hosted Canvas authenticates at sso.canvaslms.com, but frames tools from the institution's
// own Canvas domain, the one its token URL names).
func platformOrigins(r *models.LTIRegistration) []string {
	var out []string
	for _, raw := range []string{r.Issuer, r.AuthURL, r.TokenURL} {
		if o := origin(raw); o != "" && !slices.Contains(out, o) {
			out = append(out, o)
		}
	}
	return out
}

// origin is the scheme and host of an http or https URL, else empty.
func origin(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}
