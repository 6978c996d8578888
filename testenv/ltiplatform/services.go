package ltiplatform

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/MicahParks/keyfunc/v3"
	"github.com/golang-jwt/jwt/v5"
)

// The LTI Advantage service scopes the platform grants.
const (
	ScopeLineItem    = "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"
	ScopeScore       = "https://purl.imsglobal.org/spec/lti-ags/scope/score"
	ScopeMemberships = "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly"
)

// LineItem is a gradebook column of a course.
type LineItem struct {
	ID           string  `json:"id"`
	Label        string  `json:"label"`
	ScoreMaximum float64 `json:"scoreMaximum"`
	ResourceID   string  `json:"resourceId,omitempty"`
	Tag          string  `json:"tag,omitempty"`
}

// Score is a score the gradebook received, with the line item's resource id.
type Score struct {
	Resource         string  `json:"-"`
	UserID           string  `json:"userId"`
	ScoreGiven       float64 `json:"scoreGiven"`
	ScoreMaximum     float64 `json:"scoreMaximum"`
	ActivityProgress string  `json:"activityProgress"`
	GradingProgress  string  `json:"gradingProgress"`
	Comment          string  `json:"comment"`
	Timestamp        string  `json:"timestamp"`
}

// Member is one person on a course's roster (NRPS).
type Member struct {
	UserID string   `json:"user_id"`
	Name   string   `json:"name,omitempty"`
	Email  string   `json:"email,omitempty"`
	Roles  []string `json:"roles"`
	Status string   `json:"status,omitempty"`
}

// services is the platform's gradebook, roster and token endpoint state.
type services struct {
	mu          sync.Mutex
	toolKeys    keyfunc.Keyfunc
	tokens      map[string][]string // access token -> scopes
	assertions  map[string]bool     // client assertion ids seen, refused when replayed
	tokenAsked  int
	lineItems   map[string][]LineItem // by course
	scores      []Score
	rosters     map[string][]Member // by course
	failScores  int
	refusedWhys []string
}

// TrustTool makes the token endpoint check client assertions against the tool's key set.
func (p *Platform) TrustTool(t interface{ Fatal(...any) }, keySetURL string) {
	k, err := keyfunc.NewDefaultCtx(context.Background(), []string{keySetURL})
	if err != nil {
		t.Fatal(err)
	}
	p.svc.mu.Lock()
	p.svc.toolKeys = k
	p.svc.mu.Unlock()
}

// FailScores makes the next n score posts answer 503.
func (p *Platform) FailScores(n int) {
	p.svc.mu.Lock()
	p.svc.failScores = n
	p.svc.mu.Unlock()
}

// Scores are the scores received so far.
func (p *Platform) Scores() []Score {
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	return append([]Score(nil), p.svc.scores...)
}

// LineItems are a course's line items.
func (p *Platform) LineItems(course string) []LineItem {
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	return append([]LineItem(nil), p.svc.lineItems[course]...)
}

// TokensIssued counts the token requests the token endpoint answered with a token.
func (p *Platform) TokensIssued() int {
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	return p.svc.tokenAsked
}

// TokenRefusals are the reasons the token endpoint refused requests, in order.
func (p *Platform) TokenRefusals() []string {
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	return append([]string(nil), p.svc.refusedWhys...)
}

// SetRoster sets a course's roster.
func (p *Platform) SetRoster(course string, members []Member) {
	p.svc.mu.Lock()
	p.svc.rosters[course] = members
	p.svc.mu.Unlock()
}

func (p *Platform) serviceRoutes(mux *http.ServeMux) {
	mux.HandleFunc("POST /token", p.token)
	mux.HandleFunc("GET /courses/{course}/lineitems", p.listLineItems)
	mux.HandleFunc("POST /courses/{course}/lineitems", p.createLineItem)
	mux.HandleFunc("POST /courses/{course}/lineitems/{n}/scores", p.receiveScore)
	mux.HandleFunc("GET /courses/{course}/memberships", p.memberships)
}

