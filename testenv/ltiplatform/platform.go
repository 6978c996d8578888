// Package ltiplatform is a learning platform for tests: it signs LTI 1.3 launches with its own
// RSA keys, serves its key set on loopback, and answers Tandem's authentication requests the
// way Moodle and Canvas do, with a form that posts the id_token to Tandem's launch URL.
package ltiplatform

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Platform is one test platform on loopback: its issuer is its own URL.
type Platform struct {
	Issuer       string
	ClientID     string
	DeploymentID string
	// Key signs launches and is published under KeyID; Unpublished signs as an impostor would,
	// with a kid the key set does not list.
	Key         *rsa.PrivateKey
	KeyID       string
	Unpublished *rsa.PrivateKey

	mu       sync.Mutex
	users    map[string]Launch // by login hint
	answered []string          // deep-linking responses received, as posted
	svc      services
	// registered are the client registrations tools posted (LTI Dynamic Registration).
	registered []map[string]any
}

// Launch is who launches from which course, in which role.
type Launch struct {
	Subject, Name, Email string
	Roles                []string
	CourseID, Course     string
	Custom               map[string]any
	TargetLinkURI        string
	// DeepLinkReturn, when set, makes the launch a deep-linking request answered there.
	DeepLinkReturn string
	// LineItem, when set, is the resource id of the course's line item the launch names in
	// its grade service claim (the first with that resource id, made when there is none).
	LineItem string
}

// Role URIs of the LIS vocabulary that platforms send.
const (
	Instructor = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"
	Learner    = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
)

// New starts a platform, stopped when the test ends. Its client id is clientID and a suffix of
// its own: a platform started later on a loopback port an earlier one had (the same issuer)
// is then not refused as that one's registration again.
func New(t testing.TB, clientID string) *Platform {
	t.Helper()
	return newAt(t, clientID, "127.0.0.1")
}

// NewOnLocalhost starts a platform whose issuer names it by the host name localhost: another
// site than Tandem's loopback address, so its pages frame Tandem cross-site, as a real
// platform's do.
func NewOnLocalhost(t testing.TB, clientID string) *Platform {
	t.Helper()
	return newAt(t, clientID, "localhost")
}

func newAt(t testing.TB, clientID, host string) *Platform {
	t.Helper()
	p := &Platform{ClientID: clientID + "-" + rand.Text()[:8], DeploymentID: "deployment-1", Key: newKey(t), KeyID: "platform-key-1",
		Unpublished: newKey(t), users: map[string]Launch{}, svc: services{tokens: map[string][]string{}, assertions: map[string]bool{},
			lineItems: map[string][]LineItem{}, rosters: map[string][]Member{}}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /jwks", p.serveKeySet)
	mux.HandleFunc("GET /auth", p.authorise)
	mux.HandleFunc("POST /deep-link-return", p.receiveDeepLink)
	mux.HandleFunc("GET /course", p.serveCoursePage)
	p.serviceRoutes(mux)
	p.registrationRoutes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	p.Issuer = "http://" + net.JoinHostPort(host, port)
	return p
}

func newKey(t testing.TB) *rsa.PrivateKey {
	t.Helper()
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// Registration is the body that registers this platform with Tandem.
func (p *Platform) Registration(name string) map[string]any {
	return map[string]any{"name": name, "issuer": p.Issuer, "client_id": p.ClientID, "deployment_ids": []string{p.DeploymentID},
		"auth_url": p.Issuer + "/auth", "token_url": p.Issuer + "/token", "key_set_url": p.Issuer + "/jwks"}
}

// Expect makes login hint stand for l at the authorisation endpoint.
func (p *Platform) Expect(hint string, l Launch) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.users[hint] = l
}

func (p *Platform) serveKeySet(w http.ResponseWriter, _ *http.Request) {
	b64 := base64.RawURLEncoding
	pub := p.Key.PublicKey
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"keys": []map[string]string{{
		"kty": "RSA", "alg": "RS256", "use": "sig", "kid": p.KeyID,
		"n": b64.EncodeToString(pub.N.Bytes()), "e": b64.EncodeToString(big.NewInt(int64(pub.E)).Bytes()),
	}}})
}

var autoPost = template.Must(template.New("post").Parse(`<!doctype html><html><body onload="document.forms[0].submit()">
<form method="post" action="{{.Action}}"><input type="hidden" name="id_token" value="{{.IDToken}}">
<input type="hidden" name="state" value="{{.State}}"></form></body></html>`))

// authorise answers an authentication request for a login hint it expects with the form that
// posts the launch to the redirect URI.
func (p *Platform) authorise(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p.mu.Lock()
	l, ok := p.users[q.Get("login_hint")]
	p.mu.Unlock()
	if !ok || q.Get("client_id") != p.ClientID || q.Get("response_type") != "id_token" || q.Get("scope") != "openid" {
		http.Error(w, "unexpected authentication request", http.StatusBadRequest)
		return
	}
	tok := p.Sign(p.Claims(l, q.Get("nonce")))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_ = autoPost.Execute(w, map[string]string{"Action": q.Get("redirect_uri"), "IDToken": tok, "State": q.Get("state")})
}

// Claims are the id_token claims of a resource link launch of l with nonce.
func (p *Platform) Claims(l Launch, nonce string) jwt.MapClaims {
	const lti = "https://purl.imsglobal.org/spec/lti/claim/"
	now := time.Now()
	c := jwt.MapClaims{
		"iss": p.Issuer, "aud": p.ClientID, "sub": l.Subject, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
		"nonce": nonce, "name": l.Name, "email": l.Email,
		lti + "message_type": "LtiResourceLinkRequest", lti + "version": "1.3.0", lti + "deployment_id": p.DeploymentID,
		lti + "target_link_uri": l.TargetLinkURI, lti + "resource_link": map[string]any{"id": "link-" + l.CourseID},
		lti + "roles": l.Roles, lti + "context": map[string]any{"id": l.CourseID, "title": l.Course},
	}
	if l.Custom != nil {
		c[lti+"custom"] = l.Custom
	}
	p.serviceClaims(c, l)
	if l.DeepLinkReturn != "" {
		DeepLinking(c, l.DeepLinkReturn)
	}
	return c
}

// receiveDeepLink keeps a deep-linking response the browser posted back and makes the line
// items its content items ask for in the course the request's data names.
func (p *Platform) receiveDeepLink(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	p.answered = append(p.answered, r.PostFormValue("JWT"))
	p.mu.Unlock()
	p.addDeepLinkedLineItems(r.PostFormValue("JWT"))
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, _ = w.Write([]byte("<!doctype html><title>Course updated</title><p>Items added.</p>"))
}

// DeepLinkResponses are the deep-linking responses posted back so far.
func (p *Platform) DeepLinkResponses() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.answered...)
}

// Sign signs claims with the platform's published key.
func (p *Platform) Sign(c jwt.MapClaims) string { return p.SignWith(c, p.Key, p.KeyID) }

// SignWith signs claims with key under kid.
func (p *Platform) SignWith(c jwt.MapClaims, key *rsa.PrivateKey, kid string) string {
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, c)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	if err != nil {
		panic(err)
	}
	return s
}

// AuthRequest is what Tandem's login initiation sent the browser to.
func AuthRequest(location string) (url.Values, error) {
	u, err := url.Parse(location)
	if err != nil {
		return nil, err
	}
	return u.Query(), nil
}

// DeepLinking turns c into a deep-linking request whose answer goes to returnURL.
func DeepLinking(c jwt.MapClaims, returnURL string) {
	c["https://purl.imsglobal.org/spec/lti/claim/message_type"] = "LtiDeepLinkingRequest"
	delete(c, "https://purl.imsglobal.org/spec/lti/claim/resource_link")
	c["https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"] = map[string]any{
		"deep_link_return_url": returnURL, "accept_types": []string{"ltiResourceLink"},
		"accept_presentation_document_targets": []string{"window"}, "accept_multiple": true, "data": "course:" + courseOf(c),
	}
}