// token is the OAuth 2 token endpoint: client credentials with a client assertion signed by
// the tool's key (RFC 7523), checked against the tool's key set.
func (p *Platform) token(w http.ResponseWriter, r *http.Request) {
	if why := p.checkAssertion(r); why != "" {
		p.svc.mu.Lock()
		p.svc.refusedWhys = append(p.svc.refusedWhys, why)
		p.svc.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_client", "error_description": why})
		return
	}
	scopes := strings.Fields(r.PostFormValue("scope"))
	granted := []string{}
	for _, s := range scopes {
		if s == ScopeLineItem || s == ScopeScore || s == ScopeMemberships {
			granted = append(granted, s)
		}
	}
	tok := randomToken()
	p.svc.mu.Lock()
	p.svc.tokens[tok] = granted
	p.svc.tokenAsked++
	p.svc.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"access_token": tok, "token_type": "Bearer", "expires_in": 3600, "scope": strings.Join(granted, " ")})
}

// checkAssertion returns why a token request is refused, "" when it is not.
func (p *Platform) checkAssertion(r *http.Request) string {
	if r.PostFormValue("grant_type") != "client_credentials" ||
		r.PostFormValue("client_assertion_type") != "urn:ietf:params:oauth:client-assertion-type:jwt-bearer" {
		return "grant"
	}
	p.svc.mu.Lock()
	keys := p.svc.toolKeys
	p.svc.mu.Unlock()
	if keys == nil {
		return "no tool key set"
	}
	c := jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(r.PostFormValue("client_assertion"), &c, keys.Keyfunc, jwt.WithValidMethods([]string{"RS256"}),
		jwt.WithIssuer(p.ClientID), jwt.WithSubject(p.ClientID), jwt.WithAudience(p.Issuer+"/token"), jwt.WithExpirationRequired())
	if err != nil {
		return "assertion: " + err.Error()
	}
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	if c.ID == "" || p.svc.assertions[c.ID] {
		return "assertion replayed"
	}
	p.svc.assertions[c.ID] = true
	return ""
}

// authorised says whether the request's bearer token grants scope.
func (p *Platform) authorised(r *http.Request, scope string) bool {
	tok, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	return ok && slices.Contains(p.svc.tokens[tok], scope)
}

func (p *Platform) listLineItems(w http.ResponseWriter, r *http.Request) {
	if !p.authorised(r, ScopeLineItem) {
		http.Error(w, "unauthorised", http.StatusUnauthorized)
		return
	}
	res := r.URL.Query().Get("resource_id")
	out := []LineItem{}
	for _, it := range p.LineItems(r.PathValue("course")) {
		if res == "" || it.ResourceID == res {
			out = append(out, it)
		}
	}
	w.Header().Set("Content-Type", "application/vnd.ims.lis.v2.lineitemcontainer+json")
	_ = json.NewEncoder(w).Encode(out)
}

func (p *Platform) createLineItem(w http.ResponseWriter, r *http.Request) {
	if !p.authorised(r, ScopeLineItem) {
		http.Error(w, "unauthorised", http.StatusUnauthorized)
		return
	}
	var it LineItem
	if err := json.NewDecoder(r.Body).Decode(&it); err != nil || it.Label == "" || it.ScoreMaximum <= 0 {
		http.Error(w, "a line item needs a label and a scoreMaximum", http.StatusBadRequest)
		return
	}
	it = p.addLineItem(r.PathValue("course"), it)
	w.Header().Set("Content-Type", "application/vnd.ims.lis.v2.lineitem+json")
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(it)
}

// addLineItem adds a line item to a course, giving it its URL as id.
func (p *Platform) addLineItem(course string, it LineItem) LineItem {
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	it.ID = fmt.Sprintf("%s/courses/%s/lineitems/%d", p.Issuer, course, len(p.svc.lineItems[course])+1)
	p.svc.lineItems[course] = append(p.svc.lineItems[course], it)
	return it
}

func (p *Platform) receiveScore(w http.ResponseWriter, r *http.Request) {
	if !p.authorised(r, ScopeScore) {
		http.Error(w, "unauthorised", http.StatusUnauthorized)
		return
	}
	if r.Header.Get("Content-Type") != "application/vnd.ims.lis.v1.score+json" {
		http.Error(w, "scores are application/vnd.ims.lis.v1.score+json", http.StatusUnsupportedMediaType)
		return
	}
	var sc Score
	if err := json.NewDecoder(r.Body).Decode(&sc); err != nil || sc.UserID == "" {
		http.Error(w, "a score needs a userId", http.StatusBadRequest)
		return
	}
	if _, err := time.Parse(time.RFC3339, sc.Timestamp); err != nil {
		http.Error(w, "a score needs an ISO 8601 timestamp", http.StatusBadRequest)
		return
	}
	p.svc.mu.Lock()
	defer p.svc.mu.Unlock()
	if p.svc.failScores > 0 {
		p.svc.failScores--
		http.Error(w, "gradebook is down for maintenance", http.StatusServiceUnavailable)
		return
	}
	id := fmt.Sprintf("%s/courses/%s/lineitems/%s", p.Issuer, r.PathValue("course"), r.PathValue("n"))
	for _, it := range p.svc.lineItems[r.PathValue("course")] {
		if it.ID == id {
			sc.Resource = it.ResourceID
			p.svc.scores = append(p.svc.scores, sc)
			w.WriteHeader(http.StatusNoContent)
			return
		}
	}
	http.Error(w, "no such line item", http.StatusNotFound)
}

// memberships answers the NRPS context membership service.
func (p *Platform) memberships(w http.ResponseWriter, r *http.Request) {
	if !p.authorised(r, ScopeMemberships) {
		http.Error(w, "unauthorised", http.StatusUnauthorized)
		return
	}
	course := r.PathValue("course")
	p.svc.mu.Lock()
	members := append([]Member{}, p.svc.rosters[course]...)
	p.svc.mu.Unlock()
	w.Header().Set("Content-Type", "application/vnd.ims.lti-nrps.v2.membershipcontainer+json")
	_ = json.NewEncoder(w).Encode(map[string]any{"id": p.Issuer + r.URL.Path, "context": map[string]string{"id": course}, "members": members})
}

// serviceClaims adds the grade and roster service claims of l's course to c.
func (p *Platform) serviceClaims(c jwt.MapClaims, l Launch) {
	course := p.Issuer + "/courses/" + l.CourseID
	ags := map[string]any{"scope": []string{ScopeLineItem, ScopeScore}, "lineitems": course + "/lineitems"}
	if l.LineItem != "" {
		ags["lineitem"] = p.lineItemFor(l.CourseID, l.LineItem).ID
	}
	c["https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"] = ags
	c["https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice"] = map[string]any{
		"context_memberships_url": course + "/memberships", "service_versions": []string{"2.0"}}
}

// lineItemFor returns the course's first line item for resource, made when there is none.
func (p *Platform) lineItemFor(course, resource string) LineItem {
	for _, it := range p.LineItems(course) {
		if it.ResourceID == resource {
			return it
		}
	}
	return p.addLineItem(course, LineItem{Label: resource, ScoreMaximum: 100, ResourceID: resource})
}

// addDeepLinkedLineItems makes the line items a deep-linking response's items ask for.
func (p *Platform) addDeepLinkedLineItems(raw string) {
	c := jwt.MapClaims{}
	if _, _, err := jwt.NewParser().ParseUnverified(raw, c); err != nil {
		return
	}
	course, ok := strings.CutPrefix(fmt.Sprint(c["https://purl.imsglobal.org/spec/lti-dl/claim/data"]), "course:")
	items, _ := c["https://purl.imsglobal.org/spec/lti-dl/claim/content_items"].([]any)
	for _, raw := range items {
		item, _ := raw.(map[string]any)
		li, _ := item["lineItem"].(map[string]any)
		if !ok || li == nil {
			continue
		}
		maximum, _ := li["scoreMaximum"].(float64)
		label, _ := li["label"].(string)
		res, _ := li["resourceId"].(string)
		tag, _ := li["tag"].(string)
		p.addLineItem(course, LineItem{Label: label, ScoreMaximum: maximum, ResourceID: res, Tag: tag})
	}
}

// courseOf is the context id of launch claims.
func courseOf(c jwt.MapClaims) string {
	ctx, _ := c["https://purl.imsglobal.org/spec/lti/claim/context"].(map[string]any)
	id, _ := ctx["id"].(string)
	return id
}

func randomToken() string {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
